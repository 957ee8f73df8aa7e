import { type RecordedEvent } from '@kamflow/eventsourcing';
import { type Projection, type Row, type TableSpec } from './projection';

/** Rows by table and id; `null` records that a row is known not to exist (or was deleted). */
export type RowTables = Map<string, Map<string, Row | null>>;

/** Every row the events of a batch name, by table: what the runner reads before applying it. */
export function keysOfBatch(
  projection: Projection,
  events: readonly RecordedEvent[],
): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const event of events) {
    if (!projection.handles(event)) continue;
    for (const ref of projection.keysOf(event)) {
      let ids = keys.get(ref.table);
      if (!ids) keys.set(ref.table, (ids = new Set()));
      ids.add(ref.id);
    }
  }
  return keys;
}

/** The outcome of a batch: the rows after it and, per table, the rows it changed (`null` = delete). */
export interface AppliedBatch {
  rows: RowTables;
  changed: RowTables;
}

/**
 * Folds `events`, in order, over `rows` IN PLACE (which must hold every row `keysOfBatch` named, `null` for
 * missing ones) and records each change in `changed` too. The rebuild keeps its rows in memory across
 * batches with this; {@link applyBatch} is the pure form.
 */
export function foldInto(
  projection: Projection,
  rows: RowTables,
  events: readonly RecordedEvent[],
  changed?: RowTables,
): void {
  for (const event of events) {
    if (!projection.handles(event)) continue;
    const view: Record<string, Record<string, Row | undefined>> = {};
    for (const ref of projection.keysOf(event)) {
      (view[ref.table] ??= {})[ref.id] = rows.get(ref.table)?.get(ref.id) ?? undefined;
    }
    for (const change of projection.evolve(view, event)) {
      let table = rows.get(change.table);
      if (!table) rows.set(change.table, (table = new Map<string, Row | null>()));
      table.set(change.id, change.row);
      if (changed) {
        let marks = changed.get(change.table);
        if (!marks) changed.set(change.table, (marks = new Map<string, Row | null>()));
        marks.set(change.id, change.row);
      }
    }
  }
}

/**
 * Folds a batch of events, in order, over `loaded` (which must hold every row `keysOfBatch` named,
 * `null` for missing ones). Pure: `loaded` is not modified.
 */
export function applyBatch(
  projection: Projection,
  loaded: RowTables,
  events: readonly RecordedEvent[],
): AppliedBatch {
  const rows: RowTables = new Map([...loaded].map(([t, m]) => [t, new Map(m)]));
  const changed: RowTables = new Map();
  foldInto(projection, rows, events, changed);
  return { rows, changed };
}

/**
 * The ids of `rows` a table's `retain` rule drops: per partition all but the newest `keep` rows.
 * `rows` must hold every row of the partitions it names (a rebuild's complete in-memory table).
 */
export function retentionDrops(spec: TableSpec, rows: Iterable<Row>): string[] {
  const rule = spec.retain;
  if (!rule) return [];
  const partitions = new Map<unknown, Row[]>();
  for (const row of rows) {
    const key = row[rule.partitionBy];
    let list = partitions.get(key);
    if (!list) partitions.set(key, (list = []));
    list.push(row);
  }
  const drops: string[] = [];
  for (const list of partitions.values()) {
    if (list.length <= rule.keep) continue;
    list.sort((a, b) => Number(b[rule.orderBy]) - Number(a[rule.orderBy]));
    for (const row of list.slice(rule.keep)) drops.push(row.id);
  }
  return drops;
}

/** Table name → its rows sorted by id: what a read model holds. */
export type TableContents = Record<string, Row[]>;

/**
 * Runs a projection over events from empty tables (or `given` rows) entirely in memory: the pure
 * "given events → expected rows" form used by unit tests, equal to what the runner writes.
 */
export function projectEvents(
  projection: Projection,
  events: readonly RecordedEvent[],
  given: TableContents = {},
): TableContents {
  const loaded: RowTables = new Map(projection.tables.map((t) => [t.name, new Map<string, Row | null>()]));
  for (const [table, rows] of Object.entries(given)) {
    for (const row of rows) loaded.get(table)?.set(row.id, row);
  }
  const { rows } = applyBatch(projection, loaded, events);
  const out: TableContents = {};
  for (const spec of projection.tables) {
    const live = [...(rows.get(spec.name)?.values() ?? [])].filter((r): r is Row => r !== null);
    const dropped = new Set(retentionDrops(spec, live));
    out[spec.name] = live
      .filter((r) => !dropped.has(r.id))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}
