import { type SqlExecutor, toNumber } from '@kamflow/event-store';
import { type RecordedEvent } from '@kamflow/eventsourcing';
import {
  applyBatch,
  keysOfBatch,
  type Projection,
  type Row,
  type RowTables,
  type TableSpec,
} from '@kamflow/projections';

/** Suffix of the shadow tables a rebuild fills before swapping them in. */
export const SHADOW = '__rebuild';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  return name;
}

/** `CREATE INDEX` statements of `spec`'s secondary indexes on `<name><suffix>`. */
export function indexDdl(spec: TableSpec, suffix = ''): string[] {
  const table = ident(spec.name + suffix);
  return Object.entries(spec.indexes ?? {}).map(
    ([name, on]) => `CREATE INDEX ${ident(`${table}__${name}`)} ON ${table} ${on}`,
  );
}

/** `CREATE TABLE` and `CREATE INDEX` statements for `spec` under the physical name `<name><suffix>`. */
export function tableDdl(spec: TableSpec, suffix = '', withIndexes = true): string[] {
  const table = ident(spec.name + suffix);
  const columns = Object.entries(spec.columns).map(([c, type]) => `${ident(c)} ${type}`);
  return [
    `CREATE TABLE ${table} (id text PRIMARY KEY, ${columns.join(', ')})`,
    ...(withIndexes ? indexDdl(spec, suffix) : []),
  ];
}

/**
 * Drops and creates the projection's tables (live, or the shadow copies with `suffix`). A rebuild creates
 * the shadows without secondary indexes and adds them with {@link createIndexes} once filled: building an
 * index once is much cheaper than maintaining it through every batch.
 */
export async function recreateTables(
  ex: SqlExecutor,
  projection: Projection,
  suffix = '',
  withIndexes = true,
): Promise<void> {
  for (const spec of projection.tables) {
    await ex.query(`DROP TABLE IF EXISTS ${ident(spec.name + suffix)}`);
    for (const statement of tableDdl(spec, suffix, withIndexes)) await ex.query(statement);
  }
}

/** Creates the secondary indexes of the projection's tables (with `suffix`). */
export async function createIndexes(ex: SqlExecutor, projection: Projection, suffix = ''): Promise<void> {
  for (const spec of projection.tables)
    for (const statement of indexDdl(spec, suffix)) await ex.query(statement);
}

/** Reads rows as JSON (timestamps as ISO strings, int8 as numbers): the same on `pg` and PGlite. */
export async function loadRows(
  ex: SqlExecutor,
  keys: Map<string, Set<string>>,
  suffix = '',
): Promise<RowTables> {
  const out: RowTables = new Map();
  for (const [table, ids] of keys) {
    const found = new Map<string, Row | null>([...ids].map((id) => [id, null]));
    const rows = await ex.query<{ r: Row | string }>(
      `SELECT to_jsonb(t) AS r FROM ${ident(table + suffix)} t WHERE t.id = ANY($1::text[])`,
      [[...ids]],
    );
    for (const { r } of rows) {
      const row = (typeof r === 'string' ? JSON.parse(r) : r) as Row;
      found.set(row.id, row);
    }
    out.set(table, found);
  }
  return out;
}

