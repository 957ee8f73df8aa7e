import { Logger } from '@nestjs/common';
import { type ReadAllOptions, type ReadStreamResult, type RecordedEvent, streamCategory } from '@kamflow/eventsourcing';
import { migrate, type Migration, type SqlDatabase, toNumber } from '@kamflow/event-store';
import { type ConsumerHandle, type IncomingMessage, type MessageConsumer } from '@kamflow/messaging';

/** The mirror's own tables: a copy of the events a service consumed, keyed by mirror name. */
export const EVENT_MIRROR_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'event mirror',
    sql: `
CREATE TABLE event_mirror (
  mirror text NOT NULL,
  global_position bigint NOT NULL,
  previous_position bigint NOT NULL,
  stream_id text NOT NULL,
  stream_revision integer NOT NULL,
  category text NOT NULL,
  event jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (mirror, global_position)
);
CREATE INDEX event_mirror_chain ON event_mirror (mirror, previous_position);
CREATE INDEX event_mirror_stream ON event_mirror (mirror, stream_id, stream_revision);
`,
  },
];

/** Header the relay puts on every event: the global position of the event before it in the log. */
export const PREVIOUS_POSITION_HEADER = 'previousPosition';

export interface EventMirrorOptions {
  /** Owner of the rows (the service name). */
  name: string;
  /** The consumer group; default `kamflow.mirror.<name>`. */
  groupId?: string;
  db: SqlDatabase;
  consumer: MessageConsumer;
  /** The events topics to copy. */
  topics: readonly string[];
  /** True when `topics` is every events topic: the mirror then serves the global log in position order. */
  complete: boolean;
}

/**
 * A service's own copy of other contexts' events, fed from their Kafka events topics, so a service reads
 * foreign streams without reading another service's tables.
 *
 * - **Streams** are always consistent prefixes: one aggregate's events share a key, hence a partition, and
 *   arrive in revision order.
 * - **The global log** (`readAll`, for projections and process managers) needs global-position order, which
 *   Kafka does not give across partitions and topics. The relay therefore stamps each event with the
 *   position of the event before it in the log (`previousPosition`); the mirror follows that chain from its
 *   watermark and serves only the unbroken prefix. An event that arrives early on a fast partition waits
 *   until its predecessors arrived, so a reader that checkpoints positions never skips one (gaps in the
 *   store's positions do not matter: the chain links actual events). Only a `complete` mirror (all events
 *   topics) has the whole chain.
 *
 * Delivery is at least once; the copy is idempotent by global position.
 */
export class EventMirror {
  private readonly logger = new Logger('event-mirror');
  private handle?: ConsumerHandle;
  private watermark = 0;
  private advancing?: Promise<number>;
  private again?: Promise<number>;
  private readonly listeners: ((position: number) => void)[] = [];
  lastError?: string;

  constructor(private readonly options: EventMirrorOptions) {}

  get name(): string {
    return this.options.name;
  }

  get complete(): boolean {
    return this.options.complete;
  }

  /** Calls `listener` when the readable global log grew (wakes in-process tailers). */
  onAdvanced(listener: (position: number) => void): void {
    this.listeners.push(listener);
  }

  /** Creates the tables (call before anything reads). */
  async migrate(): Promise<void> {
    await migrate(this.options.db, EVENT_MIRROR_MIGRATIONS, 'event-mirror');
  }

  /** Joins the consumer group and copies from the beginning of each topic. */
  async start(): Promise<void> {
    if (this.handle) return;
    await this.migrate();
    this.handle = await this.options.consumer.subscribe({
      groupId: this.options.groupId ?? `kamflow.mirror.${this.options.name}`,
      topics: this.options.topics,
      fromBeginning: true,
      handle: (message) => this.copy(message),
    });
  }

  async stop(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.stop();
  }

  /** The newest position up to which the mirrored global log is complete. */
  async head(): Promise<number> {
    return this.advance();
  }

