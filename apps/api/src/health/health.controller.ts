import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { type Response } from 'express';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@kamflow/eventsourcing';
import { APP_CONFIG, type AppConfig, Public, ReadinessRegistry } from '@kamflow/infrastructure';
import { ApiAnswer } from '../openapi/api-answer.decorator';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readiness: ReadinessRegistry,
  ) {}

  /** Liveness: the process answers. */
  @Public()
  @ApiAnswer('Liveness', 200, 'Health')
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Readiness: the event store answers and every background component reports in. */
  @Public()
  @ApiAnswer('Readiness of the event store and every background component', 200, 'Readiness')
  @ApiResponse({ status: 503, description: 'Not ready: the event store or a background component is down', schema: { $ref: '#/components/schemas/Readiness' } })
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const started = Date.now();
    let head: number;
    try {
      head = await this.store.headPosition();
    } catch (error) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', checks: { eventStore: { status: 'down', error: (error as Error).message } } };
    }
    const components = await this.readiness.report(head);
    const ready = Object.values(components).every((c) => c.status === 'up');
    // Quarantined events degrade one read model or process, not the instance: it keeps taking traffic (200).
    const down = Object.values(components).some((c) => c.status === 'down');
    const body = {
      status: ready ? 'ready' : 'degraded',
      mode: this.config.mode,
      checks: {
        eventStore: { status: 'up', headPosition: head, latencyMs: Date.now() - started },
        ...components,
      },
    };
    if (down) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
