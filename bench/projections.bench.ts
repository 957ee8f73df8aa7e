/**
 * Read-side benchmark: rebuild rate of every projection over a generated log of realistic order flows on
 * PostgreSQL, and incremental lag (append → the projection's checkpoint passing it) on embedded PGlite
 * while commands append at a steady rate.
 *
 *   npm run bench:projections                 BENCH_EVENTS (default 1 000 000) events in the log
 *   BENCH_EVENTS=50000 npm run bench:projections   a quick run
 *   BENCH_LAG_SECONDS (default 30), BENCH_RATE (default 200 commands/s), BENCH_BATCH (runner batch size)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEmbeddedEventStore, createPostgresEventStore } from '@kamflow/event-store';
import { LogEventSource, NotifyingEventStore, ProjectionRunner } from '@kamflow/infrastructure';
import { ALL_PROJECTIONS } from '@kamflow/projections';
import { createTestDatabase } from '../test/support/postgres';
import { loadEvents } from './support/event-loader';
import { formatTable, round } from './support/measure';
import { interleavedLog, masterData, orderFlow, random, type FlowEvent } from './support/order-flows';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const LAG_SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 30);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
const quiet = { log: () => undefined, error: console.error, warn: console.warn } as const;

interface RebuildRow {
  projection: string;
  seconds: number;
  logEventsPerSecond: number;
  /** Events of the projection's categories in the log. */
  categoryEvents: number;
  categoryEventsPerSecond: number;
}

async function rebuildBench() {
  const database = await createTestDatabase('kamflow_bench_projections');
  const store = await createPostgresEventStore({ connectionString: database.url, poolSize: 4 });
  try {
    const t0 = performance.now();
    const events = await loadEvents(store.db, interleavedLog(EVENTS));
    await store.db.query('ANALYZE events');
    const generateSeconds = (performance.now() - t0) / 1000;
    console.log(`generated and loaded ${events} events in ${round(generateSeconds, 1)} s`);
    const runner = new ProjectionRunner(store.db, new LogEventSource(store), undefined, undefined, {
      batchSize: BATCH,
    });
    Object.assign(runner as unknown as { logger: unknown }, { logger: quiet });
    const rows: RebuildRow[] = [];
    for (const projection of ALL_PROJECTIONS) {
      await runner.init(projection);
      const [{ n }] = await store.db.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM events WHERE category = ANY($1)',
        [projection.categories],
      );
      const started = performance.now();
      await runner.rebuild(projection.name);
      const seconds = (performance.now() - started) / 1000;
      rows.push({
        projection: projection.name,
        seconds: round(seconds, 2),
        logEventsPerSecond: Math.round(events / seconds),
        categoryEvents: Number(n),
        categoryEventsPerSecond: Math.round(Number(n) / seconds),
      });
      console.log(`  rebuilt ${projection.name} in ${round(seconds, 1)} s`);
    }
    const total = rows.reduce((s, r) => s + r.seconds, 0);
    // What `projections:rebuild -- all` does: one read of the log feeding every projection.
    const memoryBefore = process.memoryUsage().rss;
    const started = performance.now();
    const results = await runner.rebuildAll(ALL_PROJECTIONS.map((p) => p.name));
    const onePass = (performance.now() - started) / 1000;
    console.log(`  rebuilt all in one pass in ${round(onePass, 1)} s`);
    return {
      events,
      generateSeconds: round(generateSeconds, 1),
      rows,
      all: { seconds: round(total, 2), logEventsPerSecond: Math.round(events / total) },
      onePass: {
        seconds: round(onePass, 2),
        logEventsPerSecond: Math.round(events / onePass),
        rowsWritten: results.reduce((n, r) => n + r.rows, 0),
        rssGrowthMb: Math.round((process.memoryUsage().rss - memoryBefore) / 2 ** 20),
      },
    };
  } finally {
    await store.close();
    await database.drop();
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function lagBench() {
  const inner = await createEmbeddedEventStore({});
  const store = new NotifyingEventStore(inner);
  const runner = new ProjectionRunner(inner.db, new LogEventSource(store), undefined, undefined, {
    batchSize: BATCH,
  });
  Object.assign(runner as unknown as { logger: unknown }, { logger: quiet });
  try {
    for (const e of masterData(200, new Date())) await append(store, e);
    for (const p of ALL_PROJECTIONS) runner.start(p);
    const rnd = random(7);
    const queue: FlowEvent[] = [];
    let order = 1;
    const lags: number[] = [];
    let errors = 0;
    const pending: Promise<void>[] = [];
    const interval = 1000 / RATE;
    const started = performance.now();
    for (let i = 0; performance.now() - started < LAG_SECONDS * 1000; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (!queue.length) queue.push(...orderFlow(order++, 200, rnd, Date.now()));
      const event = queue.shift()!;
      pending.push(
        (async () => {
          const t0 = performance.now();
          const position = await append(store, event);
          await Promise.all(ALL_PROJECTIONS.map((p) => runner.waitFor(p.name, position, 10_000)));
          lags.push(performance.now() - t0);
        })().catch(() => void errors++),
      );
    }
    await Promise.all(pending);
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...lags].sort((a, b) => a - b);
    return {
      commands: lags.length + errors,
      seconds: round(seconds, 1),
      commandsPerSecond: round((lags.length + errors) / seconds, 1),
      errors,
      p50Ms: round(percentile(sorted, 50), 1),
      p99Ms: round(percentile(sorted, 99), 1),
      maxMs: round(sorted[sorted.length - 1] ?? 0, 1),
    };
  } finally {
    await runner.stop();
    await inner.close();
  }
}

async function append(store: NotifyingEventStore, e: FlowEvent): Promise<number> {
  const result = await store.appendToStream(
    e.streamId,
    [{ type: e.type, data: e.data, occurredAt: e.occurredAt, metadata: { actor: e.actor } }],
    { expectedRevision: 'any' },
  );
  if (result.duplicate) throw new Error('unexpected duplicate append');
  return result.lastGlobalPosition;
}

async function main() {
  console.log(
    `projections benchmark: ${EVENTS} events, lag at ${RATE} commands/s for ${LAG_SECONDS} s (cpus ${cpus().length})`,
  );
  const rebuild = await rebuildBench();
  console.log('\nrebuild (PostgreSQL, ProjectionRunner.rebuild)');
  console.log(
    formatTable(
      ['projection', 'seconds', 'log events/s', 'category events', 'category events/s'],
      [
        ...rebuild.rows.map((r) => [
          r.projection,
          r.seconds,
          r.logEventsPerSecond,
          r.categoryEvents,
          r.categoryEventsPerSecond,
        ]),
        ['all, one after another', rebuild.all.seconds, rebuild.all.logEventsPerSecond, '', ''],
        ['all in one pass', rebuild.onePass.seconds, rebuild.onePass.logEventsPerSecond, '', ''],
      ],
    ),
  );
  const lag = await lagBench();
  console.log(
    `\nincremental lag (PGlite, ${lag.commandsPerSecond} commands/s for ${lag.seconds} s, all projections)`,
  );
  console.log(
    formatTable(
      ['commands', 'p50 ms', 'p99 ms', 'max ms', 'errors'],
      [[lag.commands, lag.p50Ms, lag.p99Ms, lag.maxMs, lag.errors]],
    ),
  );
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `projections-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
  };
  writeFileSync(
    file,
    JSON.stringify({ machine, events: EVENTS, batchSize: BATCH ?? 1000, rebuild, lag }, null, 2),
  );
  console.log(`\nwrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
