import { type EventStore, type RecordedEvent } from '@kamflow/eventsourcing';
import { NotifyingEventStore } from '../persistence/notifying-event-store';

/** What a read of the source answers. */
export interface SourceBatch {
  /** Events after the asked position, in global-position order. */
  events: RecordedEvent[];
  /**
   * Every event of the asked categories at or below `upTo` is in `events` (or was before the asked
   * position): a reader may checkpoint `upTo` even when the newest events belong to other categories.
   */
  upTo: number;
}

/**
 * Where projections read events from. Embedded mode tails the global log ({@link LogEventSource});
 * a distributed deployment can feed the same runner from Kafka topics instead, as long as it keeps
 * global-position order per projection.
 */
export interface EventSource {
  read(after: number, options: { maxCount: number; categories?: readonly string[] }): Promise<SourceBatch>;
  /** The newest position readers can currently see (for lag and `minPosition` waits). */
  head(): Promise<number>;
  /** Calls `listener` when new events may be readable, so a runner need not wait for its next poll. */
  subscribe?(listener: () => void): () => void;
}

/** DI token for the {@link EventSource} the projection runner reads. */
export const EVENT_SOURCE = Symbol('EVENT_SOURCE');

/** An {@link EventSource} over the event store's global log, woken by in-process appends. */
export class LogEventSource implements EventSource {
  constructor(private readonly store: EventStore) {}

  async read(
    after: number,
    options: { maxCount: number; categories?: readonly string[] },
  ): Promise<SourceBatch> {
    // The head is read first: every event at or below it was already visible, so a short answer is complete up to it.
    const head = await this.store.headPosition();
    const events = await this.store.readAll({
      after,
      maxCount: options.maxCount,
      categories: options.categories,
    });
    const last = events.length ? events[events.length - 1].globalPosition : after;
    return { events, upTo: events.length >= options.maxCount ? last : Math.max(last, head) };
  }

  head(): Promise<number> {
    return this.store.headPosition();
  }

  subscribe(listener: () => void): () => void {
    return this.store instanceof NotifyingEventStore
      ? this.store.onAppended(() => listener())
      : () => undefined;
  }
}
