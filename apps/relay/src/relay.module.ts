import { type DynamicModule, Module } from '@nestjs/common';
import {
  type AppConfig,
  ConfigModule,
  LoggingModule,
  MetricsModule,
  PersistenceModule,
} from '@kamflow/infrastructure';
import { RelayHealthController } from './relay-health.controller';
import { RELAY_SETTINGS, RelayService, type RelaySettings } from './relay.service';

/** The relay process: event store (PostgreSQL), Kafka producer, `/health`, `/ready`; `/metrics` on the management listener. */
@Module({})
export class RelayModule {
  static forRoot(config: AppConfig, settings: RelaySettings): DynamicModule {
    return {
      module: RelayModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        MetricsModule,
        PersistenceModule,
      ],
      controllers: [RelayHealthController],
      providers: [{ provide: RELAY_SETTINGS, useValue: settings }, RelayService],
    };
  }
}
