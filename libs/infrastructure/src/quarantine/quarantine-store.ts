import { migrate, type SqlDatabase, type SqlExecutor, toIso, toNumber } from '@kamflow/event-store';
import { type RecordedEvent } from '@kamflow/eventsourcing';
import { QUARANTINE_MIGRATIONS } from './quarantine.migrations';

/** Where a quarantined event stands: waiting, applied by a retry (or a rebuild), or skipped by an operator. */
export type QuarantineStatus = 'QUARANTINED' | 'RETRIED' | 'SKIPPED';

export const QUARANTINE_STATUSES: readonly QuarantineStatus[] = ['QUARANTINED', 'RETRIED', 'SKIPPED'];

/** One event a component (`projection:<name>`, `process:<name>`, `consumer:<group>`) could not apply. */
export interface QuarantinedEvent {
  id: number;
  component: string;
  eventId: string;
  globalPosition: number;
  streamId: string;
  eventType: string;
  errorMessage: string;
  attempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
  status: QuarantineStatus;
  skipReason: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

/** The event a quarantine row is about. */
export type QuarantineSubject = Pick<RecordedEvent, 'eventId' | 'globalPosition' | 'streamId' | 'type'>;

/** Filters and page of {@link QuarantineStore.list}. */
export interface QuarantineQuery {
  component?: string;
  status?: QuarantineStatus;
  page?: number;
  pageSize?: number;
}

const MAX_ERROR_LENGTH = 2000;

interface Row {
  id: unknown;
  component: string;
  event_id: string;
  global_position: unknown;
  stream_id: string;
  event_type: string;
  error_message: string;
  attempts: unknown;
  first_failed_at: unknown;
  last_failed_at: unknown;
  status: QuarantineStatus;
  skip_reason: string | null;
  resolved_by: string | null;
  resolved_at: unknown;
}

function toEvent(r: Row): QuarantinedEvent {
  return {
    id: toNumber(r.id),
    component: r.component,
    eventId: r.event_id,
    globalPosition: toNumber(r.global_position),
    streamId: r.stream_id,
    eventType: r.event_type,
    errorMessage: r.error_message,
    attempts: toNumber(r.attempts),
    firstFailedAt: toIso(r.first_failed_at),
    lastFailedAt: toIso(r.last_failed_at),
    status: r.status,
    skipReason: r.skip_reason,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at === null ? null : toIso(r.resolved_at),
  };
}

/** The message of `error`, bounded, for the `error_message` column. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

const stores = new WeakMap<SqlDatabase, QuarantineStore>();

/** The one {@link QuarantineStore} of `db` in this process (so counts are cached once). */
export function quarantineStoreFor(db: SqlDatabase): QuarantineStore {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new QuarantineStore(db)));
  return store;
}

/**
 * The `quarantined_events` table: the same SQL on PostgreSQL and PGlite. A row is written in the
 * transaction that moves the component past the event, so a component never passes an event without
 * its record. One row per (component, event): failing again counts another attempt.
 */
export class QuarantineStore {
  private migrated?: Promise<unknown>;
  private counts?: { at: number; value: Promise<Map<string, number>> };

  constructor(private readonly db: SqlDatabase) {}

  /** The database the table lives in. */
  get database(): SqlDatabase {
    return this.db;
  }

  /** Creates the table (once per process). */
  migrate(): Promise<unknown> {
    this.migrated ??= migrate(this.db, QUARANTINE_MIGRATIONS, 'quarantine').catch((error: unknown) => {
      this.migrated = undefined;
      throw error;
    });
    return this.migrated;
  }

  /** Records (or counts another failure of) `event` for `component`, in the caller's transaction. */
  async record(ex: SqlExecutor, component: string, event: QuarantineSubject, error: unknown, attempts = 1) {
    await ex.query(
      `INSERT INTO quarantined_events (component, event_id, global_position, stream_id, event_type, error_message, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (component, event_id) DO UPDATE SET
         error_message = EXCLUDED.error_message,
         attempts = quarantined_events.attempts + EXCLUDED.attempts,
         last_failed_at = now(),
         status = CASE WHEN quarantined_events.status = 'SKIPPED' THEN 'SKIPPED' ELSE 'QUARANTINED' END,
         resolved_by = CASE WHEN quarantined_events.status = 'SKIPPED' THEN quarantined_events.resolved_by END,
         resolved_at = CASE WHEN quarantined_events.status = 'SKIPPED' THEN quarantined_events.resolved_at END`,
      [
        component,
        event.eventId,
        event.globalPosition,
        event.streamId,
        event.type,
        errorText(error),
        attempts,
      ],
    );
    this.counts = undefined;
  }

