import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, type Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  type AppConfig,
  AuthModule,
  CommandsModule,
  ConfigModule,
  DistributedModule,
  HttpMetricsMiddleware,
  LoggingModule,
  MetricsModule,
  PARTNER_COMMAND_HANDLER,
  PartnerCommandsRuntime,
  PersistenceModule,
} from '@kamflow/infrastructure';
import { AcceptanceModule } from '@apps/acceptance';
import { BillingModule } from '@apps/billing';
import { ConfigurationModule } from '@apps/configuration';
import { CreditModule } from '@apps/credit';
import { DeliveryModule } from '@apps/delivery';
import { FulfilmentModule } from '@apps/fulfilment';
import { OrderingModule } from '@apps/ordering';
import { AccountViewService } from './accounts/account-view.service';
import { AccountsController } from './accounts/accounts.controller';
import { AccountDashboardController } from './dashboards/account-dashboard.controller';
import { FinanceController } from './finance/finance.controller';
import { AccountRankingController } from './ranking/account-ranking.controller';
import { CatalogController } from './catalog/catalog.controller';
import { CreditChangesController } from './credit-changes/credit-changes.controller';
import { DemoSeeder } from './demo/demo-seeder';
import { HealthController } from './health/health.controller';
import { MasterDataModule } from './master-data/master-data.module';
import { OrderViewService } from './orders/order-view.service';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesService } from './invoices/invoices.service';
import { OrdersController } from './orders/orders.controller';
import { PartnerCommandsService } from './providers/partner-commands.service';
import { ProvidersController } from './providers/providers.controller';
import { ShipmentViewService } from './shipments/shipment-view.service';
import { ShipmentsController } from './shipments/shipments.controller';
import { ShipmentsService } from './shipments/shipments.service';
import { StreamReader } from './shared/stream-reader.service';
import { ReadModelsModule } from './read-models/read-models.module';
import { OperationsModule } from './operations/operations.module';
import { WorkQueuesController } from './work-queues/work-queues.controller';
import { AdminUiModule } from './ui/admin-ui.module';

/**
 * Partner commands on Kafka (`kamflow.partner.commands.v1`), applied like their HTTP routes: wherever
 * Kafka is configured, i.e. the gateway of the distributed mode, or the embedded mode with `KAFKA_BROKERS`.
 */
function partnerCommandProviders(config: AppConfig): Provider[] {
  if (config.kafkaBrokers.length === 0) return [];
  return [
    PartnerCommandsService,
    { provide: PARTNER_COMMAND_HANDLER, useExisting: PartnerCommandsService },
    PartnerCommandsRuntime,
  ];
}

/** The embedded application (every context's module in one process), or the gateway of the distributed mode. */
@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        CqrsModule.forRoot(),
        MetricsModule,
        PersistenceModule,
        CommandsModule,
        AuthModule,
        MasterDataModule,
        OrderingModule,
        ConfigurationModule,
        CreditModule,
        DeliveryModule,
        AcceptanceModule,
        BillingModule,
        FulfilmentModule,
        ReadModelsModule,
        OperationsModule,
        // Distributed: this process is the gateway. It loads every context module for the routing table and
        // owns only the accounts context; other commands go over Kafka, reads come from its event mirror.
        ...(config.distributed
          ? [DistributedModule.forRoot(config, { service: 'gateway', localContexts: ['accounts'], consumeCommands: false, mirror: 'all' })]
          : []),
        AdminUiModule,
      ],
      controllers: [
        HealthController,
        OrdersController,
        // Before AccountsController: `/accounts/ranking` must not be read as an account id.
        AccountRankingController,
        AccountDashboardController,
        AccountsController,
        FinanceController,
        CreditChangesController,
        CatalogController,
        ShipmentsController,
        InvoicesController,
        ProvidersController,
        WorkQueuesController,
      ],
      providers: [
        DemoSeeder,
        StreamReader,
        OrderViewService,
        AccountViewService,
        ShipmentViewService,
        ShipmentsService,
        InvoicesService,
        ...partnerCommandProviders(config),
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
