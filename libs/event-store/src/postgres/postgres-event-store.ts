import { randomUUID } from 'node:crypto';
import {
  type AppendOptions,
  type AppendResult,
  type CommandRecord,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamResult,
  type RecordedEvent,
  UpcasterRegistry,
  WrongExpectedRevisionError,
} from '@kamflow/eventsourcing';
import { migrate } from '../sql/migrations';
import { discardConnection, type SqlDatabase, toIso, toNumber } from '../sql/sql-database';
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

interface CommandRow {
  command_id: string;
  command_type: string;
  stream_id: string;
  result: unknown;
  revision: string | number;
  global_position: string | number;
  recorded_at: Date | string;
}

const EVENT_COLUMNS =
  'global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at';

/** Codes raised by `es_append` and PostgreSQL that are part of normal operation. */
const WRONG_REVISION = 'KF409';
const UNIQUE_VIOLATION = '23505';

/**
 * The event store on PostgreSQL: pooled `pg` for the server, PGlite for the embedded mode (same SQL).
 * See {@link EVENT_STORE_MIGRATIONS} for how tailing readers are kept from skipping events.
 */
export class PostgresEventStore implements EventStore {
  constructor(
    readonly db: SqlDatabase,
    private readonly upcasters = new UpcasterRegistry(),
    private readonly ownsDatabase = true,
  ) {}

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
    if (!events.length && (options.fromRevision ?? 0) > 0) {
      const [row] = await this.db.query<{ revision: string | null }>(
        'SELECT max(stream_revision) AS revision FROM events WHERE stream_id = $1',
        [streamId],
      );
      revision = row.revision === null ? -1 : toNumber(row.revision);
    }
    return { events, revision };
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const payload = events.map((e) => ({
      eventId: e.eventId ?? randomUUID(),
      type: e.type,
      schemaVersion: e.schemaVersion ?? this.upcasters.currentVersion(e.type),
      data: e.data,
      metadata: e.metadata ?? {},
      occurredAt: e.occurredAt ?? null,
    }));
    const command = options.command;
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
            streamId,
            expectedCode(options.expectedRevision),
            JSON.stringify(payload),
            command?.commandId ?? null,
            command?.commandType ?? null,
            command ? JSON.stringify(command.result ?? null) : null,
          ]);
        } catch (error) {
          // Expected failures happen outside the append lock; anything else may have left it held.
          const code = (error as { code?: string }).code;
          if (code === WRONG_REVISION || code === UNIQUE_VIOLATION) throw error;
          throw discardConnection(error as Error);
        }
      });
      const recorded: RecordedEvent[] = rows.map((r, i) => ({
        eventId: r.r_event_id,
        type: payload[i].type,
        schemaVersion: r.r_schema_version,
        streamId,
        streamRevision: toNumber(r.r_revision),
        globalPosition: toNumber(r.r_position),
        occurredAt: toIso(r.r_occurred_at),
        data: payload[i].data,
        metadata: payload[i].metadata,
      }));
      const last = recorded[recorded.length - 1];
      const nextExpectedRevision = last ? last.streamRevision : await this.currentRevision(streamId);
      return {
        duplicate: false,
        streamId,
        nextExpectedRevision,
        lastGlobalPosition: last ? last.globalPosition : 0,
        events: recorded,
      };
    } catch (error) {
      const e = error as { code?: string; detail?: string; constraint?: string };
      if (e.code === WRONG_REVISION) {
        throw new WrongExpectedRevisionError(streamId, String(options.expectedRevision), Number(e.detail ?? -1));
      }
      if (e.code === UNIQUE_VIOLATION && command && (e.constraint === 'command_log_pkey' || !e.constraint)) {
        const record = await this.findCommand(command.commandId);
        if (record) return { duplicate: true, record };
      }
      throw error;
    }
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
    const rows = await this.db.query<CommandRow>('SELECT * FROM command_log WHERE command_id = $1', [commandId]);
    if (!rows.length) return null;
    const r = rows[0];
    return {
      commandId: r.command_id,
      commandType: r.command_type,
      streamId: r.stream_id,
      result: r.result,
      revision: toNumber(r.revision),
      globalPosition: toNumber(r.global_position),
      recordedAt: toIso(r.recorded_at),
    };
  }

  async close(): Promise<void> {
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
    const upcast = this.upcasters.upcast({ type: row.type, schemaVersion: row.schema_version, data: row.data });
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

function expectedCode(expected: ExpectedRevision): number {
  if (typeof expected === 'number') return expected;
  switch (expected) {
    case 'no_stream':
      return -1;
    case 'any':
      return -2;
    case 'stream_exists':
      return -3;
  }
}
