import {
  type AppendOptions,
  type AppendResult,
  DomainError,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamResult,
  type RecordedEvent,
  streamCategory,
} from '@kamflow/eventsourcing';
import { NotifyingEventStore } from '../persistence/notifying-event-store';
import { CATEGORY_CONTEXTS } from '../relay/event-contexts';
import { type EventMirror } from './event-mirror';

/**
 * The event store as one service of the distributed mode sees it: the streams of its own contexts in the
 * shared event store (read and append), every other stream only through its {@link EventMirror} (the
 * service's own copy fed from Kafka), and the global log from the mirror too. A service without a mirror
 * that reads a foreign stream, or any service appending to one, fails loudly: "no service reads another
 * service's tables" is enforced here rather than hoped for.
 */
export class DistributedEventStore extends NotifyingEventStore {
  private readonly owned: ReadonlySet<string>;

  constructor(
    inner: EventStore,
    private readonly service: string,
    localContexts: readonly string[],
    private readonly mirror?: EventMirror,
  ) {
    super(inner);
    this.owned = new Set(
      Object.entries(CATEGORY_CONTEXTS)
        .filter(([, context]) => localContexts.includes(context))
        .map(([category]) => category),
    );
    mirror?.onAdvanced((position) => this.notify(position));
  }

  /** Whether this service owns the stream (its context writes it). */
  owns(streamId: string): boolean {
    return this.owned.has(streamCategory(streamId));
  }

  override async readStream(streamId: string, options?: { fromRevision?: number }): Promise<ReadStreamResult> {
    if (this.owns(streamId)) return super.readStream(streamId, options);
    if (!this.mirror) throw this.notOwned(streamId, 'read');
    return this.mirror.readStream(streamId, options);
  }

  override async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (!this.owns(streamId)) throw this.notOwned(streamId, 'append to');
    return super.appendToStream(streamId, events, options);
  }

  override async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    if (!this.mirror) throw new Error(`Service ${this.service} has no event mirror to read the global log from`);
    return this.mirror.readAll(options);
  }

  override headPosition(): Promise<number> {
    return this.mirror?.complete ? this.mirror.head() : super.headPosition();
  }

  private notOwned(streamId: string, what: string): DomainError {
    return new DomainError(
      'STREAM.NOT_OWNED',
      `Service ${this.service} may not ${what} stream ${streamId}: it belongs to ${CATEGORY_CONTEXTS[streamCategory(streamId)] ?? 'no known context'}`,
      'unavailable',
      { streamId, service: this.service },
    );
  }
}
