/**
 * Read-side benchmark: rebuild rate of every projection over a generated log of realistic order flows on
 * PostgreSQL (each alone, and all four in one pass), and incremental lag (a command answered → every
 * projection applied its position) while real HTTP commands run at a steady offered rate, on the
 * embedded product (its own PostgreSQL server, or PGlite with EMBEDDED_ENGINE=pglite) and on PostgreSQL.
 *
 *   npm run bench:projections                 BENCH_EVENTS (default 1 000 000) events in the log
 *   BENCH_EVENTS=50000 npm run bench:projections   a quick run
 *   BENCH_LAG_SECONDS (default 30), BENCH_RATE (default 200 commands/s), BENCH_BATCH (rebuild runner batch size)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPostgresEventStore } from '@kamflow/event-store';
import { LogEventSource, ProjectionRunner } from '@kamflow/infrastructure';
import { ALL_PROJECTIONS } from '@kamflow/projections';
import { createTestDatabase } from '../test/support/postgres';
import { loadEvents } from './support/event-loader';
import { formatTable, round } from './support/measure';
import { commandLagBench } from './support/command-lag';
import { interleavedLog } from './support/order-flows';

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

/** Lag while real commands run: embedded and on PostgreSQL, at the same offered rate. */
async function lagBench() {
  const embedded = await commandLagBench({ seconds: LAG_SECONDS, rate: RATE });
  const database = await createTestDatabase('kamflow_bench_lag');
  try {
    const postgres = await commandLagBench({ seconds: LAG_SECONDS, rate: RATE, databaseUrl: database.url });
    return { embedded, postgres };
  } finally {
    await database.drop();
  }
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
  console.log(`\nincremental lag while real commands run (offered ${RATE} commands/s for ${LAG_SECONDS} s)`);
  console.log(
    formatTable(
      [
        'store',
        'cmd/s',
        '2xx/s',
        'events/s',
        'skipped',
        'lag p50',
        'lag p99',
        'lag max',
        'cmd p50',
        'cmd p99',
        'busy',
      ],
      (['embedded', 'postgres'] as const).map((store) => {
        const r = lag[store];
        return [
          store === 'embedded' ? `embedded (${process.env.EMBEDDED_ENGINE ?? 'postgres'})` : 'PostgreSQL',
          r.commandsPerSecond,
          r.acceptedPerSecond,
          r.eventsPerSecond,
          r.skipped,
          r.lag.p50Ms,
          r.lag.p99Ms,
          r.lag.maxMs,
          r.commandLatency.p50Ms,
          r.commandLatency.p99Ms,
          r.productThreadBusy,
        ];
      }),
    ),
  );
  console.log(
    '(lag: a command answered → every projection applied its position; ms. busy: product thread, 1 = never idle)',
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
