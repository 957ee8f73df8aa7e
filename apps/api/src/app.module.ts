import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  type AppConfig,
  AuthModule,
  CommandsModule,
  ConfigModule,
  HttpMetricsMiddleware,
  LoggingModule,
  MetricsModule,
  PersistenceModule,
} from '@kamflow/platform';
import { AcceptanceModule } from '@apps/acceptance';
import { BillingModule } from '@apps/billing';
import { ConfigurationModule } from '@apps/configuration';
import { CreditModule } from '@apps/credit';
import { DeliveryModule } from '@apps/delivery';
import { FulfilmentModule } from '@apps/fulfilment';
import { OrderingModule } from '@apps/ordering';
import { AccountViewService } from './accounts/account-view.service';
import { AccountsController } from './accounts/accounts.controller';
import { CatalogController } from './catalog/catalog.controller';
import { CreditChangesController } from './credit-changes/credit-changes.controller';
import { DemoSeeder } from './demo/demo-seeder';
import { HealthController } from './health/health.controller';
import { MasterDataModule } from './master-data/master-data.module';
import { OrderViewService } from './orders/order-view.service';
import { InvoicesController } from './invoices/invoices.controller';
import { OrdersController } from './orders/orders.controller';
import { ProvidersController } from './providers/providers.controller';
import { ShipmentViewService } from './shipments/shipment-view.service';
import { ShipmentsController } from './shipments/shipments.controller';
import { StreamReader } from './shared/stream-reader.service';
import { ReadModelsModule } from './read-models/read-models.module';
import { WorkQueuesController } from './work-queues/work-queues.controller';

/** The embedded application: every context's module in one process. */
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
      ],
      controllers: [
        HealthController,
        OrdersController,
        AccountsController,
        CreditChangesController,
        CatalogController,
        ShipmentsController,
        InvoicesController,
        ProvidersController,
        WorkQueuesController,
      ],
      providers: [DemoSeeder, StreamReader, OrderViewService, AccountViewService, ShipmentViewService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