  /** A page of rows, newest first, with the total that matched. */
  async list(query: QuarantineQuery = {}): Promise<{ items: QuarantinedEvent[]; total: number }> {
    await this.migrate();
    const params: unknown[] = [query.component ?? null, query.status ?? null];
    const where = `($1::text IS NULL OR component = $1) AND ($2::text IS NULL OR status = $2)`;
    const pageSize = query.pageSize ?? 50;
    const offset = ((query.page ?? 1) - 1) * pageSize;
    const rows = await this.db.query<Row>(
      `SELECT * FROM quarantined_events WHERE ${where} ORDER BY id DESC LIMIT $3 OFFSET $4`,
      [...params, pageSize, offset],
    );
    const [{ n }] = await this.db.query<{ n: unknown }>(
      `SELECT count(*) AS n FROM quarantined_events WHERE ${where}`,
      params,
    );
    return { items: rows.map(toEvent), total: toNumber(n) };
  }

  /** One row; with `forUpdate` locked for the rest of the caller's transaction (migrated before). */
  async get(ex: SqlExecutor, id: number, forUpdate = false): Promise<QuarantinedEvent | undefined> {
    const rows = await ex.query<Row>(
      `SELECT * FROM quarantined_events WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows.length ? toEvent(rows[0]) : undefined;
  }

  /** Marks a row applied by a retry, in the transaction that applied it. */
  async markRetried(ex: SqlExecutor, id: number, by: string): Promise<void> {
    await ex.query(
      `UPDATE quarantined_events SET status = 'RETRIED', resolved_by = $2, resolved_at = now() WHERE id = $1`,
      [id, by],
    );
    this.counts = undefined;
  }

  /** Counts a failed retry: the row stays QUARANTINED with the new error. */
  async markFailedAgain(id: number, error: unknown): Promise<void> {
    await this.db.query(
      `UPDATE quarantined_events SET attempts = attempts + 1, last_failed_at = now(), error_message = $2
        WHERE id = $1`,
      [id, errorText(error)],
    );
  }

  /** Skips a QUARANTINED row with the operator's reason; undefined when there is no such open row. */
  async skip(id: number, reason: string, by: string): Promise<QuarantinedEvent | undefined> {
    await this.migrate();
    const rows = await this.db.query<Row>(
      `UPDATE quarantined_events SET status = 'SKIPPED', skip_reason = $2, resolved_by = $3, resolved_at = now()
        WHERE id = $1 AND status = 'QUARANTINED' RETURNING *`,
      [id, reason, by],
    );
    this.counts = undefined;
    return rows.length ? toEvent(rows[0]) : undefined;
  }

  /**
   * After a rebuild applied the log up to `upTo`: the component's QUARANTINED rows at or below it that
   * the rebuild did not fail on (`failed` event ids) are applied now, so they are RETRIED by `by`.
   */
  async resolveReplayed(
    ex: SqlExecutor,
    component: string,
    upTo: number,
    failed: readonly string[],
    by: string,
  ) {
    await ex.query(
      `UPDATE quarantined_events SET status = 'RETRIED', resolved_by = $4, resolved_at = now()
        WHERE component = $1 AND status = 'QUARANTINED' AND global_position <= $2 AND NOT (event_id = ANY($3::text[]))`,
      [component, upTo, [...failed], by],
    );
    this.counts = undefined;
  }

  /** QUARANTINED rows per component (cached for a second: `/ready` and `/metrics` ask often). */
  openCounts(): Promise<Map<string, number>> {
    if (this.counts && Date.now() - this.counts.at < 1000) return this.counts.value;
    const value = this.migrate()
      .then(() =>
        this.db.query<{ component: string; n: unknown }>(
          `SELECT component, count(*) AS n FROM quarantined_events WHERE status = 'QUARANTINED' GROUP BY component`,
        ),
      )
      .then((rows) => new Map(rows.map((r) => [r.component, toNumber(r.n)])));
    value.catch(() => (this.counts = undefined));
    this.counts = { at: Date.now(), value };
    return value;
  }

  /** QUARANTINED rows of one component. */
  async openCount(component: string): Promise<number> {
    return (await this.openCounts()).get(component) ?? 0;
  }
}
