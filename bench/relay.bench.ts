/**
 * Relay benchmark: the event store on PostgreSQL, the relay publishing to Kafka, a consumer group reading.
 *
 *   npm run bench:relay                       KAFKA_CLIENT (kafkajs | platformatic) picks the Kafka client
 *   BENCH_RELAY_EVENTS (default 20000)        events appended first, then published by a relay started behind
 *   BENCH_RELAY_RATE (default 200 events/s), BENCH_RELAY_SECONDS (default 10)
 *                                             paced appends while the relay and a consumer run: append-to-consume
 *                                             latency (from just before the append to the consumer's handler)
 *   KAFKA_BROKERS (default 127.0.0.1:9092), DATABASE_URL (a server to create the bench database on)
 *
 * Prints a table and writes JSON to bench/results/relay-<client>-<time>.json. CPU is this process's
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

async function main() {
  const run = `${process.pid}-${Date.now().toString(36)}`;
  const prefix = `kamflow-bench-relay-${run}`;
  const messaging = new KafkaMessaging({ brokers: BROKERS, clientId: 'kamflow-relay-bench', logLevel: 'error' });
  console.log(
    `relay bench on ${messaging.client}: ${EVENTS} events backlog, then ${RATE} events/s for ${SECONDS} s (cpus ${cpus().length})`,
  );
  const db = await createTestDatabase('kamflow_bench_relay');
  const store = await createPostgresEventStore({ connectionString: db.url, poolSize: 8 });
  const topics = RELAY_CONTEXTS.map((c) => eventsTopic(c, prefix));
  let relay: EventRelay | undefined;
  try {
    await messaging.ensureTopics(topics.map((topic) => ({ topic })));
    await migrate(store.db, RELAY_MIGRATIONS, 'relay');

    // 1. A backlog, published by a relay started behind it: publish throughput.
    await appendBacklog(store, EVENTS);
    const producer = messaging.producer();
    await producer.connect();
    relay = new EventRelay({ store, db: store.db, producer, topicPrefix: prefix, leaderElection: false });
    const head = await store.headPosition();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await relay.start();
    while (relay.position < head) await sleep(5);
    const publishSeconds = (performance.now() - t0) / 1000;
    const publish = {
      events: EVENTS,
      seconds: round(publishSeconds, 3),
      eventsPerSecond: round(EVENTS / publishSeconds, 1),
      ...cpuSince(cpu0, EVENTS),
    };

    // 2. Paced appends with the relay and a consumer group running: end-to-end latency.
    const latencies: number[] = [];
    let probes = 0;
    const consumer = await messaging.consumer({ partitionsConsumedConcurrently: 3 }).subscribe({
      groupId: `${prefix}-reader`,
      topics,
      fromBeginning: false,
      handle: async (message) => {
        const event = JSON.parse(message.value ?? 'null') as { data?: { run?: string; sentAt?: number; probe?: boolean } };
        if (event?.data?.run !== run) return;
        if (event.data.probe) probes += 1;
        else latencies.push(performance.timeOrigin + performance.now() - event.data.sentAt!);
      },
    });
    // The group starts at the latest offsets: wait until an event appended now reaches it.
    for (let i = 0; probes === 0; i += 1) {
      await append(store, `order-probe-${i}`, { run, probe: true, sentAt: Date.now() });
      await sleep(200);
    }
    const total = RATE * SECONDS;
    const cpu1 = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      void append(store, streamOf(i), { run, seq: i, sentAt: performance.timeOrigin + performance.now() });
    }
    const deadline = performance.now() + 60_000;
    while (latencies.length < total && performance.now() < deadline) await sleep(10);
    const latencyCpu = cpuSince(cpu1, total);
    await consumer.stop();
    latencies.sort((a, b) => a - b);
    const latency = {
      events: total,
      received: latencies.length,
      ratePerSecond: RATE,
      p50Ms: round(percentile(latencies, 0.5), 1),
      p99Ms: round(percentile(latencies, 0.99), 1),
      maxMs: round(latencies[latencies.length - 1] ?? NaN, 1),
      ...latencyCpu,
    };

    console.log(
      formatTable(
        ['client', 'publish ev/s', 'publish cpu ms/1k', 'e2e p50 ms', 'e2e p99 ms', 'e2e max ms', 'received', 'e2e cpu ms/1k'],
        [
          [
            messaging.client,
            publish.eventsPerSecond,
            publish.cpuMsPer1kEvents,
            latency.p50Ms,
            latency.p99Ms,
            latency.maxMs,
            `${latency.received}/${latency.events}`,
            latency.cpuMsPer1kEvents,
          ],
        ],
      ),
    );
    const dir = join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `relay-${messaging.client}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const result = { client: messaging.client, at: new Date().toISOString(), cpus: cpus().length, publish, latency };
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written ${file}`);
    if (latency.received < latency.events) process.exitCode = 1;
  } finally {
    await relay?.stop();
    await messaging.close();
    await store.close();
    await db.drop();
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
