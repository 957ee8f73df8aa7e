/**
 * The provider simulator: `node dist/apps/provider-simulator/src/main.js` (add `--kafka` to report on the
 * partner command topic instead of the HTTP API). See {@link loadSimulatorConfig} for the environment.
 */
import { KafkaMessaging } from '@kamflow/messaging';
import { type Reporter, HttpReporter, KafkaReporter } from './reporters';
import { ProviderSimulator } from './simulator';
import { loadSimulatorConfig, SimulatorConfigError } from './simulator.config';

function log(level: string, message: string, details: Record<string, unknown> = {}): void {
  console.log(
    JSON.stringify({
      time: new Date().toISOString(),
      level,
      service: 'provider-simulator',
      message,
      ...details,
    }),
  );
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadSimulatorConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof SimulatorConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const messaging = new KafkaMessaging({
    brokers: config.kafkaBrokers,
    clientId: `provider-simulator-${config.providerId}`,
  });
  const reporter: Reporter =
    config.reportVia === 'kafka'
      ? new KafkaReporter(messaging.producer(), config.topicPrefix)
      : new HttpReporter(config.apiUrl, config.username!, config.password!);
  const simulator = new ProviderSimulator({
    consumer: messaging.consumer(),
    reporter,
    policy: {
      providerId: config.providerId,
      rejectionRate: config.rejectionRate,
      seed: config.seed,
      stepSeconds: config.stepSeconds,
    },
    groupId: config.groupId,
    topicPrefix: config.topicPrefix,
    stepDelayMs: config.stepDelayMs,
    maxAttempts: config.maxAttempts,
    log,
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping', { signal, completed: simulator.completed });
    // The report in flight finishes; the consumer commits and leaves the group; producers flush.
    simulator
      .stop()
      .then(() => messaging.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log('error', 'unclean stop', { error: (error as Error).message });
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  await simulator.start();
  log('info', 'provider simulator running', {
    provider: config.providerId,
    reportVia: config.reportVia,
    rejectionRate: config.rejectionRate,
  });
}

main().catch((error: unknown) => {
  log('error', 'provider simulator failed', { error: (error as Error).message });
  process.exit(1);
});
