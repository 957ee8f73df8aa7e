import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig, ManagementListener, ProblemDetailsFilter } from '@kamflow/infrastructure';
import { RelayModule } from './relay.module';
import { type RelaySettings } from './relay.service';

/**
 * The relay: `DATABASE_URL` (the event store) and `KAFKA_BROKERS` are required. `PORT` (default 3100)
 * serves /health and /ready, the management listener (`MANAGEMENT_HOST`:`MANAGEMENT_PORT`) /metrics. `KAFKA_TOPIC_PREFIX`, `KAFKA_PARTITIONS`, `KAFKA_REPLICATION_FACTOR`
 * and `RELAY_BATCH_SIZE` tune the topics and batches. Several replicas may run: one leads (a PostgreSQL
 * advisory lock), the others retry every `RELAY_STANDBY_RETRY_MS` (default 2000); the leader checks its
 * lock connection every `RELAY_LEADER_CHECK_MS` (default 1000).
 */
async function main(): Promise<void> {
  let settings: RelaySettings;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: process.env.PORT ?? '3100' };
  let config;
  try {
    config = loadConfig(env);
    if (!config.databaseUrl) throw new ConfigError('DATABASE_URL', 'is required by the relay');
    if (config.kafkaBrokers.length === 0) throw new ConfigError('KAFKA_BROKERS', 'is required by the relay');
    settings = {
      topicPrefix: env.KAFKA_TOPIC_PREFIX?.trim() || 'kamflow',
      partitions: positive(env, 'KAFKA_PARTITIONS', 3),
      replicationFactor: positive(env, 'KAFKA_REPLICATION_FACTOR', 1),
      batchSize: positive(env, 'RELAY_BATCH_SIZE', 500),
      standbyRetryMs: positive(env, 'RELAY_STANDBY_RETRY_MS', 2000),
      leaderCheckMs: positive(env, 'RELAY_LEADER_CHECK_MS', 1000),
    };
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await NestFactory.create(RelayModule.forRoot(config, settings), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.port, config.host);
  const management = app.get(ManagementListener).url;
  console.log(
    `kamflow relay on ${await app.getUrl()} (health, ready); ` +
      (management ? `metrics ${management}/metrics` : 'metrics not served (see the warning above)'),
  );
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^[1-9]\d*$/.test(raw)) throw new ConfigError(name, `must be a positive whole number, got "${raw}"`);
  return Number(raw);
}

main().catch((error: unknown) => {
  console.error('kamflow relay failed to start:', error);
  process.exit(1);
});
