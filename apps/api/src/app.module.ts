import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  type AppConfig,
  AuthModule,
  ConfigModule,
  HttpMetricsMiddleware,
  LoggingModule,
  MetricsModule,
  PersistenceModule,
} from '@kamflow/platform';
import { HealthController } from './health/health.controller';

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
        AuthModule,
      ],
      controllers: [HealthController],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
