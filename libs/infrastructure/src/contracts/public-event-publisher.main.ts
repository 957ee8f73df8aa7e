/**
 * Entry point of the public-event publisher as its own process:
 * `node dist/libs/infrastructure/src/contracts/public-event-publisher.main.js` with `DATABASE_URL` and
 * `KAFKA_BROKERS` (see {@link publisherSettingsFromEnv}). SIGTERM/SIGINT finish the event in flight,
 * commit and leave the group before exiting.
 */
import { ConfigError } from '../config/app-config';
import { publisherSettingsFromEnv, runPublicEventPublisher } from './run-public-event-publisher';

function log(level: string, message: string, details: Record<string, unknown> = {}): void {
  console.log(
    JSON.stringify({
      time: new Date().toISOString(),
      level,
      service: 'public-event-publisher',
      message,
      ...details,
    }),
  );
}

async function main(): Promise<void> {
  let settings;
  try {
    settings = publisherSettingsFromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const running = await runPublicEventPublisher({ ...settings, log });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping', { signal });
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log('error', 'unclean stop', { error: (error as Error).message });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  log('error', 'public-event publisher failed to start', { error: (error as Error).message });
  process.exit(1);
});
