import { createPostgresEventStore } from '@kamflow/event-store';
import { type KafkaMessaging } from '@kamflow/messaging';
import { ENSURE_KAFKA_TIMEOUT_MS } from '../../../../test/support/kafka';
import { testMessaging, uniqueSuffix } from '../../../../test/support/messaging';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres';
import { EventRelay, type RelayRole } from './event-relay';

let testDb: TestDatabase;
let messaging: KafkaMessaging;
const suffix = uniqueSuffix();

beforeAll(async () => {
  messaging = await testMessaging('kamflow-relay-closed-it');
  testDb = await createTestDatabase('kamflow_relay_closed');
}, ENSURE_KAFKA_TIMEOUT_MS);

afterAll(async () => {
  await messaging?.close();
  await testDb?.drop();
});

/** Resolves with `promise`, or rejects once `ms` passed without it settling. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('a leading relay whose database is closed under it', () => {
  it('ends its election and tailer and gives its lock connection back, so the pool can end', async () => {
    const own = await createPostgresEventStore({ connectionString: testDb.url, poolSize: 4 });
    const producer = messaging.producer();
    await producer.connect();
    const roles: [RelayRole, string][] = [];
    const errors: string[] = [];
    const relay = new EventRelay({
      store: own,
      db: own.db,
      producer,
      name: `closed-${suffix}`,
      topicPrefix: `kamflow-it-closed-${suffix}`,
      maxDelayMs: 20,
      standbyRetryMs: 50,
      onRoleChange: (role, reason) => roles.push([role, reason]),
      onError: (error) => errors.push((error as Error).message),
    });
    try {
      await relay.start();
      expect(relay.role).toBe('leader');
      // `pool.end()` waits for every checked-out client: the lock's too, which the relay must hand back.
      await within(own.db.close(), 15_000, 'the pool ending');
      await within(relay.stop(), 5_000, 'the relay stopping');
      expect(relay.role).toBe('standby');
      expect(roles[roles.length - 1][0]).toBe('standby');
      // It noticed the closed pool and did not keep retrying against it.
      const closed = errors.filter((e) => e.includes('Cannot use a pool after calling end'));
      expect(closed.length).toBeGreaterThanOrEqual(1);
      expect(closed.length).toBeLessThanOrEqual(2);
    } finally {
      await relay.stop();
      await producer.close();
    }
  });
});
