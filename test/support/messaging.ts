import { randomBytes } from 'node:crypto';
import { type IncomingMessage, KafkaMessaging } from '@kamflow/messaging';
import { ensureKafkaBrokers } from './kafka';

/** A suffix that keeps one test run's topics and groups apart from every other run's. */
export function uniqueSuffix(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** A Kafka transport on the test broker with short timeouts. */
export async function testMessaging(clientId: string): Promise<KafkaMessaging> {
  return new KafkaMessaging({
    brokers: await ensureKafkaBrokers(),
    clientId,
    partitions: 1,
    consumer: {
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
      maxWaitTimeMs: 100,
      commitIntervalMs: 200,
    },
  });
}

/** Polls `condition` until it holds; fails with `describe()` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string = () => 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Reads `topics` from the beginning with a throwaway consumer group until `enough(received)` holds,
 * then stops. Uses the project's own consumer port, so tests need no Kafka client of their own.
 */
export async function readTopics(
  messaging: KafkaMessaging,
  topics: readonly string[],
  enough: (received: IncomingMessage[]) => boolean,
  timeoutMs = 30_000,
): Promise<IncomingMessage[]> {
  const received: IncomingMessage[] = [];
  // A group that joins a topic the broker does not serve yet fails; wait on the metadata, never on time.
  await messaging.waitForTopics(topics);
  const handle = await messaging.consumer().subscribe({
    groupId: `kamflow-it-reader-${uniqueSuffix()}`,
    topics,
    fromBeginning: true,
    handle: async (message) => {
      received.push(message);
    },
  });
  try {
    await waitUntil(
      () => enough(received),
      timeoutMs,
      () => `messages on ${topics.join(', ')} (have ${received.length})`,
    );
  } finally {
    await handle.stop();
  }
  return received;
}
