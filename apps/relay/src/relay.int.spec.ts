import { type RecordedEvent } from '@kamflow/eventsourcing';
import { createPostgresEventStore, migrate, type PostgresEventStore } from '@kamflow/event-store';
import {
  eventsTopic,
  type IncomingMessage,
  type KafkaMessaging,
  type MessageProducer,
  type TopicMessages,
} from '@kamflow/messaging';
import { EventRelay, RELAY_CONTEXTS, RELAY_MIGRATIONS, relayLockKey } from '@kamflow/infrastructure';
import { Registry } from 'prom-client';
import { ENSURE_KAFKA_TIMEOUT_MS } from '../../../test/support/kafka';
import { readTopics, testMessaging, uniqueSuffix, waitUntil } from '../../../test/support/messaging';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres';

let testDb: TestDatabase;
let store: PostgresEventStore;
let messaging: KafkaMessaging;
const suffix = uniqueSuffix();
let run = 0;

beforeAll(async () => {
  messaging = await testMessaging('kamflow-relay-it');
  testDb = await createTestDatabase('kamflow_relay');
  store = await createPostgresEventStore({ connectionString: testDb.url, poolSize: 6 });
}, ENSURE_KAFKA_TIMEOUT_MS);

afterAll(async () => {
  await messaging?.close();
  await store?.close();
  await testDb?.drop();
});

/** Fresh topics (one partition each, so order across keys is visible too) and a fresh checkpoint name. */
async function freshRun() {
  run += 1;
  const prefix = `kamflow-it-relay-${suffix}-${run}`;
  const topics = RELAY_CONTEXTS.map((c) => eventsTopic(c, prefix));
  await messaging.ensureTopics(topics.map((topic) => ({ topic })));
  return { prefix, topics, name: `relay-${run}` };
}

/** Appends `perStream` events to each stream from concurrent writers; returns the new head. */
async function appendEvents(streams: string[], perStream: number): Promise<number> {
  await Promise.all(
    streams.map(async (streamId) => {
      for (let seq = 0; seq < perStream; seq += 1) {
        await store.appendToStream(
          streamId,
          [
            {
              type: 'Tested',
              data: { streamId, seq },
              metadata: { correlationId: `corr-${streamId}`, causationId: `cause-${seq}` },
            },
          ],
          { expectedRevision: 'any' },
        );
      }
    }),
  );
  return store.headPosition();
}

/** Starts a checkpoint at `position`, so a run relays only the events it appended itself. */
async function seedCheckpoint(name: string, position: number): Promise<void> {
  await migrate(store.db, RELAY_MIGRATIONS, 'relay');
  await store.db.query('INSERT INTO relay_checkpoints (name, position) VALUES ($1, $2)', [name, position]);
}

async function checkpoint(name: string): Promise<number> {
  const rows = await store.db.query<{ position: string }>(
    'SELECT position FROM relay_checkpoints WHERE name = $1',
    [name],
  );
  return rows.length ? Number(rows[0].position) : 0;
}

/** The backend pid holding the lock of checkpoint `name`, if any. */
async function lockHolder(name: string): Promise<number | undefined> {
  const key = BigInt(relayLockKey(name));
  const rows = await store.db.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
        AND classid = $1 AND objid = $2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [String(key >> 32n), String(key & 0xffffffffn)],
  );
  return rows[0]?.pid;
}

function relayed(messages: IncomingMessage[]): (IncomingMessage & { event: RecordedEvent })[] {
  return messages.map((m) => ({ ...m, event: JSON.parse(m.value!) as RecordedEvent }));
}

/** Per stream: the revisions in the order a consumer sees them, after dropping repeats of an event id. */
function revisionsByStream(messages: ReturnType<typeof relayed>): Map<string, number[]> {
  const seen = new Set<string>();
  const out = new Map<string, number[]>();
  for (const m of messages) {
    if (seen.has(m.event.eventId)) continue;
    seen.add(m.event.eventId);
    out.set(m.key!, [...(out.get(m.key!) ?? []), m.event.streamRevision]);
  }
  return out;
}

/** Reads from a position only what this run appended (each run uses its own streams). */
function mine(messages: ReturnType<typeof relayed>, streams: string[]) {
  return messages.filter((m) => streams.includes(m.key!));
}

