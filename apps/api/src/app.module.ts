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
import { DemoSeeder } from './demo/demo-seeder';
import { HealthController } from './health/health.controller';
import { MasterDataModule } from './master-data/master-data.module';
import { OrderViewService } from './orders/order-view.service';
import { OrdersController } from './orders/orders.controller';
import { StreamReader } from './shared/stream-reader.service';

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
      ],
      controllers: [HealthController, OrdersController],
      providers: [DemoSeeder, StreamReader, OrderViewService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
