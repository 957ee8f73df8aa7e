import { type Command, type Decider, type DomainEvent } from './decider';
import { type EventMetadata, type RecordedEvent } from './envelope';
import { IdempotencyKeyReusedError, StaleRevisionError, WrongExpectedRevisionError } from './errors';
import { type CommandRecord, type EventStore } from './event-store.port';

/** What handling a command produced. */
export interface CommandResult<State> {
  streamId: string;
  /** Stream revision after the command (-1: stream still empty). */
  revision: number;
  /** Global position of the last appended event, for read-your-writes (`?minPosition=`). */
  globalPosition: number;
  /** Events appended now; empty for a repeated command. */
  events: RecordedEvent[];
  /** State after the command; undefined for a repeated command. */
  state?: State;
  /** True when the command id had been handled before and nothing was appended. */
  duplicate: boolean;
  /** What the first execution recorded as its result. */
  result: unknown;
}

export interface HandleOptions<State> {
  /** Caller's view of the stream (HTTP `If-Match`); a mismatch is a stale-revision error, never retried. */
  expectedRevision?: number;
  /** Retries on a concurrent write when the command is safe to re-decide (default 5). */
  retries?: number;
  /** The result recorded for the command id and returned on repeats. */
  result?: (state: State) => unknown;
  /** The stream id was generated for this command (a creation): a repeat may name another stream. */
  newStream?: boolean;
}

/**
 * The command-handling loop: read the stream → fold → decide → append with the expected revision.
 * A concurrent write re-runs the loop (bounded); a repeated command id returns the first result.
 */
export async function handleCommand<State, C extends Command, E extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, C, E>,
  streamId: string,
  command: C,
  options: HandleOptions<State> = {},
): Promise<CommandResult<State>> {
  const commandId = command.metadata.commandId;
  if (commandId) {
    const seen = await store.findCommand(commandId);
    if (seen) return repeated(seen, command.type, options.newStream ? undefined : streamId);
  }
  const retries = options.expectedRevision === undefined ? (options.retries ?? 5) : 0;
  for (let attempt = 0; ; attempt++) {
    const { events, revision } = await store.readStream(streamId);
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new StaleRevisionError(streamId, options.expectedRevision, revision);
    }
    let state = decider.initialState();
    for (const e of events) state = decider.evolve(state, e as unknown as E);
    const decided = decider.decide(command, state);
    for (const e of decided) state = decider.evolve(state, e);
    const metadata = eventMetadata(command);
    try {
      const appended = await store.appendToStream(
        streamId,
        decided.map((e) => ({ type: e.type, data: e.data, metadata, occurredAt: command.metadata.now })),
        {
          expectedRevision: revision === -1 ? 'no_stream' : revision,
          command: commandId
            ? { commandId, commandType: command.type, result: options.result?.(state) ?? null }
            : undefined,
        },
      );
      if (appended.duplicate) {
        return repeated(appended.record, command.type, options.newStream ? undefined : streamId);
      }
      return {
        streamId,
        revision: appended.nextExpectedRevision,
        globalPosition: appended.lastGlobalPosition,
        events: appended.events,
        state,
        duplicate: false,
        result: options.result?.(state) ?? null,
      };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && attempt < retries) {
        // Jittered pause so that writers racing on one stream do not collide again in lockstep.
        await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
        continue;
      }
      if (error instanceof WrongExpectedRevisionError && options.expectedRevision !== undefined) {
        throw new StaleRevisionError(streamId, options.expectedRevision, error.actual);
      }
      throw error;
    }
  }
}

function repeated<State>(record: CommandRecord, commandType: string, streamId?: string): CommandResult<State> {
  if (record.commandType !== commandType || (streamId !== undefined && record.streamId !== streamId)) {
    throw new IdempotencyKeyReusedError(record.commandId);
  }
  return {
    streamId: record.streamId,
    revision: record.revision,
    globalPosition: record.globalPosition,
    events: [],
    duplicate: true,
    result: record.result,
  };
}

/** Event metadata derived from the command: correlation, causation, actor, command id. */
export function eventMetadata(command: Command): EventMetadata {
  const m = command.metadata;
  const metadata: EventMetadata = { actor: m.actor.id };
  if (m.commandId) metadata.commandId = m.commandId;
  if (m.correlationId) metadata.correlationId = m.correlationId;
  if (m.causationId) metadata.causationId = m.causationId;
  return metadata;
}
