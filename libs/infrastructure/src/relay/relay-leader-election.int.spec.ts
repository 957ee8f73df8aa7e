import { performance } from 'node:perf_hooks';
import { type RecordedEvent } from '@kamflow/eventsourcing';
import {
  createEmbeddedEventStore,
  createPostgresEventStore,
  migrate,
  type PostgresEventStore,
} from '@kamflow/event-store';
import {
  eventsTopic,
  type IncomingMessage,
  type KafkaMessaging,
  type MessageProducer,
  type TopicMessages,
} from '@kamflow/messaging';
import { Registry } from 'prom-client';
import { ENSURE_KAFKA_TIMEOUT_MS } from '../../../../test/support/kafka';
import { readTopics, testMessaging, uniqueSuffix, waitUntil } from '../../../../test/support/messaging';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres';
import { RELAY_CONTEXTS } from './event-contexts';
import { EventRelay, type RelayRole } from './event-relay';
import { RELAY_MIGRATIONS } from './relay.migrations';
import { relayLockKey } from './relay-lock';

/**
 * Two relays on one PostgreSQL database and one topic prefix, as two replicas of the relay process would
 * run: each has its own connection pool, producer and metrics registry. Real PostgreSQL, real Kafka.
 */

let testDb: TestDatabase;
/** The writers' and the test's own view of the database. */
let store: PostgresEventStore;
let messaging: KafkaMessaging;
const suffix = uniqueSuffix();
let run = 0;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  messaging = await testMessaging('kamflow-relay-leader-it');
  testDb = await createTestDatabase('kamflow_relay_leader');
  store = await createPostgresEventStore({ connectionString: testDb.url, poolSize: 6 });
}, ENSURE_KAFKA_TIMEOUT_MS);

afterAll(async () => {
  for (const o of open.reverse()) await o.close().catch(() => undefined);
  await messaging?.close();
  await store?.close();
  await testDb?.drop();
});

/** One `send` of a relay: when it started and what it carried. */
interface Send {
  at: number;
  events: RecordedEvent[];
}

/** A relay replica: its own pool and producer; `sends` lists what the broker acknowledged from it. */
interface Replica {
  relay: EventRelay;
  registry: Registry;
  sends: Send[];
  roles: { role: RelayRole; reason: string; at: number }[];
}

async function replica(name: string, prefix: string, batchSize = 20): Promise<Replica> {
  const own = await createPostgresEventStore({ connectionString: testDb.url, poolSize: 4 });
  const real = messaging.producer();
  await real.connect();
  open.push(own, real);
  const sends: Send[] = [];
  const roles: Replica['roles'] = [];
  const producer: MessageProducer = {
    send: (topic, messages) => producer.sendAll([{ topic, messages }]),
    sendAll: async (batches: readonly TopicMessages[]) => {
      const at = performance.now();
      await real.sendAll(batches);
      sends.push({ at, events: batches.flatMap((b) => b.messages.map((m) => m.value as RecordedEvent)) });
    },
    close: () => real.close(),
  };
  const registry = new Registry();
  const relay = new EventRelay({
    store: own,
    db: own.db,
    producer,
    name,
    topicPrefix: prefix,
    batchSize,
    registry,
    onRoleChange: (role, reason) => roles.push({ role, reason, at: performance.now() }),
  });
  open.push({ close: () => relay.stop() }); // closed first: a pool ends only once the lock is released
  return { relay, registry, sends, roles };
}

/** Fresh topics and checkpoint name; the checkpoint starts at the head, so a run relays only its own events. */
async function freshRun() {
  run += 1;
  const prefix = `kamflow-it-leader-${suffix}-${run}`;
  const topics = RELAY_CONTEXTS.map((c) => eventsTopic(c, prefix));
  await messaging.ensureTopics(topics.map((topic) => ({ topic })));
  const name = `relay-leader-${run}`;
  const from = await store.headPosition();
  await migrate(store.db, RELAY_MIGRATIONS, 'relay');
  await store.db.query('INSERT INTO relay_checkpoints (name, position) VALUES ($1, $2)', [name, from]);
  return { prefix, topics, name, from };
}

