/**
 * Event store benchmark: single-event appends with N concurrent writers, the global-log read rate, and the
 * physical reference (plain autocommit single-row INSERTs into a table shaped like `events`) in the same run,
 * on PostgreSQL (a fresh database, dropped afterwards) and on PGlite (a fresh temporary data directory).
 *
 *   npm run bench:store                      BENCH_SECONDS (default 5) per cell, BENCH_WARMUP_SECONDS (default 1)
 *   DATABASE_URL=postgresql://... npm run bench:store
 *   BENCH_FLUSHES=4 npm run bench:store      concurrent group-commit flushes on PostgreSQL (default: the store's)
 *   BENCH_BACKENDS=postgres npm run bench:store   only some backends (postgres,pglite)
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type EventStore, type NewEvent } from '@kamflow/eventsourcing';
import {
  createEmbeddedEventStore,
  createPostgresEventStore,
  PgDatabase,
  type SqlExecutor,
} from '@kamflow/event-store';
import { createTestDatabase } from '../test/support/postgres';
import { type CellResult, formatTable, measure, round } from './support/measure';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const WRITERS = [1, 8, 32];
const POOL_SIZE = 32;
const READ_BATCH = 1000;
const FLUSHES = process.env.BENCH_FLUSHES ? Number(process.env.BENCH_FLUSHES) : undefined;
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'postgres,pglite').split(',');

const PLAIN_TABLE = `CREATE TABLE plain_inserts (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id uuid NOT NULL,
  stream_id text NOT NULL,
  category text NOT NULL,
  stream_revision bigint NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT plain_inserts_stream_revision_key UNIQUE (stream_id, stream_revision),
  CONSTRAINT plain_inserts_event_id_key UNIQUE (event_id)
)`;
const PLAIN_INSERT = `INSERT INTO plain_inserts
  (event_id, stream_id, category, stream_revision, type, schema_version, data, metadata, occurred_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

interface WriterRow {
  writers: number;
  appends: CellResult;
  plainInserts: CellResult;
  /** Event appends/s ÷ plain inserts/s. */
  ratio: number;
}

interface BackendResult {
  backend: 'postgres' | 'pglite';
  note?: string;
  rows: WriterRow[];
  read: { events: number; passes: number; seconds: number; eventsPerSecond: number };
}

