import { Inject, Injectable } from '@nestjs/common';
import { type Decider, EVENT_STORE, type EventStore, type RecordedEvent, StaleRevisionError } from '@kamflow/eventsourcing';

/** Folds a stream into state with a decider's `evolve` (the command side's view of an aggregate). */
@Injectable()
export class StreamReader {
  constructor(@Inject(EVENT_STORE) readonly store: EventStore) {}

  async load<S>(
    decider: Pick<Decider<S, never, never>, 'initialState' | 'evolve'>,
    streamId: string,
  ): Promise<{ state: S; revision: number; events: RecordedEvent[] }> {
    const { events, revision } = await this.store.readStream(streamId);
    const state = events.reduce<S>((s, e) => decider.evolve(s, e as never), decider.initialState());
    return { state, revision, events };
  }

  /**
   * `If-Match` for a command that appends to another stream than the one the caller read (a receipt on
   * the shipment it saw, a credit change on the account it saw): 412 when `streamId` moved past
   * `expected`. A repeat of a command already handled is let through, so it answers its first result.
   */
  async assertRevision(streamId: string, expected: number | undefined, commandId: string | undefined): Promise<void> {
    if (expected === undefined) return;
    if (commandId && (await this.store.findCommand(commandId))) return;
    const { revision } = await this.store.readStream(streamId);
    if (revision !== expected) throw new StaleRevisionError(streamId, expected, revision);
  }
}
