import { createHash, randomUUID } from 'node:crypto';
import {
  ANY,
  type AppendExpectedRevision,
  BACKWARDS,
  END,
  type EventData,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  type JSONType,
  NO_STREAM,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  type AppendOptions,
  type AppendResult,
  type CommandRecord,
  type CommandToRecord,
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

/** Category of the streams that record handled commands (`kfCommand-<commandId>`); hidden from `readAll`. */
export const COMMAND_CATEGORY = 'kfCommand';

/** The stream that records one command id. */
export function commandStreamName(commandId: string): string {
  return `${COMMAND_CATEGORY}-${commandId}`;
}

/** What an event's ESDB metadata holds: our envelope fields around the event's own metadata. */
interface StoredMetadata {
  schemaVersion: number;
  occurredAt: string;
  metadata: EventMetadata;
  /** Read by ESDB's `$by_correlation_id` projection. */
  $correlationId?: string;
  $causationId?: string;
}

/** An event ready to write: id, version and time fixed. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  occurredAt: string;
}

/**
 * First event of a command stream, written before the command's events: everything needed to append them,
 * so that any later reader can finish the append if the writer died in between.
 */
export interface CommandAccepted {
  commandId: string;
  commandType: string;
  streamId: string;
  result: unknown;
  /** Exact revision the events go after (-1: new stream); `any`/`stream_exists` are pinned before accepting. */
  expectedRevision: number;
  events: PreparedEvent[];
}

type CommandState =
  | { status: 'none' }
  | { status: 'abandoned'; revision: number }
  | { status: 'pending'; revision: number; accepted: CommandAccepted; recordedAt: Date }
  | {
      status: 'completed';
      accepted: CommandAccepted;
      recordedAt: Date;
      revision: number;
      globalPosition: number;
    };

interface Appended {
  nextExpectedRevision: number;
  lastGlobalPosition: number;
  events: RecordedEvent[];
}

/** ESDB's "no position" (stream reads on servers that do not report one). */
const NO_POSITION = 2n ** 64n - 1n;
const READ_PAGE = 1000;

/**
 * The event store on EventStoreDB (`@eventstore/db-client`, servers ≥ 22.10, which report `$all` positions on
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
export class EventStoreDbEventStore implements EventStore {
  constructor(
    readonly client: EventStoreDBClient,
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
        if (resolved.event) events.push(this.toRecorded(resolved.event));
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
    return this.appendCommand(streamId, events, options.expectedRevision, options.command);
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
          out.push(this.toRecorded(event));
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
    const state = await this.commandState(commandId);
    if (state.status === 'completed') return toCommandRecord(state);
    if (state.status !== 'pending') return null;
    try {
      await this.finish(commandId, state.revision, state.accepted);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return null;
      throw error;
    }
    const finished = await this.commandState(commandId);
    return finished.status === 'completed' ? toCommandRecord(finished) : null;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async appendCommand(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    command: CommandToRecord,
  ): Promise<AppendResult> {
    const commandStream = commandStreamName(command.commandId);
    let acceptAfter = -1;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 10)
        throw new Error(
          `Command ${command.commandId} could not be recorded: ${commandStream} is inconsistent`,
        );
      const acceptedRevision = acceptAfter + 1;
      // Racing repeats of one command must not share this id: ESDB would take the second write for a retry of
      // the first and report success. The event ids derive from it and are fixed in the record.
      const attemptId = randomUUID();
      const accepted: CommandAccepted = {
        commandId: command.commandId,
        commandType: command.commandType,
        streamId,
        result: command.result ?? null,
        expectedRevision: await this.pin(streamId, expected),
        events: this.prepare(events, (i) => deterministicId(attemptId, 'event', i)),
      };
      try {
        await this.client.appendToStream(
          commandStream,
          jsonEvent({
            id: attemptId,
            type: 'CommandAccepted',
            data: accepted as unknown as JSONType,
          }),
          { expectedRevision: acceptAfter < 0 ? NO_STREAM : BigInt(acceptAfter) },
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const state = await this.commandState(command.commandId);
        if (state.status === 'abandoned') {
          acceptAfter = state.revision;
          continue;
        }
        const record = await this.findCommand(command.commandId);
        if (record) return { duplicate: true, record };
        continue;
      }
      const appended = await this.finish(command.commandId, acceptedRevision, accepted);
      return { duplicate: false, streamId, ...appended };
    }
  }

  /** Appends an accepted command's events (idempotently) and records the outcome in its command stream. */
  private async finish(
    commandId: string,
    acceptedRevision: number,
    accepted: CommandAccepted,
  ): Promise<Appended> {
    const outcome = (type: string, data: Record<string, unknown>) =>
      this.client
        .appendToStream(
          commandStreamName(commandId),
          jsonEvent({ id: deterministicId(commandId, acceptedRevision, type), type, data }),
          {
            expectedRevision: BigInt(acceptedRevision),
          },
        )
        .catch((error: unknown) => {
          // Another finisher already wrote the outcome.
          if (!(error instanceof WrongExpectedVersionError)) throw error;
        });
    try {
      const appended = await this.appendEvents(accepted.streamId, accepted.events, accepted.expectedRevision);
      await outcome('CommandCompleted', {
        revision: appended.nextExpectedRevision,
        globalPosition: appended.lastGlobalPosition,
      });
      return appended;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError)
        await outcome('CommandAbandoned', { actualRevision: error.actual });
      throw error;
    }
  }

  private async appendEvents(
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
        expectedRevision: toEsdbExpected(expected),
      });
      nextExpectedRevision = Number(result.nextExpectedRevision);
      position = result.position;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
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
    const recorded = events.map((e, i) => this.envelope(e, streamId, first + i, positions[i] ?? 0));
    return {
      nextExpectedRevision,
      lastGlobalPosition: recorded[recorded.length - 1].globalPosition,
      events: recorded,
    };
  }

  private async commandState(commandId: string): Promise<CommandState> {
    let state = { status: 'none' } as CommandState;
    try {
      for await (const { event } of this.client.readStream(commandStreamName(commandId), {
        direction: FORWARDS,
      })) {
        if (!event) continue;
        const revision = Number(event.revision);
        const data = event.data as Record<string, unknown>;
        if (event.type === 'CommandAccepted') {
          state = {
            status: 'pending',
            revision,
            accepted: data as unknown as CommandAccepted,
            recordedAt: event.created,
          };
        } else if (event.type === 'CommandCompleted' && state.status === 'pending') {
          state = {
            status: 'completed',
            accepted: state.accepted,
            recordedAt: state.recordedAt,
            revision: Number(data.revision),
            globalPosition: Number(data.globalPosition),
          };
        } else if (event.type === 'CommandAbandoned') {
          state = { status: 'abandoned', revision };
        }
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { status: 'none' };
      throw error;
    }
    return state;
  }

  /** The exact revision a recorded command's events go after; `-1` for a new stream. */
  private async pin(streamId: string, expected: ExpectedRevision): Promise<number> {
    if (typeof expected === 'number') return expected;
    if (expected === 'no_stream') return -1;
    const current = await this.currentRevision(streamId);
    if (expected === 'stream_exists' && current < 0)
      throw new WrongExpectedRevisionError(streamId, expected, current);
    return current;
  }

  private async currentRevision(streamId: string): Promise<number> {
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

  private prepare(
    events: NewEvent[],
    idFor: (index: number) => string = () => randomUUID(),
  ): PreparedEvent[] {
    const now = new Date().toISOString();
    return events.map((e, i) => ({
      eventId: e.eventId ?? idFor(i),
      type: e.type,
      schemaVersion: e.schemaVersion ?? this.upcasters.currentVersion(e.type),
      data: e.data,
      metadata: e.metadata ?? {},
      occurredAt: e.occurredAt ?? now,
    }));
  }

  private toRecorded(event: EsdbRecordedEvent): RecordedEvent {
    const stored = (event.metadata ?? {}) as Partial<StoredMetadata>;
    const upcast = this.upcasters.upcast({
      type: event.type,
      schemaVersion: stored.schemaVersion ?? 1,
      data: event.data,
    });
    const commit = event.position?.commit;
    return {
      eventId: event.id,
      type: upcast.type,
      schemaVersion: upcast.schemaVersion,
      streamId: event.streamId,
      streamRevision: Number(event.revision),
      globalPosition: commit === undefined || commit === NO_POSITION ? 0 : Number(commit),
      occurredAt: stored.occurredAt ?? event.created.toISOString(),
      data: upcast.data,
      metadata: stored.metadata ?? {},
    };
  }

  private envelope(
    e: PreparedEvent,
    streamId: string,
    streamRevision: number,
    globalPosition: number,
  ): RecordedEvent {
    return {
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      streamId,
      streamRevision,
      globalPosition,
      occurredAt: e.occurredAt,
      data: e.data,
      metadata: e.metadata,
    };
  }
}

/** The EventStoreDB event store, e.g. `esdb://localhost:2113?tls=false`. */
export async function createEventStoreDbEventStore(options: {
  connectionString: string;
  upcasters?: UpcasterRegistry;
}): Promise<EventStoreDbEventStore> {
  return new EventStoreDbEventStore(
    EventStoreDBClient.connectionString(options.connectionString),
    options.upcasters,
  );
}

function toEventData(e: PreparedEvent): EventData {
  const metadata: StoredMetadata = {
    schemaVersion: e.schemaVersion,
    occurredAt: e.occurredAt,
    metadata: e.metadata,
  };
  if (e.metadata.correlationId) metadata.$correlationId = e.metadata.correlationId;
  if (e.metadata.causationId) metadata.$causationId = e.metadata.causationId;
  return jsonEvent({
    id: e.eventId,
    type: e.type,
    data: e.data as JSONType,
    metadata: metadata as unknown as JSONType,
  });
}

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (typeof expected === 'number') return expected < 0 ? NO_STREAM : BigInt(expected);
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
  }
}

