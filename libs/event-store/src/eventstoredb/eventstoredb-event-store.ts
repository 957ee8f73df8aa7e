import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  NO_STREAM,
  type Position,
  type ReadPosition,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  type AppendOptions,
  type AppendResult,
  type CommandRecord,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamResult,
  type RecordedEvent,
  UpcasterRegistry,
  WrongExpectedRevisionError,
} from '@kamflow/eventsourcing';
import {
  envelope,
  meets,
  type PreparedEvent,
  prepareEvents,
  toEsdbExpected,
  toEventData,
  toRecorded,
  visible,
} from './eventstoredb-codec';
import { type Appended, type EventStoreDbAppender, EventStoreDbCommandLog } from './eventstoredb-command-log';

export { COMMAND_CATEGORY, commandStreamName, type PreparedEvent } from './eventstoredb-codec';
export { type CommandAccepted } from './eventstoredb-command-log';

const READ_PAGE = 1000;

/**
 * The event store on EventStoreDB (`@kurrent/kurrentdb-client`, EventStoreDB ≥ 22.10 or KurrentDB, which report `$all` positions on
 * stream reads). `globalPosition` is the event's `$all` commit position; `readAll` hides system streams and
 * events (`$…`) and the command streams.
 *
 * Idempotency without transactions: a command is recorded as `CommandAccepted` in `kfCommand-<commandId>`
 * (expected: no stream) *before* its events are appended, carrying the events with ids fixed in advance and
 * the exact revision they go after; then the events are appended; then `CommandCompleted` (or
 * `CommandAbandoned` when the target stream had moved on) is written. A writer that dies between the writes
 * leaves a pending record: the next `findCommand` or repeat of the command re-appends the recorded events with
 * the same ids at the same expected revision, which ESDB treats as an idempotent write, so the command is
 * applied exactly once whoever finishes it. An abandoned record frees the command id for a fresh attempt.
 */
export class EventStoreDbEventStore implements EventStore, EventStoreDbAppender {
  private readonly commands = new EventStoreDbCommandLog(this);

  constructor(
    readonly client: KurrentDBClient,
    private readonly upcasters = new UpcasterRegistry(),
  ) {}

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<ReadStreamResult> {
    const from = options.fromRevision ?? 0;
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: BigInt(from),
        direction: FORWARDS,
      })) {
        if (resolved.event) events.push(toRecorded(resolved.event, this.upcasters));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { events: [], revision: -1 };
      throw error;
    }
    const revision = events.length
      ? events[events.length - 1].streamRevision
      : from > 0
        ? await this.currentRevision(streamId)
        : -1;
    return { events, revision };
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (!options.command) {
      const appended = await this.appendEvents(streamId, this.prepare(events), options.expectedRevision);
      return { duplicate: false, streamId, ...appended };
    }
    return this.commands.appendCommand(streamId, events, options.expectedRevision, options.command);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? 1000;
    // One more than asked: a read from a position includes the event at it.
    const page = Math.min(READ_PAGE, maxCount + 1);
    const out: RecordedEvent[] = [];
    let after = options.after ?? 0;
    let from: ReadPosition = after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : START;
    for (;;) {
      let read = 0;
      let last: Position | undefined;
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        maxCount: page,
        direction: FORWARDS,
      })) {
        read++;
        const event = resolved.event;
        if (!event) continue;
        last = event.position;
        if (
          out.length < maxCount &&
          Number(event.position.commit) > after &&
          visible(event, options.categories)
        ) {
          out.push(toRecorded(event, this.upcasters));
        }
      }
      if (out.length >= maxCount || read < page || !last) return out;
      from = last;
      after = Number(last.commit);
    }
  }

  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    for (;;) {
      let read = 0;
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        maxCount: READ_PAGE,
        direction: BACKWARDS,
      })) {
        read++;
        if (resolved.event && visible(resolved.event)) return Number(resolved.event.position.commit);
        if (resolved.event) from = resolved.event.position;
      }
      if (read < READ_PAGE) return 0;
    }
  }

  async findCommand(commandId: string): Promise<CommandRecord | null> {
    return this.commands.findCommand(commandId);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /** Appends without a command record. */
  async appendEvents(
    streamId: string,
    events: PreparedEvent[],
    expected: ExpectedRevision,
  ): Promise<Appended> {
    if (!events.length) {
      const current = await this.currentRevision(streamId);
      if (!meets(expected, current))
        throw new WrongExpectedRevisionError(streamId, String(expected), current);
      return { nextExpectedRevision: current, lastGlobalPosition: 0, events: [] };
    }
    let nextExpectedRevision: number;
    let position: Position | undefined;
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        streamState: toEsdbExpected(expected),
      });
      nextExpectedRevision = Number(result.nextExpectedRevision);
      position = result.position;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualState === NO_STREAM ? -1 : Number(error.actualState);
        throw new WrongExpectedRevisionError(streamId, String(expected), actual);
      }
      throw error;
    }
    const first = nextExpectedRevision - events.length + 1;
    const positions =
      events.length === 1 && position
        ? [Number(position.commit)]
        : (await this.readStream(streamId, { fromRevision: first })).events
            .slice(0, events.length)
            .map((e) => e.globalPosition);
    const recorded = events.map((e, i) => envelope(e, streamId, first + i, positions[i] ?? 0));
    return {
      nextExpectedRevision,
      lastGlobalPosition: recorded[recorded.length - 1].globalPosition,
      events: recorded,
    };
  }

  async currentRevision(streamId: string): Promise<number> {
    try {
      for await (const { event } of this.client.readStream(streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      })) {
        if (event) return Number(event.revision);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return -1;
      throw error;
    }
    return -1;
  }

  prepare(events: NewEvent[], idFor?: (index: number) => string): PreparedEvent[] {
    return prepareEvents(events, this.upcasters, idFor);
  }
}

/**
 * The EventStoreDB / KurrentDB event store, e.g. `kurrentdb://localhost:2113?tls=false` (the client still takes
 * `esdb://`, with a deprecation warning).
 */
export async function createEventStoreDbEventStore(options: {
  connectionString: string;
  upcasters?: UpcasterRegistry;
}): Promise<EventStoreDbEventStore> {
  return new EventStoreDbEventStore(
    KurrentDBClient.connectionString(options.connectionString),
    options.upcasters,
  );
}
