import { type RecordedEvent } from '@kamflow/eventsourcing';

/**
 * One row of a read-model table as plain JSON: column name → value. Every table has a text primary
 * key column `id`. Timestamps are ISO strings, counts and money plain numbers, documents JSON values.
 */
export type Row = { readonly id: string } & { readonly [column: string]: unknown };

/** A row a projection wants to see before it evolves an event. */
export interface RowRef {
  readonly table: string;
  readonly id: string;
}

/** What `evolve` answers: write this row (upsert) or, with `row: null`, delete it. */
export interface RowChange {
  readonly table: string;
  readonly id: string;
  readonly row: Row | null;
}

/** The rows an event named in `keysOf`, by table and id (absent when the row does not exist). */
export type Rows = { readonly [table: string]: { readonly [id: string]: Row | undefined } };

/**
 * A read-model table. The runner creates it as `CREATE TABLE <name> (id text PRIMARY KEY, <columns>)`
 * plus the indexes (named `<name>__<index>`), and creates a `<name>__rebuild` shadow copy to rebuild.
 */
export interface TableSpec {
  readonly name: string;
  /** Column name → SQL type and constraints (`'text NOT NULL'`, `'jsonb'`, `'timestamptz'`), without `id`. */
  readonly columns: { readonly [column: string]: string };
  /** Index name suffix → column list in parentheses, e.g. `{ by_status: '(status, placed_at DESC)' }`. */
  readonly indexes?: { readonly [name: string]: string };
  /**
   * Keep only the newest `keep` rows per `partitionBy` value, newest by `orderBy` (a numeric column):
   * a feed such as an account's recent activity. Applied after every batch and by a rebuild alike, so
   * both hold the same rows.
   */
  readonly retain?: { readonly partitionBy: string; readonly orderBy: string; readonly keep: number };
}

/**
 * A projection: a pure function from the global log to rows of its tables.
 *
 * The runner applies a batch of events with one read and one write: it collects `keysOf` of every
 * event the projection `handles`, reads those rows once, folds the events through `evolve` in log
 * order in memory, and writes back the rows that changed, with its checkpoint, in one transaction.
 * `evolve` must depend only on the rows it named and the event, so replaying the log rebuilds the
 * same tables. Bump `version` whenever the tables or the meaning of `evolve` change: a projection
 * whose stored version differs is rebuilt from the log when the runner starts.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly tables: readonly TableSpec[];
  /** Stream categories to read (`order`, `shipment`...), so the runner fetches only these. */
  readonly categories: readonly string[];
  /** Whether the event changes any row (events of the categories it ignores are skipped cheaply). */
  handles(event: RecordedEvent): boolean;
  /** The rows `evolve` needs to see for this event. */
  keysOf(event: RecordedEvent): readonly RowRef[];
  /** The row changes the event causes, given the rows named by `keysOf` as they stand before it. */
  evolve(rows: Rows, event: RecordedEvent): readonly RowChange[];
}

/** Upserts `row` into `table`. */
export const put = (table: string, row: Row): RowChange => ({ table, id: row.id, row });

/** Deletes row `id` of `table` (a no-op when it does not exist). */
export const remove = (table: string, id: string): RowChange => ({ table, id, row: null });

/** The row `id` of `table` among the rows an event named. */
export function rowOf<R extends Row = Row>(rows: Rows, table: string, id: string): R | undefined {
  return rows[table]?.[id] as R | undefined;
}

/** The id part of a `category-<id>` stream name. */
export function streamIdOf(event: Pick<RecordedEvent, 'streamId'>): string {
  const i = event.streamId.indexOf('-');
  return i < 0 ? event.streamId : event.streamId.slice(i + 1);
}