function meets(expected: ExpectedRevision, current: number): boolean {
  if (typeof expected === 'number') return expected === current;
  if (expected === 'no_stream') return current === -1;
  if (expected === 'stream_exists') return current >= 0;
  return true;
}

/** Domain events only: no system streams or events (`$…`, links), no command records; optionally by category. */
function visible(event: EsdbRecordedEvent, categories?: readonly string[]): boolean {
  if (event.streamId.startsWith('$') || event.type.startsWith('$')) return false;
  if (event.streamId.startsWith(`${COMMAND_CATEGORY}-`)) return false;
  return !categories?.length || categories.some((c) => event.streamId.startsWith(`${c}-`));
}

function toCommandRecord(state: Extract<CommandState, { status: 'completed' }>): CommandRecord {
  return {
    commandId: state.accepted.commandId,
    commandType: state.accepted.commandType,
    streamId: state.accepted.streamId,
    result: state.accepted.result,
    revision: state.revision,
    globalPosition: state.globalPosition,
    recordedAt: state.recordedAt.toISOString(),
  };
}

/** A name-based (v5-shaped) UUID, so that a retried write carries the same ids and ESDB deduplicates it. */
function deterministicId(...parts: (string | number)[]): string {
  const hash = createHash('sha1')
    .update(`kamflow:${parts.join(':')}`)
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
