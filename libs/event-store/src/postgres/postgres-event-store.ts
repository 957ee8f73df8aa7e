import {
  type AppendOptions,
  type AppendResult,
  type CommandRecord,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamResult,
  type RecordedEvent,
  UpcasterRegistry,
} from '@kamflow/eventsourcing';
import { migrate } from '../sql/migrations';
import { discardConnection, type SqlDatabase, toIso, toNumber } from '../sql/sql-database';
import {
  type BatchItem,
  type BatchOutcome,
  toAppendResult,
  toBatchItem,
  toCommandRecord,
} from './append-batch';
import { EVENT_STORE_MIGRATIONS } from './event-store.migrations';

interface EventRow {
  global_position: string | number;
  event_id: string;
  stream_id: string;
  stream_revision: string | number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  occurred_at: Date | string;
}

const EVENT_COLUMNS =
  'global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at';

/** Codes raised by `es_append` and PostgreSQL that are part of normal operation. */
const WRONG_REVISION = 'KF409';
const UNIQUE_VIOLATION = '23505';
/** The most appends one `es_append_batch` call carries. */
const MAX_BATCH = 256;
/** Concurrent `es_append_batch` calls on PostgreSQL (see bench/store.bench.ts for the measurements). */
const DEFAULT_CONCURRENT_FLUSHES = 1;

interface QueuedAppend {
  item: BatchItem;
  options: AppendOptions;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * The event store on PostgreSQL: pooled `pg` for the server, PGlite for the embedded mode (same SQL).
 * See {@link EVENT_STORE_MIGRATIONS} for how tailing readers are kept from skipping events.
 */
export class PostgresEventStore implements EventStore {
  private readonly queue: QueuedAppend[] = [];
  private readonly drained: (() => void)[] = [];
  private flushing = 0;
  /** How many `es_append_batch` calls may be in flight at once (PGlite has one session: 1). */
  private readonly maxFlushes: number;

  constructor(
    readonly db: SqlDatabase,
    private readonly upcasters = new UpcasterRegistry(),
    private readonly ownsDatabase = true,
    options: { maxConcurrentFlushes?: number } = {},
  ) {
    this.maxFlushes = options.maxConcurrentFlushes ?? (db.kind === 'pglite' ? 1 : DEFAULT_CONCURRENT_FLUSHES);
  }

