import { type EventStore, LogTailer, type RecordedEvent } from '@kamflow/eventsourcing';
import { migrate, type SqlDatabase, toNumber } from '@kamflow/event-store';
import {
  eventsTopic,
  type MessageHeaders,
  type MessageProducer,
  type OutgoingMessage,
} from '@kamflow/messaging';
import { Counter, Gauge, type Registry } from 'prom-client';
import { type ComponentHealth } from '../health/readiness.registry';
import { contextOfStream } from './event-contexts';
import { RELAY_MIGRATIONS } from './relay.migrations';

/** Settings of an {@link EventRelay}. */
export interface EventRelayOptions {
  store: EventStore;
  /** The database holding `relay_checkpoints` (the event store's own). */
  db: SqlDatabase;
  producer: MessageProducer;
  /** The checkpoint row; default `relay`. */
  name?: string;
  /** Topic prefix for the default routing; default `kamflow`. */
  topicPrefix?: string;
  /** Where an event goes; default its context's events topic (`kamflow.ordering.events`...). */
  topicFor?: (event: RecordedEvent) => string;
  /** Events per read and per publish; default 500. */
  batchSize?: number;
  /** Idle poll back-off bounds (ms); default 5 and 250. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Registers `kamflow_relay_*` metrics (one relay per registry). */
  registry?: Registry;
  onError?: (error: unknown) => void;
}

/**
 * Publishes the event store's global log to Kafka, at least once and in order per aggregate.
 *
 * It tails the log from its checkpoint in batches. Each batch is sent (key = stream id, so one
 * aggregate's events share a partition and keep their order; value = the full envelope; headers =
 * ids, type, positions) and only after the broker acknowledged all of it is the checkpoint moved to the
 * batch's last position. A failed send leaves the checkpoint where it was and the same batch is sent again;
 * a crash between acknowledgement and checkpoint republishes that batch on restart. Consumers therefore
 * see every event, in stream order, possibly more than once, and dedupe by `eventId`.
 *
 * Run one relay per checkpoint name: two would both publish (duplicates, still in order per key).
 */
export class EventRelay {
  private tailer?: LogTailer;
  private checkpointed = 0;
  private lastError?: string;
  private readonly name: string;
  private readonly published?: Counter<'topic'>;

  constructor(private readonly options: EventRelayOptions) {
    this.name = options.name ?? 'relay';
    const registry = options.registry;
    if (!registry) return;
    this.published = new Counter({
      name: 'kamflow_relay_published_total',
      help: 'Events the broker acknowledged, by topic',
      labelNames: ['topic'] as const,
      registers: [registry],
    });
    const position = () => this.checkpointed;
    const lag = () => this.lag();
    new Gauge({
      name: 'kamflow_relay_position',
      help: 'Global position up to which every event is published and checkpointed',
      registers: [registry],
      collect() {
        this.set(position());
      },
    });
    new Gauge({
      name: 'kamflow_relay_lag_events',
      help: 'Events in the store not yet published (head minus checkpoint)',
      registers: [registry],
      async collect() {
        this.set(await lag());
      },
    });
  }

  /** The position of the checkpoint: everything up to it is acknowledged by the broker. */
  get position(): number {
    return this.checkpointed;
  }

  /** Creates the checkpoint table if needed, reads the checkpoint and starts tailing. */
  async start(): Promise<void> {
    if (this.tailer) return;
    await migrate(this.options.db, RELAY_MIGRATIONS, 'relay');
    const rows = await this.options.db.query<{ position: string | number }>(
      'SELECT position FROM relay_checkpoints WHERE name = $1',
      [this.name],
    );
    this.checkpointed = rows.length ? toNumber(rows[0].position) : 0;
    this.tailer = new LogTailer({
      store: this.options.store,
      after: this.checkpointed,
      batchSize: this.options.batchSize ?? 500,
      minDelayMs: this.options.minDelayMs ?? 5,
      maxDelayMs: this.options.maxDelayMs ?? 250,
      handle: (batch) => this.publish(batch),
      onError: (error) => {
        this.lastError = (error as Error).message;
        this.options.onError?.(error);
      },
    });
    this.tailer.start();
  }

  /** Polls now (an in-process writer just appended). */
  wake(): void {
    this.tailer?.wake();
  }

  /** Lets the batch in flight finish (sent and checkpointed, or failed), then stops. */
  async stop(): Promise<void> {
    const tailer = this.tailer;
    this.tailer = undefined;
    await tailer?.stop();
  }

  /** Events appended but not yet checkpointed. */
  async lag(): Promise<number> {
    return Math.max(0, (await this.options.store.headPosition()) - this.checkpointed);
  }

  /** A readiness probe: down while publishing fails and events wait. */
  health(head: number): ComponentHealth {
    const lagEvents = Math.max(0, head - this.checkpointed);
    return {
      status: this.tailer && !(this.lastError && lagEvents > 0) ? 'up' : 'down',
      position: this.checkpointed,
      lagEvents,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  private async publish(batch: RecordedEvent[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    // Each event names the event before it in the log, so consumers of several topics can restore the
    // global order (see EventMirror): the first of a batch follows the checkpoint, the last event published.
    let previous = this.checkpointed;
    for (const event of batch) {
      const topic = this.topicFor(event);
      const messages = byTopic.get(topic) ?? [];
      messages.push({
        key: event.streamId,
        value: event,
        headers: { ...eventHeaders(event), previousPosition: String(previous) },
      });
      previous = event.globalPosition;
      byTopic.set(topic, messages);
    }
    await this.options.producer.sendAll([...byTopic].map(([topic, messages]) => ({ topic, messages })));
    const last = batch[batch.length - 1].globalPosition;
    await this.options.db.query(
      `INSERT INTO relay_checkpoints (name, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET position = GREATEST(relay_checkpoints.position, EXCLUDED.position),
       updated_at = now()`,
      [this.name, last],
    );
    this.checkpointed = last;
    this.lastError = undefined;
    for (const [topic, messages] of byTopic) this.published?.inc({ topic }, messages.length);
  }

  private topicFor(event: RecordedEvent): string {
    return (
      this.options.topicFor?.(event) ?? eventsTopic(contextOfStream(event.streamId), this.options.topicPrefix)
    );
  }
}

/** The headers every relayed event carries, so consumers can route and dedupe without parsing. */
export function eventHeaders(event: RecordedEvent): MessageHeaders {
  const headers: MessageHeaders = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: String(event.schemaVersion),
    streamId: event.streamId,
    streamRevision: String(event.streamRevision),
    globalPosition: String(event.globalPosition),
  };
  if (event.metadata.correlationId) headers.correlationId = event.metadata.correlationId;
  if (event.metadata.causationId) headers.causationId = event.metadata.causationId;
  return headers;
}
