/**
 * Why are event appends slower than plain INSERTs at 32 writers? Runs, on a fresh PostgreSQL database,
 * 32 writers against four variants for BENCH_SECONDS each, sampling pg_stat_activity wait events:
 *   plain     the single-row autocommit INSERT of store.bench.ts
 *   es_append the shipped function (session advisory lock held across the INSERT)
 *   nolock    es_append without the advisory lock (NOT tailing-safe: the lower bound of the lock's cost)
 *   reserve   the lock held only while the transaction id is assigned and positions are reserved,
 *             the INSERT (index maintenance, WAL) done after the unlock with the reserved positions
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/append-lock.investigate.ts
 */
import { randomUUID } from 'node:crypto';
import { EVENT_STORE_MIGRATIONS, migrate, PgDatabase } from '@kamflow/event-store';
import { createTestDatabase } from '../test/support/postgres';
import { formatTable, measure } from './support/measure';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 32);
const SYNC = process.env.BENCH_SYNCHRONOUS_COMMIT ?? 'on';

function functionSql(): string {
  const sql = EVENT_STORE_MIGRATIONS[0].sql;
  return sql.slice(sql.indexOf('CREATE FUNCTION es_append('));
}

/** es_append without the advisory lock. */
function noLockVariant(): string {
  return functionSql()
    .replace('CREATE FUNCTION es_append(', 'CREATE FUNCTION es_append_nolock(')
    .replace(/\s*PERFORM pg_advisory_(un)?lock\(7311002\);/g, '');
}

/** es_append with the lock held only around xid assignment and position reservation. */
function reserveVariant(): string {
  const insert = /PERFORM pg_advisory_lock\(7311002\);[\s\S]*?PERFORM pg_advisory_unlock\(7311002\);/;
  const body = `PERFORM pg_advisory_lock(7311002);
    PERFORM pg_current_xact_id();
    SELECT array_agg(nextval('events_global_position_seq') ORDER BY i) INTO v_positions FROM generate_series(1, v_count) AS i;
    PERFORM pg_advisory_unlock(7311002);
    INSERT INTO events (global_position, event_id, stream_id, category, stream_revision, type, schema_version, data, metadata, occurred_at)
      OVERRIDING SYSTEM VALUE
      SELECT v_positions[i], v_ids[i], p_stream_id, split_part(p_stream_id, '-', 1), v_current + i, v_types[i], v_versions[i],
             v_data[i], v_metadata[i], v_times[i]
        FROM generate_series(1, v_count) AS i
      ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;`;
  const sql = functionSql()
    .replace('CREATE FUNCTION es_append(', 'CREATE FUNCTION es_append_reserve(')
    .replace('v_times timestamptz[];', 'v_times timestamptz[];\n  v_positions bigint[];');
  if (!insert.test(sql)) throw new Error('es_append changed: cannot build the reserve variant');
  return sql.replace(insert, body);
}

const data = JSON.stringify({
  orderId: randomUUID(),
  accountId: 'acc-1',
  channel: 'KEY_ACCOUNT',
  currency: 'CNY',
  totalMinor: 12_345_600,
  shipTo: { site: 'Suzhou DC 2', street: '88 Xinghu St', city: 'Suzhou', postcode: '215000' },
  lines: [
    { sku: 'SRV-2U-GEN5', qty: 4, unitPriceMinor: 2_450_000, configurationId: 'cfg-1' },
    { sku: 'NIC-25G-DUAL', qty: 8, unitPriceMinor: 180_000, configurationId: null },
    { sku: 'RAIL-KIT-2U', qty: 4, unitPriceMinor: 25_000, configurationId: null },
  ],
});
const metadata = () =>
  JSON.stringify({
    actor: 'user:desk-07',
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
  });

async function main(): Promise<void> {
  const database = await createTestDatabase('kamflow_bench');
  const url = new URL(database.url);
  url.searchParams.set('options', `-c synchronous_commit=${SYNC}`);
  const db = new PgDatabase({ connectionString: url.toString(), max: Math.max(32, WRITERS) });
  const sampler = new PgDatabase({ connectionString: database.url, max: 1 });
  try {
    await migrate(db, EVENT_STORE_MIGRATIONS);
    for (const sql of [noLockVariant(), reserveVariant()]) await db.exec(sql);
    await db.exec(`CREATE TABLE plain_inserts (LIKE events INCLUDING ALL)`);
    const append = (fn: string) => () =>
      db.query(`SELECT * FROM ${fn}($1, -1, $2::jsonb, NULL, NULL, NULL)`, [
        `bench-${randomUUID()}`,
        JSON.stringify([
          {
            eventId: randomUUID(),
            type: 'OrderPlaced',
            schemaVersion: 1,
            data: JSON.parse(data),
            metadata: JSON.parse(metadata()),
          },
        ]),
      ]);
    const variants: [string, () => Promise<unknown>][] = [
      [
        'plain',
        () =>
          db.query(
            `INSERT INTO plain_inserts (event_id, stream_id, category, stream_revision, type, schema_version, data, metadata, occurred_at)
             VALUES ($1, $2, 'bench', 0, 'OrderPlaced', 1, $3, $4, now())`,
            [randomUUID(), `bench-${randomUUID()}`, data, metadata()],
          ),
      ],
      ['es_append', append('es_append')],
      ['nolock', append('es_append_nolock')],
      ['reserve', append('es_append_reserve')],
    ];
    const rows: (string | number)[][] = [];
    for (const [name, op] of variants) {
      const waits = new Map<string, number>();
      let samples = 0;
      let sampling = true;
      const sampleLoop = (async () => {
        while (sampling) {
          const active = await sampler.query<{ w: string }>(
            `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w FROM pg_stat_activity
              WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
          );
          samples++;
          for (const a of active) waits.set(a.w, (waits.get(a.w) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const cell = await measure(WRITERS, SECONDS, 1, op);
      sampling = false;
      await sampleLoop;
      const top = [...waits.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([w, n]) => `${w} ${(n / samples).toFixed(1)}`)
        .join(', ');
      rows.push([name, cell.opsPerSecond, cell.p50Ms, cell.p99Ms, top]);
      console.log(`${name}: ${cell.opsPerSecond}/s`);
    }
    console.log(`\n${WRITERS} writers, synchronous_commit=${SYNC}, ${SECONDS} s per variant`);
    console.log(formatTable(['variant', 'ops/s', 'p50 ms', 'p99 ms', 'mean backends per wait state'], rows));
  } finally {
    await sampler.close();
    await db.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
