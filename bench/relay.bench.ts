/**
 * Relay benchmark: the event store on PostgreSQL, the relay publishing to Kafka, a consumer group reading.
 *
 *   npm run bench:relay                       BENCH_RELAY_ROUNDS (default 1) repeats both phases
 *   BENCH_RELAY_EVENTS (default 20000)        events appended first; each round's relay publishes the whole log
 *   BENCH_RELAY_RATE (default 200 events/s), BENCH_RELAY_SECONDS (default 10)
 *                                             paced appends while the relay and a consumer run: append-to-consume
 *                                             latency (from just before the append to the consumer's handler)
 *   KAFKA_BROKERS (default 127.0.0.1:9092), DATABASE_URL (a server to create the bench database on)
 *
 * Prints a table and writes JSON to bench/results/relay-<time>.json. CPU is this process's
 * (relay, producer, consumer, pg client); the broker's and PostgreSQL's own are not included.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type NewEvent } from '@kamflow/eventsourcing';
import { createPostgresEventStore, migrate, type PostgresEventStore } from '@kamflow/event-store';
import { EventRelay, RELAY_CONTEXTS, RELAY_MIGRATIONS } from '@kamflow/infrastructure';
import { eventsTopic, KafkaMessaging } from '@kamflow/messaging';
import { createTestDatabase } from '../test/support/postgres';
import { formatTable, percentile, round } from './support/measure';

const EVENTS = Number(process.env.BENCH_RELAY_EVENTS ?? 20_000);
const RATE = Number(process.env.BENCH_RELAY_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_RELAY_SECONDS ?? 10);
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
/** Stream categories of several contexts, so the relay sends to several topics per batch. */
const CATEGORIES = ['order', 'shipment', 'invoice', 'creditAccount', 'acceptance'];
const STREAMS = 500;

interface CpuFigures {
  cpuMs: number;
  cpuMsPer1kEvents: number;
}

const ROUNDS = Number(process.env.BENCH_RELAY_ROUNDS ?? 1);

interface Context {
  run: string;
  prefix: string;
  topics: string[];
  store: PostgresEventStore;
}

async function main() {
  const run = `${process.pid}-${Date.now().toString(36)}`;
  const prefix = `kamflow-bench-relay-${run}`;
  console.log(
    `relay bench, ${ROUNDS} rounds: ${EVENTS} events backlog, ` +
      `then ${RATE} events/s for ${SECONDS} s (cpus ${cpus().length})`,
  );
  const db = await createTestDatabase('kamflow_bench_relay');
  const store = await createPostgresEventStore({ connectionString: db.url, poolSize: 8 });
  const topics = RELAY_CONTEXTS.map((c) => eventsTopic(c, prefix));
  const results: Record<string, unknown>[] = [];
  try {
    const setup = new KafkaMessaging({ brokers: BROKERS, clientId: 'kamflow-relay-bench' });
    await setup.ensureTopics(topics.map((topic) => ({ topic })));
    await setup.close();
    await migrate(store.db, RELAY_MIGRATIONS, 'relay');
    await appendBacklog(store, EVENTS);
    const ctx: Context = { run, prefix, topics, store };
    for (let round = 0; round < ROUNDS; round += 1)
      results.push({ round, ...(await measureRound(ctx, `${round}`)) });
  } finally {
    await store.close();
    await db.drop();
  }
  console.log(
    formatTable(
      [
        'round',
        'published',
        'publish ev/s',
        'publish cpu ms/1k',
        'e2e p50 ms',
        'e2e p99 ms',
        'e2e max ms',
        'received',
        'e2e cpu ms/1k',
      ],
      results.map((r) => {
        const { publish: p, latency: l } = r as unknown as { publish: Publish; latency: Latency };
        return [
          String(r.round),
          p.events,
          p.eventsPerSecond,
          p.cpuMsPer1kEvents,
          l.p50Ms,
          l.p99Ms,
          l.maxMs,
          `${l.received}/${l.events}`,
          l.cpuMsPer1kEvents,
        ];
      }),
    ),
  );
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `relay-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), cpus: cpus().length, events: EVENTS, rate: RATE, seconds: SECONDS, results }, null, 2)}\n`,
  );
  console.log(`written ${file}`);
  if (results.some((r) => (r.latency as Latency).received < (r.latency as Latency).events))
    process.exitCode = 1;
}

