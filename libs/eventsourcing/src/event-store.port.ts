import { type NewEvent, type RecordedEvent } from './envelope';

/** What the writer expects of the stream: an exact revision, no stream yet, an existing stream, or anything. */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/** The record of a handled command, kept for idempotency. */
export interface CommandRecord {
  commandId: string;
  /** The command's type, to detect a key reused for another command. */
  commandType: string;
  streamId: string;
  /** What the first execution answered; returned again on a repeat. */
  result: unknown;
  /** Stream revision after the command, -1 when the command appended nothing to a new stream. */
  revision: number;
  /** Global position of the last event appended, or 0 when none. */
  globalPosition: number;
  recordedAt: string;
}

/** Records the command in the same transaction as its events. */
export interface CommandToRecord {
  commandId: string;
  commandType: string;
  result?: unknown;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  command?: CommandToRecord;
}

export type AppendResult =
  | {
      duplicate: false;
      streamId: string;
      /** The stream's revision after the append. */
      nextExpectedRevision: number;
      /** Global position of the last appended event (0 when nothing was appended). */
      lastGlobalPosition: number;
      events: RecordedEvent[];
    }
  | {
      /** The command id was already recorded: nothing was appended. */
      duplicate: true;
      record: CommandRecord;
    };

export interface ReadStreamResult {
  events: RecordedEvent[];
  /** Current revision of the stream, -1 if it does not exist. */
  revision: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this global position (0 = from the start). */
  after?: number;
  maxCount?: number;
  /** Only events whose stream category is one of these. */
  categories?: readonly string[];
}

/**
 * The event store port. Adapters: PostgreSQL, embedded PGlite, EventStoreDB.
 * `readAll` never returns an event while an event with a lower global position could still appear,
 * so a reader that follows positions never skips one.
 */
export interface EventStore {
  readStream(streamId: string, options?: { fromRevision?: number }): Promise<ReadStreamResult>;
  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  findCommand(commandId: string): Promise<CommandRecord | null>;
  /** The highest global position a reader can currently see. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

/** DI token for the event store. */
export const EVENT_STORE = Symbol('EVENT_STORE');