/** Appends round-robin to `streams`, one event per append, until stopped; `stop()` answers the head. */
function startWriter(streams: string[]) {
  let running = true;
  const loop = (async () => {
    for (let seq = 0; running; seq += 1) {
      for (const streamId of streams) {
        await store.appendToStream(streamId, [{ type: 'Tested', data: { streamId, seq } }], {
          expectedRevision: 'any',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return store.headPosition();
    },
  };
}

/** The backend pid holding the lock of checkpoint `name` (none while nobody leads). */
async function lockHolders(name: string): Promise<number[]> {
  const key = BigInt(relayLockKey(name));
  const rows = await store.db.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
        AND classid = $1 AND objid = $2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [String(key >> 32n), String(key & 0xffffffffn)],
  );
  return rows.map((r) => Number(r.pid));
}

function sentEvents(...replicas: Replica[]): number {
  return replicas.reduce((n, r) => n + r.sends.reduce((m, s) => m + s.events.length, 0), 0);
}

/** Everything on the run's topics (the producers' acknowledged count says when all of it arrived). */
async function consume(topics: string[], expected: number) {
  const messages = await readTopics(messaging, topics, (r) => r.length >= expected);
  expect(messages).toHaveLength(expected);
  return messages.map((m: IncomingMessage) => ({
    key: m.key!,
    event: JSON.parse(m.value!) as RecordedEvent,
  }));
}

/** Every event of the store after `from` is there, and each stream's events come in revision order. */
async function expectCompleteAndOrdered(received: Awaited<ReturnType<typeof consume>>, from: number) {
  const stored = await store.readAll({ after: from, maxCount: 100_000 });
  const ids = new Set(received.map((m) => m.event.eventId));
  expect(ids.size).toBe(stored.length);
  for (const e of stored) expect(ids.has(e.eventId)).toBe(true);
  const seen = new Set<string>();
  const revisions = new Map<string, number[]>();
  for (const m of received) {
    if (seen.has(m.event.eventId)) continue;
    seen.add(m.event.eventId);
    revisions.set(m.key, [...(revisions.get(m.key) ?? []), m.event.streamRevision]);
  }
  for (const [key, list] of revisions) {
    const expected = stored.filter((e) => e.streamId === key).map((e) => e.streamRevision);
    expect({ key, list }).toEqual({ key, list: expected });
  }
}

async function roleOf(r: Replica) {
  return r.relay.health(await store.headPosition());
}

describe('relay leader election on PostgreSQL and Kafka', () => {
  it('two relays started together: exactly one leads and only it publishes, every event once', async () => {
    const { prefix, topics, name, from } = await freshRun();
    const [a, b] = await Promise.all([replica(name, prefix), replica(name, prefix)]);
    await Promise.all([a.relay.start(), b.relay.start()]);

    const roles = [a.relay.role, b.relay.role].sort();
    expect(roles).toEqual(['leader', 'standby']);
    const [leader, standby] = a.relay.role === 'leader' ? [a, b] : [b, a];
    expect(await roleOf(leader)).toMatchObject({ status: 'up', role: 'leader' });
    expect(await roleOf(standby)).toMatchObject({ status: 'up', role: 'standby' });
    expect(await leader.registry.metrics()).toContain('kamflow_relay_leader 1');
    expect(await standby.registry.metrics()).toContain('kamflow_relay_leader 0');
    expect(await lockHolders(name)).toHaveLength(1);

    const streams = [`order-l1a${run}`, `order-l1b${run}`, `shipment-l1${run}`, `invoice-l1${run}`];
    const writer = startWriter(streams);
    // Let the standby retry a few times while events flow (each retry is a chance to double-publish).
    await waitUntil(
      () => leader.relay.position >= from + 150,
      30_000,
      () => `leader at ${leader.relay.position}`,
    );
    const head = await writer.stop();
    await waitUntil(
      () => leader.relay.position === head,
      30_000,
      () => `leader at ${leader.relay.position} of ${head}`,
    );
    await waitUntil(
      async () => (await roleOf(standby)).lagEvents === 0,
      10_000,
      () => 'the standby to see the checkpoint',
    );

    expect(standby.sends).toHaveLength(0);
    expect(standby.relay.role).toBe('standby');
    expect(sentEvents(leader)).toBe(head - from);
    const received = await consume(topics, head - from);
    expect(new Set(received.map((m) => m.event.eventId)).size).toBe(head - from); // no duplicate at all
    await expectCompleteAndOrdered(received, from);

    await standby.relay.stop();
    await leader.relay.stop();
    expect(await lockHolders(name)).toHaveLength(0);
    expect(await leader.registry.metrics()).toContain('kamflow_relay_leader 0');
  });

  it('the leader stopped gracefully: the standby takes over within the retry interval, nothing lost or repeated', async () => {
    const { prefix, topics, name, from } = await freshRun();
    const first = await replica(name, prefix);
    await first.relay.start();
    const second = await replica(name, prefix);
    await second.relay.start();
    expect([first.relay.role, second.relay.role]).toEqual(['leader', 'standby']);

    const streams = [`order-l2a${run}`, `order-l2b${run}`, `creditAccount-l2${run}`, `shipment-l2${run}`];
    const writer = startWriter(streams);
    await waitUntil(() => first.relay.position >= from + 100, 30_000);
    await first.relay.stop();
    const released = performance.now();
    const stoppedAt = first.relay.position;
    const firstSends = first.sends.length;
    expect(first.relay.role).toBe('standby');

    // Default standby retry: 2 s.
    await waitUntil(
      () => second.relay.role === 'leader',
      10_000,
      () => 'the standby to take over',
    );
    const tookOver = second.roles.find((r) => r.role === 'leader')!.at;
    await waitUntil(() => second.relay.position >= stoppedAt + 100, 30_000);
    const head = await writer.stop();
    await waitUntil(
      () => second.relay.position === head,
      30_000,
      () => `at ${second.relay.position} of ${head}`,
    );
    await second.relay.stop();
    process.stdout.write(
      `relay graceful handover: lock released -> standby leading in ${Math.round(tookOver - released)} ms; ` +
        `${stoppedAt - from} events by the first leader, ${head - stoppedAt} by the second\n`,
    );

    expect(first.sends).toHaveLength(firstSends); // nothing after its stop
    // The second leader started right after the checkpoint the first one left: no gap, no repeat.
    const [next] = await store.readAll({ after: stoppedAt, maxCount: 1 });
    expect(second.sends[0].events[0].eventId).toBe(next.eventId);
    expect(sentEvents(first, second)).toBe(head - from);
    const received = await consume(topics, head - from);
    expect(new Set(received.map((m) => m.event.eventId)).size).toBe(head - from);
    await expectCompleteAndOrdered(received, from);
    // Per key, the raw sequence never goes back: nothing was republished.
    for (const key of streams) {
      const seq = received.filter((m) => m.key === key).map((m) => m.event.streamRevision);
      expect(seq).toEqual([...seq].sort((x, y) => x - y));
    }
  });

  it('a leader whose lock connection is killed stops publishing; the standby takes over and publishes everything', async () => {
    const { prefix, topics, name, from } = await freshRun();
    const batchSize = 20;
    const first = await replica(name, prefix, batchSize);
    await first.relay.start();
    const second = await replica(name, prefix, batchSize);
    await second.relay.start();
    expect([first.relay.role, second.relay.role]).toEqual(['leader', 'standby']);

    const streams = [`order-l3a${run}`, `order-l3b${run}`, `acceptance-l3${run}`, `invoice-l3${run}`];
    const writer = startWriter(streams);
    await waitUntil(() => first.relay.position >= from + 100, 30_000);

    const [pid] = await lockHolders(name);
    const killed = performance.now();
    await store.db.query('SELECT pg_terminate_backend($1)', [pid]);
    await waitUntil(
      () => first.relay.role === 'standby',
      10_000,
      () => 'the leader to notice',
    );
    const noticed = first.roles.find((r) => r.role === 'standby')!;
    expect(noticed.reason).toMatch(/lock connection/);
    expect(await roleOf(first)).toMatchObject({ status: 'up', role: 'standby' });
    await waitUntil(
      () => second.relay.role === 'leader',
      10_000,
      () => 'the standby to take over',
    );
    const tookOver = second.roles.find((r) => r.role === 'leader')!.at;
    expect(first.relay.role).toBe('standby');
    await waitUntil(() => second.relay.position >= first.relay.position + 100, 30_000);
    const head = await writer.stop();
    await waitUntil(
      () => second.relay.position === head,
      30_000,
      () => `at ${second.relay.position} of ${head}`,
    );

    // The deposed leader sent nothing once it knew, and at most the batch in flight after the kill.
    expect(first.sends.filter((s) => s.at > noticed.at)).toHaveLength(0);
    const afterKill = first.sends.filter((s) => s.at > killed);
    expect(afterKill.length).toBeLessThanOrEqual(1);
    // Its pause of two retry intervals after the loss let the standby win.
    expect(first.roles.filter((r) => r.role === 'leader' && r.at > killed)).toHaveLength(0);

    const total = sentEvents(first, second);
    const received = await consume(topics, total);
    await expectCompleteAndOrdered(received, from);
    // Duplicates: only the last batch the first leader sent, which the second may have sent again.
    const counts = new Map<string, number>();
    for (const m of received) counts.set(m.event.eventId, (counts.get(m.event.eventId) ?? 0) + 1);
    const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    const lastBatch = new Set(first.sends[first.sends.length - 1].events.map((e) => e.eventId));
    expect(repeated.length).toBeLessThanOrEqual(batchSize);
    for (const id of repeated) expect(lastBatch.has(id)).toBe(true);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    process.stdout.write(
      `relay lock killed: leader noticed in ${Math.round(noticed.at - killed)} ms, standby leading after ` +
        `${Math.round(tookOver - killed)} ms; ${received.length} messages for ${counts.size} events, ` +
        `${repeated.length} duplicates\n`,
    );

    // The deposed relay contends again: when the new leader stops, it takes over.
    await second.relay.stop();
    await waitUntil(
      () => first.relay.role === 'leader',
      15_000,
      () => 'the first relay to lead again',
    );
    await store.appendToStream(`order-l3c${run}`, [{ type: 'Tested', data: {} }], {
      expectedRevision: 'any',
    });
    const last = await store.headPosition();
    await waitUntil(() => first.relay.position === last, 30_000);
    await first.relay.stop();
  });

  it('on PGlite the relay is always the leader', async () => {
    run += 1;
    const prefix = `kamflow-it-leader-${suffix}-${run}`;
    const topics = RELAY_CONTEXTS.map((c) => eventsTopic(c, prefix));
    await messaging.ensureTopics(topics.map((topic) => ({ topic })));
    const embedded = await createEmbeddedEventStore({});
    const producer = messaging.producer();
    open.push(embedded, producer);
    const registry = new Registry();
    const relay = new EventRelay({
      store: embedded,
      db: embedded.db,
      producer,
      topicPrefix: prefix,
      registry,
    });
    await relay.start();
    expect(relay.role).toBe('leader');
    expect(await registry.metrics()).toContain('kamflow_relay_leader 1');
    await embedded.appendToStream(`order-pgl${run}`, [{ type: 'Tested', data: {} }], {
      expectedRevision: 'any',
    });
    await waitUntil(() => relay.position === 1, 20_000);
    expect(relay.health(1)).toMatchObject({ status: 'up', role: 'leader', position: 1, lagEvents: 0 });
    await relay.stop();
    expect(relay.role).toBe('standby');
    expect(await consume(topics, 1)).toHaveLength(1);
  });
});