type Publish = { events: number; seconds: number; eventsPerSecond: number } & CpuFigures;
type Latency = { events: number; received: number; p50Ms: number; p99Ms: number; maxMs: number } & CpuFigures;

/** One round: a relay publishing the whole log from the start (a checkpoint of its own), then the paced phase. */
async function measureRound(ctx: Context, tag: string) {
  const { store, run, topics } = ctx;
  const messaging = new KafkaMessaging({ brokers: BROKERS, clientId: 'kamflow-relay-bench' });
  const producer = messaging.producer();
  await producer.connect();
  const name = `bench-${tag}`;
  await store.db.query('INSERT INTO relay_checkpoints (name, position) VALUES ($1, 0)', [name]);
  const relay = new EventRelay({
    store,
    db: store.db,
    producer,
    name,
    topicPrefix: ctx.prefix,
    leaderElection: false,
  });
  try {
    // 1. Everything appended so far (the backlog, and earlier rounds' paced events): publish throughput.
    const head = await store.headPosition();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await relay.start();
    while (relay.position < head) await sleep(2);
    const publishSeconds = (performance.now() - t0) / 1000;
    const publish: Publish = {
      events: head,
      seconds: round(publishSeconds, 3),
      eventsPerSecond: round(head / publishSeconds, 1),
      ...cpuSince(cpu0, head),
    };

    // 2. Paced appends with this relay and a consumer group running: append-to-consume latency.
    const latencies: number[] = [];
    let probes = 0;
    const consumer = await messaging.consumer({ partitionsConsumedConcurrently: 3 }).subscribe({
      groupId: `${ctx.prefix}-reader-${tag}`,
      topics,
      fromBeginning: false,
      handle: async (message) => {
        const event = JSON.parse(message.value ?? 'null') as {
          data?: { run?: string; tag?: string; sentAt?: number; probe?: boolean };
        };
        if (event?.data?.run !== run || event.data.tag !== tag) return;
        if (event.data.probe) probes += 1;
        else latencies.push(performance.timeOrigin + performance.now() - event.data.sentAt!);
      },
    });
    // The group starts at the latest offsets: wait until an event appended now reaches it.
    for (let i = 0; probes === 0; i += 1) {
      await append(store, `order-probe-${tag}-${i}`, { run, tag: tag, probe: true });
      await sleep(200);
    }
    const total = RATE * SECONDS;
    const cpu1 = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      const wait = started + (i * 1000) / RATE - performance.now();
      if (wait > 0) await sleep(wait);
      const data = { run, tag: tag, seq: i, sentAt: performance.timeOrigin + performance.now() };
      void append(store, streamOf(i), data);
    }
    const deadline = performance.now() + 60_000;
    while (latencies.length < total && performance.now() < deadline) await sleep(10);
    const latencyCpu = cpuSince(cpu1, total);
    await consumer.stop();
    latencies.sort((a, b) => a - b);
    const latency: Latency = {
      events: total,
      received: latencies.length,
      p50Ms: round(percentile(latencies, 0.5), 1),
      p99Ms: round(percentile(latencies, 0.99), 1),
      maxMs: round(latencies[latencies.length - 1] ?? NaN, 1),
      ...latencyCpu,
    };
    console.log(
      `  round ${tag}: ${publish.eventsPerSecond} ev/s published, e2e p50 ${latency.p50Ms} ms p99 ${latency.p99Ms} ms`,
    );
    return { publish, latency };
  } finally {
    await relay.stop();
    await messaging.close();
  }
}

function streamOf(i: number): string {
  return `${CATEGORIES[i % CATEGORIES.length]}-bench-${i % STREAMS}`;
}

function append(store: PostgresEventStore, streamId: string, data: Record<string, unknown>) {
  const event: NewEvent = { type: 'BenchEventAppended', data };
  return store.appendToStream(streamId, [event], { expectedRevision: 'any' });
}

async function appendBacklog(store: PostgresEventStore, count: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = next++; i < count; i = next++) await append(store, streamOf(i), { seq: i, backlog: true });
    }),
  );
}

function cpuSince(start: NodeJS.CpuUsage, events: number): CpuFigures {
  const used = process.cpuUsage(start);
  const cpuMs = (used.user + used.system) / 1000;
  return { cpuMs: round(cpuMs, 0), cpuMsPer1kEvents: round((cpuMs / events) * 1000, 1) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
