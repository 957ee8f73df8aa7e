import { EventEmitter } from 'node:events';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
} from '@kamflow/eventsourcing';

/**
 * Wraps an event store and signals in-process listeners after each append, so that tailers in the
 * same process react at once instead of waiting for their next poll. Other processes still poll.
 */
export class NotifyingEventStore implements EventStore {
  private readonly emitter = new EventEmitter().setMaxListeners(100);

  constructor(readonly inner: EventStore) {}

  onAppended(listener: (position: number) => void): () => void {
    this.emitter.on('appended', listener);
    return () => this.emitter.off('appended', listener);
  }

  /** Tells the listeners that the readable log grew to `position` (e.g. a mirror fed from Kafka advanced). */
  notify(position: number): void {
    this.emitter.emit('appended', position);
  }

  readStream(streamId: string, options?: { fromRevision?: number }) {
    return this.inner.readStream(streamId, options);
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const result = await this.inner.appendToStream(streamId, events, options);
    if (!result.duplicate && result.events.length) this.emitter.emit('appended', result.lastGlobalPosition);
    return result;
  }

  readAll(options?: ReadAllOptions) {
    return this.inner.readAll(options);
  }

  findCommand(commandId: string) {
    return this.inner.findCommand(commandId);
  }

  headPosition() {
    return this.inner.headPosition();
  }

  close() {
    return this.inner.close();
  }
}
