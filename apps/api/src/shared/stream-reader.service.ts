import { Inject, Injectable } from '@nestjs/common';
import { type Decider, EVENT_STORE, type EventStore, type RecordedEvent } from '@kamflow/eventsourcing';

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
}