describe('the event relay on PostgreSQL and Kafka', () => {
  it('publishes every event to its context topic keyed by stream, in stream order, and checkpoints only after the ack', async () => {
    const { prefix, topics, name } = await freshRun();
    const streams = [
      `order-r1a${run}`,
      `order-r1b${run}`,
      `shipment-r1${run}`,
      `invoice-r1${run}`,
      `gadget-r1${run}`,
    ];
    const head = await appendEvents(streams, 30);

    // A broker that does not acknowledge: nothing may be checkpointed, and the lag shows it.
    const sends: { checkpointBefore: number; last: number }[] = [];
    let brokerUp = false;
    const real = messaging.producer();
    const producer: MessageProducer = {
      send: (topic, messages) => producer.sendAll([{ topic, messages }]),
      sendAll: async (batches: readonly TopicMessages[]) => {
        if (!brokerUp) throw new Error('broker unreachable');
        const before = await checkpoint(name);
        await real.sendAll(batches);
        const positions = batches.flatMap((b) =>
          b.messages.map((m) => (m.value as RecordedEvent).globalPosition),
        );
        sends.push({ checkpointBefore: before, last: Math.max(...positions) });
      },
      close: () => real.close(),
    };
    const registry = new Registry();
    const relay = new EventRelay({
      store,
      db: store.db,
      producer,
      name,
      topicPrefix: prefix,
      batchSize: 40,
      registry,
    });
    await relay.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await checkpoint(name)).toBe(0);
    expect(relay.health(head)).toMatchObject({
      status: 'down',
      lagEvents: head,
      lastError: 'broker unreachable',
    });
    expect(await registry.metrics()).toContain(`kamflow_relay_lag_events ${head}`);

    brokerUp = true;
    await waitUntil(
      () => relay.position === head,
      20_000,
      () => `checkpoint ${relay.position} of ${head}`,
    );
    await relay.stop();
    await real.close();

    expect(await checkpoint(name)).toBe(head);
    expect(relay.health(head)).toMatchObject({ lagEvents: 0 });
    expect(await registry.metrics()).toContain('kamflow_relay_lag_events 0');
    // Each batch was acknowledged before the checkpoint moved past it.
    for (const [i, s] of sends.entries()) expect(s.checkpointBefore).toBe(i === 0 ? 0 : sends[i - 1].last);

    const received = relayed(await readTopics(messaging, topics, (r) => r.length >= head));
    expect(received).toHaveLength(head);
    const topicOf = (m: IncomingMessage) => m.topic.slice(prefix.length + 1);
    expect(new Set(received.filter((m) => m.key!.startsWith('order-')).map(topicOf))).toEqual(
      new Set(['ordering.events']),
    );
    expect(received.find((m) => m.key!.startsWith('shipment-'))!.topic).toBe(eventsTopic('delivery', prefix));
    expect(received.find((m) => m.key!.startsWith('invoice-'))!.topic).toBe(eventsTopic('billing', prefix));
    expect(received.find((m) => m.key!.startsWith('gadget-'))!.topic).toBe(eventsTopic('unrouted', prefix));
    for (const [, revisions] of revisionsByStream(received)) expect(revisions).toEqual([...Array(30).keys()]);
    const sample = received[0];
    expect(sample.headers).toEqual({
      eventId: sample.event.eventId,
      type: 'Tested',
      schemaVersion: '1',
      streamId: sample.key,
      streamRevision: String(sample.event.streamRevision),
      globalPosition: String(sample.event.globalPosition),
      correlationId: `corr-${sample.key}`,
      causationId: `cause-${sample.event.streamRevision}`,
      previousPosition: expect.stringMatching(/^\d+$/),
    });
    // The previousPosition headers chain every published event in log order (what EventMirror follows).
    const byPosition = [...received].sort((a, b) => a.event.globalPosition - b.event.globalPosition);
    byPosition.slice(1).forEach((m, i) => expect(m.headers.previousPosition).toBe(String(byPosition[i].event.globalPosition)));
    expect(sample.event.data).toEqual({ streamId: sample.key, seq: sample.event.streamRevision });
  });

  it('stopped after some batches and restarted, loses nothing and publishes nothing twice', async () => {
    const { prefix, topics, name } = await freshRun();
    const streams = [`order-r2a${run}`, `order-r2b${run}`, `creditAccount-r2${run}`];
    const from = await store.headPosition();
    await seedCheckpoint(name, from);
    const head = await appendEvents(streams, 40);
    let batches = 0;
    const real = messaging.producer();
    let stopping: Promise<void> | undefined;
    const first: EventRelay = new EventRelay({
      store,
      db: store.db,
      name,
      topicPrefix: prefix,
      batchSize: 25,
      producer: {
        ...real,
        send: real.send.bind(real),
        close: real.close.bind(real),
        sendAll: async (b) => {
          await real.sendAll(b);
          batches += 1;
          if (batches === 2) stopping = first.stop();
        },
      },
    });
    await first.start();
    await waitUntil(() => stopping !== undefined, 20_000);
    await stopping;
    expect(await checkpoint(name)).toBe(from + 50);

    const second = new EventRelay({
      store,
      db: store.db,
      producer: real,
      name,
      topicPrefix: prefix,
      batchSize: 25,
    });
    await second.start();
    await waitUntil(() => second.position === head, 20_000);
    await second.stop();
    await real.close();

    const received = mine(
      relayed(await readTopics(messaging, topics, (r) => r.length >= head - from)),
      streams,
    );
    expect(received).toHaveLength(head - from);
    for (const [, revisions] of revisionsByStream(received)) expect(revisions).toEqual([...Array(40).keys()]);
  });

  it('crashing between the ack and the checkpoint, restarted, loses nothing and keeps per-stream order; the replayed batch is the only duplicate', async () => {
    const { prefix, topics, name } = await freshRun();
    const streams = [`order-r3a${run}`, `order-r3b${run}`, `shipment-r3${run}`, `acceptance-r3${run}`];
    const from = await store.headPosition();
    await seedCheckpoint(name, from);
    const head = await appendEvents(streams, 50);
    let batches = 0;
    let dead = false;
    const real = messaging.producer();
    const dying = new EventRelay({
      store,
      db: store.db,
      name,
      topicPrefix: prefix,
      batchSize: 30,
      producer: {
        ...real,
        send: real.send.bind(real),
        close: async () => undefined,
        sendAll: async (b) => {
          if (dead) return new Promise<void>(() => undefined); // a dead process sends nothing more
          await real.sendAll(b);
          batches += 1;
          if (batches === 3) {
            dead = true;
            throw new Error('killed after the broker acknowledged batch 3');
          }
        },
      },
    });
    await dying.start();
    await waitUntil(() => dead, 20_000);
    // A dead process's database session ends, and the relay lock with it; and it never contends again
    // (stop() does not resolve: the batch in flight hangs, as in a dead process).
    await store.db.query('SELECT pg_terminate_backend($1)', [await lockHolder(name)]);
    void dying.stop();
    await waitUntil(
      async () => (await lockHolder(name)) === undefined,
      20_000,
      () => 'the lock to be freed',
    );
    const crashedAt = await checkpoint(name);
    expect(crashedAt).toBe(from + 60); // batches 1-2 checkpointed, batch 3 published but not
    expect(await dying.lag()).toBe(head - crashedAt);

    const restarted = new EventRelay({
      store,
      db: store.db,
      producer: real,
      name,
      topicPrefix: prefix,
      batchSize: 30,
    });
    await restarted.start();
    await waitUntil(() => restarted.position === head, 20_000);
    await restarted.stop();
    await real.close();

    const raw = mine(
      relayed(await readTopics(messaging, topics, (r) => r.length >= head - from + 30)),
      streams,
    );
    const duplicates = raw.length - new Set(raw.map((m) => m.event.eventId)).size;
    process.stdout.write(
      `relay crash test: ${raw.length} messages for ${head - from} events, ${duplicates} duplicates\n`,
    );
    expect(duplicates).toBe(30);
    for (const [, revisions] of revisionsByStream(raw)) expect(revisions).toEqual([...Array(50).keys()]);
    // Per key, the raw sequence only ever goes back to replay: it is ascending apart from restarts.
    for (const key of streams) {
      const seq = raw.filter((m) => m.key === key).map((m) => m.event.streamRevision);
      const drops = seq.filter((r, i) => i > 0 && r <= seq[i - 1]).length;
      expect(drops).toBeLessThanOrEqual(1);
    }
  });

  it('relays a few thousand stored events at a measured rate', async () => {
    const { prefix, name } = await freshRun();
    const streams = Array.from({ length: 20 }, (_, i) => `order-bulk${run}x${i}`);
    const from = await store.headPosition();
    await seedCheckpoint(name, from);
    const head = await appendEvents(streams, 150);
    const producer = messaging.producer();
    await producer.connect();
    const relay = new EventRelay({
      store,
      db: store.db,
      producer,
      name,
      topicPrefix: prefix,
      batchSize: 500,
    });
    const started = Date.now();
    await relay.start();
    await waitUntil(() => relay.position === head, 60_000);
    const seconds = (Date.now() - started) / 1000;
    await relay.stop();
    await producer.close();
    process.stdout.write(
      `relay: ${head - from} events in ${seconds.toFixed(2)} s = ${Math.round((head - from) / seconds)} events/s\n`,
    );
    expect(await checkpoint(name)).toBe(head);
  });
});
