import { type DynamicModule, Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@kamflow/eventsourcing';
import { type Projection } from '@kamflow/projections';
import { EVENT_SOURCE, LogEventSource } from './event-source';
import { ProjectionRunner } from './projection-runner';

/** DI token for the projections an application runs. */
export const PROJECTIONS = Symbol('PROJECTIONS');

/**
 * Runs `projections` in this process with one {@link ProjectionRunner}, fed by the event store's global
 * log (override `EVENT_SOURCE` to feed it from elsewhere). They start tailing when the application boots.
 */
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
  ) {}

  static forRoot(projections: readonly Projection[]): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      providers: [
        { provide: PROJECTIONS, useValue: projections },
        {
          provide: EVENT_SOURCE,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => new LogEventSource(store),
        },
        ProjectionRunner,
      ],
      exports: [ProjectionRunner, PROJECTIONS, EVENT_SOURCE],
    };
  }

  onApplicationBootstrap(): void {
    for (const projection of this.projections) this.runner.start(projection);
  }
}