  /** Events after `after` in global-position order, never beyond the unbroken chain. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if (!this.options.complete) {
      throw new Error(`Mirror ${this.options.name} copies only some topics and cannot serve the global log`);
    }
    const upTo = await this.advance();
    const params: unknown[] = [this.options.name, options.after ?? 0, upTo, options.maxCount ?? 1000];
    let filter = '';
    if (options.categories) {
      params.push([...options.categories]);
      filter = 'AND category = ANY($5)';
    }
    const rows = await this.options.db.query<{ event: RecordedEvent }>(
      `SELECT event FROM event_mirror WHERE mirror = $1 AND global_position > $2 AND global_position <= $3 ${filter}
        ORDER BY global_position LIMIT $4`,
      params,
    );
    return rows.map((r) => parse(r.event));
  }

  /** A stream as copied so far (a prefix of the stream; `revision` is its last copied revision, -1 when none). */
  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<ReadStreamResult> {
    const rows = await this.options.db.query<{ event: RecordedEvent }>(
      `SELECT event FROM event_mirror WHERE mirror = $1 AND stream_id = $2 ORDER BY stream_revision`,
      [this.options.name, streamId],
    );
    const events = rows.map((r) => parse(r.event));
    const revision = events.length ? events[events.length - 1].streamRevision : -1;
    const from = options.fromRevision ?? 0;
    return { events: events.filter((e) => e.streamRevision >= from), revision };
  }

  /** Copies one relayed event (idempotent: a redelivery inserts nothing). */
  private async copy(message: IncomingMessage): Promise<void> {
    if (message.value === null) return;
    let event: RecordedEvent;
    try {
      event = JSON.parse(message.value) as RecordedEvent;
    } catch (error) {
      // Not an event envelope: nothing to copy; the relay is the only writer of these topics.
      this.logger.error({ err: error, topic: message.topic, offset: message.offset }, 'unreadable event skipped');
      return;
    }
    const previousHeader = message.headers[PREVIOUS_POSITION_HEADER];
    const previous = previousHeader !== undefined ? Number(previousHeader) : event.globalPosition - 1;
    await this.options.db.query(
      `INSERT INTO event_mirror (mirror, global_position, previous_position, stream_id, stream_revision, category, event)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        this.options.name,
        event.globalPosition,
        previous,
        event.streamId,
        event.streamRevision,
        streamCategory(event.streamId),
        JSON.stringify(event),
      ],
    );
    if (this.options.complete && this.listeners.length) {
      const before = this.watermark;
      const after = await this.advance();
      if (after > before) this.listeners.forEach((listener) => listener(after));
    }
  }

  /** Follows the chain from the watermark (one recursive query; callers during a query share the next one). */
  private advance(): Promise<number> {
    if (!this.options.complete) return Promise.resolve(this.watermark);
    if (this.advancing) {
      this.again ??= this.advancing
        .catch(() => undefined)
        .then(() => {
          this.again = undefined;
          return this.advance();
        });
      return this.again;
    }
    this.advancing = this.followChain().finally(() => {
      this.advancing = undefined;
    });
    return this.advancing;
  }

  private async followChain(): Promise<number> {
    try {
      // Other instances of the same service may have copied rows: read the table, not memory.
      const rows = await this.options.db.query<{ last: string | number | null }>(
        `WITH RECURSIVE chain(position) AS (
           SELECT global_position FROM event_mirror WHERE mirror = $1 AND previous_position = $2
           UNION ALL
           SELECT e.global_position FROM event_mirror e JOIN chain c
             ON e.mirror = $1 AND e.previous_position = c.position
         ) SELECT max(position) AS last FROM chain`,
        [this.options.name, this.watermark],
      );
      const last = rows[0]?.last;
      if (last !== null && last !== undefined) this.watermark = Math.max(this.watermark, toNumber(last));
      this.lastError = undefined;
      return this.watermark;
    } catch (error) {
      this.lastError = (error as Error).message;
      throw error;
    }
  }
}

function parse(value: unknown): RecordedEvent {
  return (typeof value === 'string' ? JSON.parse(value) : value) as RecordedEvent;
}
