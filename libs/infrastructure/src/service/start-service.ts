import 'reflect-metadata';
import { type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { type AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { CommandsModule } from '../commands/commands.module';
import { DistributedModule, type DistributedOptions } from '../distributed/distributed.module';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { LoggingModule } from '../logging/logging.module';
import { ManagementListener, MetricsModule } from '../metrics/metrics.module';
import { PersistenceModule } from '../persistence/persistence.module';
import { ServiceHealthController } from './service-health.controller';

/** One context service of the distributed mode. */
export interface ServiceDefinition {
  /** `ordering`, `billing`...: names its consumer groups, mirror and logs. */
  service: string;
  /** The contexts it executes (their command topics) and owns (their streams). */
  contexts: readonly string[];
  /** The Nest modules that register the contexts' command routes (and run their background work). */
  modules: readonly Type<unknown>[];
  /**
   * Modules loaded only for their command routes (the routing table of commands this service sends to
   * other contexts); their commands are executed by their own services.
   */
  routingModules?: readonly Type<unknown>[];
  /** `PORT` when unset. */
  defaultPort: number;
  /** Foreign events the service needs (see {@link DistributedOptions.mirror}). */
  mirror?: DistributedOptions['mirror'];
}

@Module({})
class ServiceModule {
  static forRoot(config: AppConfig, definition: ServiceDefinition): DynamicModule {
    return {
      module: ServiceModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        MetricsModule,
        PersistenceModule,
        CommandsModule,
        DistributedModule.forRoot(config, {
          service: definition.service,
          localContexts: definition.contexts,
          consumeCommands: true,
          mirror: definition.mirror,
        }),
        ...definition.modules,
        ...(definition.routingModules ?? []),
      ],
      controllers: [ServiceHealthController],
    };
  }
}

/** Reads the configuration of a service process (always distributed; `DATABASE_URL` and `KAFKA_BROKERS` required). */
export function serviceConfig(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): AppConfig {
  return loadConfig({ ...env, PORT: env.PORT ?? String(definition.defaultPort), MODE: 'distributed', DISTRIBUTED: undefined });
}

/**
 * Builds and starts a service: its modules, the command consumer, `/health` and `/ready` on `PORT`, and
 * Prometheus `/metrics` on the management listener (`MANAGEMENT_HOST`:`MANAGEMENT_PORT`).
 */
export async function createService(definition: ServiceDefinition, config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(ServiceModule.forRoot(config, definition), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.port, config.host);
  return app;
}

/** The `main` of `apps/<context>/src/main.ts`: exits 2 on bad configuration, 1 when the start fails. */
export function startService(definition: ServiceDefinition): void {
  let config: AppConfig;
  try {
    config = serviceConfig(definition);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  createService(definition, config).then(
    async (app) => {
      const management = app.get(ManagementListener).url;
      console.log(
        `kamflow ${definition.service} service on ${await app.getUrl()} (health, ready); ` +
          (management ? `metrics ${management}/metrics` : 'metrics not served (see the warning above)'),
      );
    },
    (error: unknown) => {
      console.error(`kamflow ${definition.service} service failed to start:`, error);
      process.exit(1);
    },
  );
}
