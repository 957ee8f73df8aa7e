import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { type Response } from 'express';
import { EVENT_STORE, type EventStore } from '@kamflow/eventsourcing';
import { ReadinessRegistry } from '../health/readiness.registry';
import { DISTRIBUTED_OPTIONS, type DistributedOptions } from '../distributed/distributed.module';

/** `/health` (the process answers) and `/ready` (the event store answers, every component reports up) of a service. */
@Controller()
export class ServiceHealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DISTRIBUTED_OPTIONS) private readonly options: DistributedOptions,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('health')
  health() {
    return { status: 'ok', service: this.options.service };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    let head: number;
    try {
      head = await this.store.headPosition();
    } catch (error) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', service: this.options.service, checks: { eventStore: { status: 'down', error: (error as Error).message } } };
    }
    const checks = await this.readiness.report(head);
    const ready = Object.values(checks).every((c) => c.status === 'up');
    // Quarantined events degrade one read model or process, not the service: it keeps taking traffic (200).
    if (Object.values(checks).some((c) => c.status === 'down')) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ready ? 'ready' : 'degraded',
      service: this.options.service,
      contexts: this.options.localContexts,
      checks: { eventStore: { status: 'up', headPosition: head }, ...checks },
    };
  }
}