/** A realistic order event: ~500 bytes of JSON data plus envelope metadata. */
function orderPlaced(seq: number): NewEvent {
  const orderId = randomUUID();
  return {
    type: 'OrderPlaced',
    occurredAt: new Date().toISOString(),
    metadata: {
      actor: 'user:desk-07',
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
    data: {
      orderId,
      accountId: `acc-${seq % 977}`,
      channel: 'KEY_ACCOUNT',
      requestedDelivery: '2026-03-14',
      currency: 'CNY',
      totalMinor: 12_345_600 + seq,
      shipTo: { site: 'Suzhou DC 2', street: '88 Xinghu St', city: 'Suzhou', postcode: '215000' },
      lines: [
        { sku: 'SRV-2U-GEN5', qty: 4, unitPriceMinor: 2_450_000, configurationId: `cfg-${seq}` },
        { sku: 'NIC-25G-DUAL', qty: 8, unitPriceMinor: 180_000, configurationId: null },
        { sku: 'RAIL-KIT-2U', qty: 4, unitPriceMinor: 25_000, configurationId: null },
      ],
    },
  };
}

function plainParams(event: NewEvent): unknown[] {
  return [
    randomUUID(),
    `bench-${randomUUID()}`,
    'bench',
    0,
    event.type,
    1,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
    event.occurredAt,
  ];
}

async function runBackend(
  backend: BackendResult['backend'],
  store: EventStore,
  plain: SqlExecutor,
  note?: string,
): Promise<BackendResult> {
  const rows: WriterRow[] = [];
  for (const writers of WRITERS) {
    process.stdout.write(`${backend}: ${writers} writer(s): appends… `);
    const appends = await measure(writers, SECONDS, WARMUP, (seq) =>
      store.appendToStream(`bench-${randomUUID()}`, [orderPlaced(seq)], { expectedRevision: 'no_stream' }),
    );
    process.stdout.write(`${appends.opsPerSecond}/s; plain inserts… `);
    const plainInserts = await measure(writers, SECONDS, WARMUP, (seq) =>
      plain.query(PLAIN_INSERT, plainParams(orderPlaced(seq))),
    );
    console.log(`${plainInserts.opsPerSecond}/s`);
    rows.push({
      writers,
      appends,
      plainInserts,
      ratio: round(appends.opsPerSecond / plainInserts.opsPerSecond, 2),
    });
  }
  process.stdout.write(`${backend}: reading the global log… `);
  const read = await readRate(store);
  console.log(`${read.eventsPerSecond} events/s`);
  return { backend, note, rows, read };
}

/** Reads the whole log from position 0 in batches, pass after pass, until the cell's duration is used. */
async function readRate(store: EventStore): Promise<BackendResult['read']> {
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  let events = 0;
  let passes = 0;
  do {
    let after = 0;
    for (;;) {
      const batch = await store.readAll({ after, maxCount: READ_BATCH });
      if (!batch.length) break;
      events += batch.length;
      after = batch[batch.length - 1].globalPosition;
    }
    passes++;
  } while (performance.now() < deadline);
  const seconds = (performance.now() - started) / 1000;
  return { events, passes, seconds: round(seconds, 3), eventsPerSecond: round(events / seconds, 0) };
}

async function postgres(): Promise<{ result: BackendResult; info: Record<string, string> }> {
  const database = await createTestDatabase('kamflow_bench');
  const store = await createPostgresEventStore({
    connectionString: database.url,
    poolSize: POOL_SIZE,
    maxConcurrentFlushes: FLUSHES,
  });
  const plain = new PgDatabase({ connectionString: database.url, max: POOL_SIZE });
  try {
    await plain.exec(PLAIN_TABLE);
    const [settings] = await plain.query<Record<string, string>>(
      `SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS synchronous_commit,
              current_setting('fsync') AS fsync, current_setting('commit_delay') AS commit_delay,
              current_setting('max_connections') AS max_connections, current_setting('shared_buffers') AS shared_buffers`,
    );
    const result = await runBackend('postgres', store, plain);
    return { result, info: settings };
  } finally {
    await plain.close();
    await store.close();
    await database.drop();
  }
}

async function pglite(): Promise<{ result: BackendResult; info: Record<string, string> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kamflow-bench-pglite-'));
  const store = await createEmbeddedEventStore({ dataDir });
  try {
    await store.db.exec(PLAIN_TABLE);
    const [settings] = await store.db.query<Record<string, string>>(
      `SELECT current_setting('server_version') AS version`,
    );
    const note =
      'PGlite has one in-process session: the N writers share it and their statements run one at a time';
    const result = await runBackend('pglite', store, store.db, note);
    return { result, info: settings };
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(results: BackendResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push('', `${r.backend}${r.note ? ` (${r.note})` : ''}`);
    lines.push(
      formatTable(
        ['writers', 'appends/s', 'p50 ms', 'p99 ms', 'inserts/s', 'p50 ms', 'p99 ms', 'appends÷inserts'],
        r.rows.map((w) => [
          w.writers,
          w.appends.opsPerSecond,
          w.appends.p50Ms,
          w.appends.p99Ms,
          w.plainInserts.opsPerSecond,
          w.plainInserts.p50Ms,
          w.plainInserts.p99Ms,
          w.ratio,
        ]),
      ),
    );
    lines.push(
      `global log read (readAll, batches of ${READ_BATCH}): ${r.read.eventsPerSecond} events/s ` +
        `(${r.read.events} events in ${r.read.passes} pass(es), ${r.read.seconds} s)`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const cpu = cpus();
  console.log(
    `store benchmark: ${SECONDS} s per cell after ${WARMUP} s warm-up, pool ${POOL_SIZE}, writers ${WRITERS.join('/')}, ` +
      `${cpu.length} CPU(s), node ${process.version}, group-commit flushes ${FLUSHES ?? 'default'}`,
  );
  const pg = BACKENDS.includes('postgres') ? await postgres() : undefined;
  const lite = BACKENDS.includes('pglite') ? await pglite() : undefined;
  const results = [pg?.result, lite?.result].filter((r) => r !== undefined);
  const machine = {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model,
    totalMemoryMiB: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    postgres: pg?.info,
    pglite: lite?.info,
    poolSize: POOL_SIZE,
    concurrentFlushes: FLUSHES ?? 'default',
    secondsPerCell: SECONDS,
    warmupSeconds: WARMUP,
  };
  console.log(report(results));
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `store-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ startedAt, machine, results }, null, 2));
  console.log(`\nPostgreSQL ${pg?.info.version ?? lite?.info.version}; results written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