  /** Applies pending schema migrations; call once at start. */
  async migrate(): Promise<number[]> {
    return migrate(this.db, EVENT_STORE_MIGRATIONS);
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<ReadStreamResult> {
    const rows = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision`,
      [streamId, options.fromRevision ?? 0],
    );
    const events = rows.map((r) => this.toRecorded(r));
    let revision = events.length ? events[events.length - 1].streamRevision : -1;
    if (!events.length && (options.fromRevision ?? 0) > 0) revision = await this.currentRevision(streamId);
    return { events, revision };
  }

  /**
   * Appends with group commit: the append joins a queue, and a flusher sends everything queued (up to
   * {@link MAX_BATCH} appends) as one `es_append_batch` call, i.e. one transaction, one advisory-lock
   * hold and one commit. While flushes are in flight new appends queue up, so batches form by themselves
   * under load and a lone append is sent at once (no timer).
   */
  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const item = toBatchItem(streamId, events, options, (type) => this.upcasters.currentVersion(type));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ item, options, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.flushing < this.maxFlushes && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.flushing++;
      void this.flush(batch).finally(() => {
        this.flushing--;
        this.pump();
        if (this.flushing === 0 && this.queue.length === 0) for (const done of this.drained.splice(0)) done();
      });
    }
  }

  private async flush(batch: QueuedAppend[]): Promise<void> {
    let outcomes: BatchOutcome[];
    try {
      outcomes = batch.length === 1 ? [await this.appendOne(batch[0].item)] : await this.appendBatch(batch);
    } catch (error) {
      for (const b of batch) b.reject(error);
      return;
    }
    batch.forEach((b, i) => {
      try {
        b.resolve(toAppendResult(b.item, b.options, outcomes[i]));
      } catch (error) {
        b.reject(error);
      }
    });
  }

  /**
   * A lone append goes through `es_append` (version 1), which is measurably faster than a batch of one
   * (a smaller function; see bench/store.bench.ts at one writer).
   */
  private async appendOne(item: BatchItem): Promise<BatchOutcome> {
    try {
      const rows = await this.db.withConnection(async (conn) => {
        try {
          return await conn.query<{
            r_revision: string | number;
            r_position: string | number;
            r_event_id: string;
            r_occurred_at: Date | string;
            r_schema_version: number;
          }>('SELECT * FROM es_append($1, $2, $3::jsonb, $4, $5, $6::jsonb)', [
            item.streamId,
            item.expected,
            JSON.stringify(item.events),
            item.command?.commandId ?? null,
            item.command?.commandType ?? null,
            item.command ? JSON.stringify(item.command.result) : null,
          ]);
        } catch (error) {
          // Expected failures happen outside the append lock; anything else may have left it held.
          const code = (error as { code?: string }).code;
          if (code === WRONG_REVISION || code === UNIQUE_VIOLATION) throw error;
          throw discardConnection(error as Error);
        }
      });
      const events = rows.map((r) => ({
        revision: toNumber(r.r_revision),
        position: toNumber(r.r_position),
        eventId: r.r_event_id,
        occurredAt: toIso(r.r_occurred_at),
        schemaVersion: r.r_schema_version,
      }));
      const last = events[events.length - 1];
      return {
        outcome: 'ok',
        revision: last ? last.revision : await this.currentRevision(item.streamId),
        events,
      };
    } catch (error) {
      const e = error as { code?: string; detail?: string; constraint?: string };
      if (e.code === WRONG_REVISION) return { outcome: 'wrong_revision', current: Number(e.detail ?? -1) };
      if (
        e.code === UNIQUE_VIOLATION &&
        item.command &&
        (e.constraint === 'command_log_pkey' || !e.constraint)
      ) {
        const [record] = await this.db.query<Record<string, unknown>>(
          'SELECT * FROM command_log WHERE command_id = $1',
          [item.command.commandId],
        );
        if (record) return { outcome: 'duplicate', record };
      }
      throw error;
    }
  }

  private async appendBatch(batch: QueuedAppend[]): Promise<BatchOutcome[]> {
    return this.db.withConnection(async (conn) => {
      try {
        const [row] = await conn.query<{ r: BatchOutcome[] | string }>(
          'SELECT es_append_batch($1::jsonb) AS r',
          [`[${batch.map((b) => b.item.json).join(',')}]`],
        );
        const r = typeof row.r === 'string' ? (JSON.parse(row.r) as BatchOutcome[]) : row.r;
        if (!Array.isArray(r) || r.length !== batch.length)
          throw new Error('es_append_batch answered a wrong count');
        return r;
      } catch (error) {
        // The call may have failed while holding the append lock (a session lock): never reuse the session.
        throw discardConnection(error as Error);
      }
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const params: unknown[] = [options.after ?? 0, options.maxCount ?? 1000];
    let filter = '';
    if (options.categories?.length) {
      params.push(options.categories);
      filter = 'AND category = ANY($3)';
    }
    const rows = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE global_position > $1 AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) ${filter}
        ORDER BY global_position LIMIT $2`,
      params,
    );
    return rows.map((r) => this.toRecorded(r));
  }

  async headPosition(): Promise<number> {
    const rows = await this.db.query<{ global_position: string | number }>(
      `SELECT global_position FROM events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY global_position DESC LIMIT 1`,
    );
    return rows.length ? toNumber(rows[0].global_position) : 0;
  }

  async findCommand(commandId: string): Promise<CommandRecord | null> {
    const rows = await this.db.query<Record<string, unknown>>(
      'SELECT * FROM command_log WHERE command_id = $1',
      [commandId],
    );
    return rows.length ? toCommandRecord(rows[0]) : null;
  }

  async close(): Promise<void> {
    if (this.flushing > 0 || this.queue.length > 0)
      await new Promise<void>((done) => this.drained.push(done));
    if (this.ownsDatabase) await this.db.close();
  }

  private async currentRevision(streamId: string): Promise<number> {
    const [row] = await this.db.query<{ revision: string | null }>(
      'SELECT max(stream_revision) AS revision FROM events WHERE stream_id = $1',
      [streamId],
    );
    return row.revision === null ? -1 : toNumber(row.revision);
  }

  private toRecorded(row: EventRow): RecordedEvent {
    const upcast = this.upcasters.upcast({
      type: row.type,
      schemaVersion: row.schema_version,
      data: row.data,
    });
    return {
      eventId: row.event_id,
      type: upcast.type,
      schemaVersion: upcast.schemaVersion,
      streamId: row.stream_id,
      streamRevision: toNumber(row.stream_revision),
      globalPosition: toNumber(row.global_position),
      occurredAt: toIso(row.occurred_at),
      data: upcast.data,
      metadata: row.metadata,
    };
  }
}
