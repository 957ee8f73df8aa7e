import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@kamflow/platform';
import { DESK_PROJECTIONS } from '@kamflow/projections';
import { GetOrderDetailHandler, SearchOrdersHandler } from './orders/order.queries';
import { ReadModelGate } from './read-model-gate';
import { ProviderShipmentsHandler } from './shipments/provider-shipments.query';
import { WorkQueueCountsHandler, WorkQueueItemsHandler } from '../work-queues/work-queue.queries';

/** The desk's and providers' read models: the projections, run in this process, and their query handlers. */
@Module({
  imports: [ProjectionsModule.forRoot(DESK_PROJECTIONS)],
  providers: [
    ReadModelGate,
    SearchOrdersHandler,
    GetOrderDetailHandler,
    ProviderShipmentsHandler,
    WorkQueueItemsHandler,
    WorkQueueCountsHandler,
  ],
  exports: [ReadModelGate],
})
export class ReadModelsModule {}
