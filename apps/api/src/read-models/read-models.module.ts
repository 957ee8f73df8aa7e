import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@kamflow/infrastructure';
import { ALL_PROJECTIONS } from '@kamflow/projections';
import { GetOrderDetailHandler, SearchOrdersHandler } from './orders/order.queries';
import { ReadModelGate } from './read-model-gate';
import { ProviderShipmentsHandler } from './shipments/provider-shipments.query';
import { WorkQueueCountsHandler, WorkQueueItemsHandler } from '../work-queues/work-queue.queries';
import { AccountDashboardHandler } from '../dashboards/account-dashboard.query';
import { FinanceListHandler } from '../finance/finance-lists.query';
import { ReceivablesHandler } from '../finance/receivables.query';
import { AccountRankingHandler } from '../ranking/account-ranking.query';

/** The read models of the desk, providers, account managers and finance: the projections, run in this process, and their query handlers. */
@Module({
  imports: [ProjectionsModule.forRoot(ALL_PROJECTIONS)],
  providers: [
    ReadModelGate,
    SearchOrdersHandler,
    GetOrderDetailHandler,
    ProviderShipmentsHandler,
    WorkQueueItemsHandler,
    WorkQueueCountsHandler,
    AccountDashboardHandler,
    AccountRankingHandler,
    ReceivablesHandler,
    FinanceListHandler,
  ],
  exports: [ReadModelGate],
})
export class ReadModelsModule {}