/** Writes a batch's changed rows: one upsert and one delete statement per table. */
export async function writeChanges(
  ex: SqlExecutor,
  projection: Projection,
  changed: RowTables,
  suffix = '',
): Promise<void> {
  for (const [tableName, rows] of changed) {
    const spec = projection.tables.find((t) => t.name === tableName);
    if (!spec) throw new Error(`Projection ${projection.name} wrote to unknown table ${tableName}`);
    const table = ident(spec.name + suffix);
    const upserts = [...rows.values()].filter((r): r is Row => r !== null);
    const deletes = [...rows].filter(([, r]) => r === null).map(([id]) => id);
    if (deletes.length) await ex.query(`DELETE FROM ${table} WHERE id = ANY($1::text[])`, [deletes]);
    if (upserts.length) {
      const columns = ['id', ...Object.keys(spec.columns).map(ident)];
      const updates = columns.slice(1).map((c) => `${c} = EXCLUDED.${c}`);
      await ex.query(
        `INSERT INTO ${table} (${columns.join(', ')})
         SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
         ON CONFLICT (id) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
        [JSON.stringify(upserts)],
      );
    }
  }
}

/**
 * Deletes the rows a table's `retain` rule no longer keeps: in the partitions named (the ones a batch
 * wrote to), or in every partition when `partitions` is omitted.
 */
export async function enforceRetention(
  ex: SqlExecutor,
  spec: TableSpec,
  suffix = '',
  partitions?: readonly unknown[],
): Promise<void> {
  const rule = spec.retain;
  if (!rule || (partitions && !partitions.length)) return;
  const table = ident(spec.name + suffix);
  const by = ident(rule.partitionBy);
  const order = ident(rule.orderBy);
  await ex.query(
    `DELETE FROM ${table} WHERE id IN (
       SELECT id FROM (
         SELECT id, row_number() OVER (PARTITION BY ${by} ORDER BY ${order} DESC) AS n FROM ${table}
          ${partitions ? `WHERE ${by}::text = ANY($2::text[])` : ''}
       ) ranked WHERE n > $1)`,
    partitions ? [rule.keep, partitions.map(String)] : [rule.keep],
  );
}

/** Replaces the live tables by their shadow copies (indexes renamed with them), in the caller's transaction. */
export async function swapInShadow(ex: SqlExecutor, projection: Projection): Promise<void> {
  for (const spec of projection.tables) {
    const live = ident(spec.name);
    await ex.query(`DROP TABLE IF EXISTS ${live}`);
    await ex.query(`ALTER TABLE ${live}${SHADOW} RENAME TO ${live}`);
    const indexes = await ex.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`,
      [live],
    );
    for (const { indexname } of indexes) {
      if (indexname.startsWith(live + SHADOW)) {
        await ex.query(
          `ALTER INDEX ${ident(indexname)} RENAME TO ${ident(live + indexname.slice(live.length + SHADOW.length))}`,
        );
      }
    }
  }
}

export interface Checkpoint {
  position: number;
  version: number;
}

export async function readCheckpoint(
  ex: SqlExecutor,
  name: string,
  forUpdate = false,
): Promise<Checkpoint | undefined> {
  const rows = await ex.query<{ position: unknown; version: unknown }>(
    `SELECT position, version FROM projection_checkpoints WHERE name = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [name],
  );
  return rows.length
    ? { position: toNumber(rows[0].position), version: toNumber(rows[0].version) }
    : undefined;
}

export async function writeCheckpoint(ex: SqlExecutor, name: string, checkpoint: Checkpoint): Promise<void> {
  await ex.query(
    `INSERT INTO projection_checkpoints (name, position, version, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, version = EXCLUDED.version, updated_at = now()`,
    [name, checkpoint.position, checkpoint.version],
  );
}

/** Serialises writers of one projection across processes for the rest of the transaction. */
export async function lockProjection(ex: SqlExecutor, name: string): Promise<void> {
  await ex.query('SELECT pg_advisory_xact_lock(7311002, hashtext($1))', [name]);
}

/**
 * Folds `events` over the rows they name: one read, the pure fold, one write (live or shadow tables).
 * Returns the rows written (`null` = deleted), or undefined when no event concerned the projection.
 */
export async function applyEvents(
  tx: SqlExecutor,
  projection: Projection,
  events: readonly RecordedEvent[],
  suffix = '',
): Promise<RowTables | undefined> {
  if (!events.length) return undefined;
  // A batch whose events name no rows may still write some (rows keyed by the event itself).
  if (!events.some((e) => projection.handles(e))) return undefined;
  const keys = keysOfBatch(projection, events);
  const loaded = await loadRows(tx, keys, suffix);
  const { changed } = applyBatch(projection, loaded, events);
  await writeChanges(tx, projection, changed, suffix);
  return changed;
}
