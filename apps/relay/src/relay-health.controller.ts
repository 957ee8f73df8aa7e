import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { type Response } from 'express';
import { EVENT_STORE, type EventStore } from '@kamflow/eventsourcing';
import { ReadinessRegistry } from '@kamflow/infrastructure';

/** Liveness and readiness of the relay (readiness includes the relay lag). */
@Controller()
export class RelayHealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    let head: number;
    try {
      head = await this.store.headPosition();
    } catch (error) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return {
        status: 'unavailable',
        checks: { eventStore: { status: 'down', error: (error as Error).message } },
      };
    }
    const checks = await this.readiness.report(head);
    const ready = Object.values(checks).every((c) => c.status === 'up');
    if (!ready) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ready ? 'ready' : 'degraded',
      checks: { eventStore: { status: 'up', headPosition: head }, ...checks },
    };
  }
}
