import { randomUUID } from 'node:crypto';
import {
  type AppendOptions,
  type AppendResult,
  type CommandRecord,
  type EventMetadata,
  type ExpectedRevision,
  type NewEvent,
  WrongExpectedRevisionError,
} from '@kamflow/eventsourcing';
import { toIso, toNumber } from '../sql/sql-database';

/** One event as `es_append_batch` takes it. */
export interface EventPayload {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  occurredAt: string | null;
}

/** One append as `es_append_batch` takes it (`json` is its serialised form). */
export interface BatchItem {
  streamId: string;
  expected: number;
  events: EventPayload[];
  command?: { commandId: string; commandType: string; result: unknown };
  json: string;
}

/** What `es_append_batch` answers for one item. */
export type BatchOutcome =
  | {
      outcome: 'ok';
      revision: number;
      events: {
        revision: number;
        position: number;
        eventId: string;
        occurredAt: string;
        schemaVersion: number;
      }[];
    }
  | { outcome: 'wrong_revision'; current: number }
  | { outcome: 'duplicate'; record: Record<string, unknown> }
  | { outcome: 'invalid'; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT32_MAX = 2 ** 31 - 1;

/**
 * Validates and serialises one append on the caller's side, so that nothing in a batch can make the whole
 * `es_append_batch` call fail: a bad item rejects its own caller only. Throws on invalid input.
 */
export function toBatchItem(
  streamId: string,
  events: NewEvent[],
  options: AppendOptions,
  currentVersion: (type: string) => number,
): BatchItem {
  if (typeof streamId !== 'string') throw new TypeError('streamId must be a string');
  const payload: EventPayload[] = events.map((e, i) => {
    const eventId = e.eventId ?? randomUUID();
    if (typeof eventId !== 'string' || !UUID.test(eventId))
      throw new TypeError(`event ${i}: eventId must be a UUID`);
    if (typeof e.type !== 'string') throw new TypeError(`event ${i}: type must be a string`);
    const schemaVersion = e.schemaVersion ?? currentVersion(e.type);
    if (!Number.isInteger(schemaVersion) || Math.abs(schemaVersion) > INT32_MAX) {
      throw new TypeError(`event ${i}: schemaVersion must be an integer`);
    }
    if (e.data === undefined) throw new TypeError(`event ${i}: data is required`);
    return {
      eventId,
      type: e.type,
      schemaVersion,
      data: e.data,
      metadata: e.metadata ?? {},
      occurredAt: e.occurredAt === undefined || e.occurredAt === null ? null : isoTimestamp(e.occurredAt, i),
    };
  });
  const command = options.command;
  const expected = expectedCode(options.expectedRevision);
  if (!Number.isSafeInteger(expected) || expected < -3) throw new TypeError('invalid expected revision');
  if (command && (typeof command.commandId !== 'string' || typeof command.commandType !== 'string')) {
    throw new TypeError('commandId and commandType must be strings');
  }
  const json = JSON.stringify({
    streamId,
    expected,
    events: payload,
    ...(command
      ? {
          commandId: command.commandId,
          commandType: command.commandType,
          commandResult: command.result ?? null,
        }
      : {}),
  });
  if (!acceptedByJsonb(json))
    throw new TypeError('the append contains text PostgreSQL cannot store (NUL or a lone surrogate)');
  return {
    streamId,
    expected,
    events: payload,
    command: command && {
      commandId: command.commandId,
      commandType: command.commandType,
      result: command.result ?? null,
    },
    json,
  };
}

/** Turns one item's outcome into what `appendToStream` answers (or throws). */
export function toAppendResult(
  item: BatchItem,
  options: AppendOptions,
  outcome: BatchOutcome | undefined,
): AppendResult {
  switch (outcome?.outcome) {
    case 'ok': {
      const recorded = outcome.events.map((r, i) => ({
        eventId: r.eventId,
        type: item.events[i].type,
        schemaVersion: toNumber(r.schemaVersion),
        streamId: item.streamId,
        streamRevision: toNumber(r.revision),
        globalPosition: toNumber(r.position),
        occurredAt: toIso(r.occurredAt),
        data: item.events[i].data,
        metadata: item.events[i].metadata,
      }));
      const last = recorded[recorded.length - 1];
      return {
        duplicate: false as const,
        streamId: item.streamId,
        nextExpectedRevision: toNumber(outcome.revision),
        lastGlobalPosition: last ? last.globalPosition : 0,
        events: recorded,
      };
    }
    case 'wrong_revision':
      throw new WrongExpectedRevisionError(
        item.streamId,
        String(options.expectedRevision),
        toNumber(outcome.current),
      );
    case 'duplicate':
      return { duplicate: true as const, record: toCommandRecord(outcome.record) };
    case 'invalid':
      throw new TypeError(`es_append_batch refused the append: ${outcome.message}`);
    case undefined:
      throw new Error('es_append_batch gave no answer for an append');
  }
}

/** A `command_log` row (as a row or as json) → CommandRecord. */
export function toCommandRecord(r: Record<string, unknown>): CommandRecord {
  return {
    commandId: r.command_id as string,
    commandType: r.command_type as string,
    streamId: r.stream_id as string,
    result: r.result,
    revision: toNumber(r.revision),
    globalPosition: toNumber(r.global_position),
    recordedAt: toIso(r.recorded_at),
  };
}

export function expectedCode(expected: ExpectedRevision): number {
  if (typeof expected === 'number') return expected;
  switch (expected) {
    case 'no_stream':
      return -1;
    case 'any':
      return -2;
    case 'stream_exists':
      return -3;
  }
  return Number.NaN;
}

function isoTimestamp(value: string, i: number): string {
  const time = new Date(value);
  const iso = Number.isNaN(time.getTime()) ? '' : time.toISOString();
  if (!/^\d{4}-/.test(iso)) throw new TypeError(`event ${i}: occurredAt must be an ISO 8601 timestamp`);
  return iso;
}

/** jsonb refuses \u0000 and unpaired surrogate escapes, which JSON.stringify produces. */
function acceptedByJsonb(json: string): boolean {
  if (!json.includes('\\u')) return true;
  const escapes = /\\(u([0-9a-fA-F]{4})|.)/g;
  let pendingHigh = -1;
  for (let m = escapes.exec(json); m; m = escapes.exec(json)) {
    const code = m[2] === undefined ? -1 : parseInt(m[2], 16);
    const adjacent = pendingHigh >= 0 && m.index === pendingHigh;
    if (pendingHigh >= 0 && !(adjacent && code >= 0xdc00 && code <= 0xdfff)) return false;
    if (adjacent && code >= 0xdc00 && code <= 0xdfff) {
      pendingHigh = -1;
      continue;
    }
    pendingHigh = -1;
    if (code === 0) return false;
    if (code >= 0xdc00 && code <= 0xdfff) return false;
    if (code >= 0xd800 && code <= 0xdbff) pendingHigh = m.index + m[0].length;
  }
  return pendingHigh < 0;
}
