import { Inject, Module, Optional, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@kamflow/eventsourcing';
import {
  FULFILMENT_CATEGORIES,
  orderProcessDecider,
  type OrderProcessCommand,
  orderProcessStreamId,
  fulfilmentKeyOf,
  reactToFulfilmentEvent,
} from '@kamflow/fulfilment';
import { orderDecider, orderStreamId, type OrderState } from '@kamflow/ordering';
import {
  APP_CONFIG,
  type AppConfig,
  CommandRouter,
  DISTRIBUTED_OPTIONS,
  type DistributedOptions,
  ProcessRunner,
  route,
} from '@kamflow/infrastructure';

/** The fulfilment process manager, run durably by the process runner. */
@Module({ providers: [ProcessRunner], exports: [ProcessRunner] })
export class FulfilmentModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly router: CommandRouter,
    private readonly runner: ProcessRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(DISTRIBUTED_OPTIONS) private readonly distributed?: DistributedOptions,
  ) {}

  onModuleInit(): void {
    this.router.register(
      route({
        context: 'fulfilment',
        types: ['TrackDelivery', 'TrackAcceptanceSigned', 'CheckAcceptanceOverdue'],
        decider: orderProcessDecider,
        streamId: (c: OrderProcessCommand) => orderProcessStreamId(c.data.orderId),
      }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    // Distributed: only the fulfilment service runs the process (the gateway loads this module for its routes).
    if (this.distributed && !this.distributed.localContexts.includes('fulfilment')) return;
    // The order stream belongs to ordering: in the distributed mode `store` answers it from the service's
    // event mirror (fed from kamflow.ordering.events), embedded from the event store itself.
    const ports = {
      acceptanceOverdueDays: this.config.acceptanceOverdueDays,
      orderAt: async (orderId: string, revision?: number): Promise<OrderState> => {
        const { events } = await this.store.readStream(orderStreamId(orderId));
        const upTo = revision === undefined ? events : events.filter((e) => e.streamRevision <= revision);
        return upTo.reduce((s, e) => orderDecider.evolve(s, e as never), orderDecider.initialState());
      },
    };
    await this.runner.start({
      name: 'fulfilment',
      categories: FULFILMENT_CATEGORIES,
      react: (event) => reactToFulfilmentEvent(event, ports),
      keyOf: fulfilmentKeyOf,
    });
  }
}
