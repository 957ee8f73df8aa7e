import { randomUUID } from 'node:crypto';
import {
  FORWARDS,
  jsonEvent,
  type JSONType,
  type KurrentDBClient,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  type AppendResult,
  type CommandRecord,
  type CommandToRecord,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedRevisionError,
} from '@kamflow/eventsourcing';
import { commandStreamName, deterministicId, type PreparedEvent } from './eventstoredb-codec';

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

export interface Appended {
  nextExpectedRevision: number;
  lastGlobalPosition: number;
  events: RecordedEvent[];
}

/** What the command log needs of the store: plain appends and stream revisions. */
export interface EventStoreDbAppender {
  readonly client: KurrentDBClient;
  appendEvents(streamId: string, events: PreparedEvent[], expected: ExpectedRevision): Promise<Appended>;
  currentRevision(streamId: string): Promise<number>;
  prepare(events: NewEvent[], idFor?: (index: number) => string): PreparedEvent[];
}

/**
 * The command log on EventStoreDB: one `kfCommand-<commandId>` stream per command, see
 * {@link EventStoreDbEventStore} for the protocol.
 */
export class EventStoreDbCommandLog {
  constructor(private readonly store: EventStoreDbAppender) {}

  private get client(): KurrentDBClient {
    return this.store.client;
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

  async appendCommand(
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
        events: this.store.prepare(events, (i) => deterministicId(attemptId, 'event', i)),
      };
      try {
        await this.client.appendToStream(
          commandStream,
          jsonEvent({
            id: attemptId,
            type: 'CommandAccepted',
            data: accepted as unknown as JSONType,
          }),
          { streamState: acceptAfter < 0 ? NO_STREAM : BigInt(acceptAfter) },
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
          { streamState: BigInt(acceptedRevision) },
        )
        .catch((error: unknown) => {
          // Another finisher already wrote the outcome.
          if (!(error instanceof WrongExpectedVersionError)) throw error;
        });
    try {
      const appended = await this.store.appendEvents(
        accepted.streamId,
        accepted.events,
        accepted.expectedRevision,
      );
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
    const current = await this.store.currentRevision(streamId);
    if (expected === 'stream_exists' && current < 0)
      throw new WrongExpectedRevisionError(streamId, expected, current);
    return current;
  }
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
