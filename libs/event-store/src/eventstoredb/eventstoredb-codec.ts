import { createHash, randomUUID } from 'node:crypto';
import {
  ANY,
  type AppendStreamState,
  type EventData,
  jsonEvent,
  type JSONType,
  NO_STREAM,
  type RecordedEvent as EsdbRecordedEvent,
  STREAM_EXISTS,
} from '@kurrent/kurrentdb-client';
import {
  type EventMetadata,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  type UpcasterRegistry,
} from '@kamflow/eventsourcing';

/** Category of the streams that record handled commands (`kfCommand-<commandId>`); hidden from `readAll`. */
export const COMMAND_CATEGORY = 'kfCommand';

/** The stream that records one command id. */
export function commandStreamName(commandId: string): string {
  return `${COMMAND_CATEGORY}-${commandId}`;
}

/** What an event's ESDB metadata holds: our envelope fields around the event's own metadata. */
export interface StoredMetadata {
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

/** ESDB's "no position" (stream reads on servers that do not report one). */
export const NO_POSITION = 2n ** 64n - 1n;

/** Fixes ids, versions and times of new events. */
export function prepareEvents(
  events: NewEvent[],
  upcasters: UpcasterRegistry,
  idFor: (index: number) => string = () => randomUUID(),
): PreparedEvent[] {
  const now = new Date().toISOString();
  return events.map((e, i) => ({
    eventId: e.eventId ?? idFor(i),
    type: e.type,
    schemaVersion: e.schemaVersion ?? upcasters.currentVersion(e.type),
    data: e.data,
    metadata: e.metadata ?? {},
    occurredAt: e.occurredAt ?? now,
  }));
}

/** An ESDB event → our envelope, upcast. */
export function toRecorded(event: EsdbRecordedEvent, upcasters: UpcasterRegistry): RecordedEvent {
  const stored = (event.metadata ?? {}) as Partial<StoredMetadata>;
  const upcast = upcasters.upcast({
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

/** A prepared event as written at a revision and position. */
export function envelope(
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

export function toEventData(e: PreparedEvent): EventData {
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

export function toEsdbExpected(expected: ExpectedRevision): AppendStreamState {
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

export function meets(expected: ExpectedRevision, current: number): boolean {
  if (typeof expected === 'number') return expected === current;
  if (expected === 'no_stream') return current === -1;
  if (expected === 'stream_exists') return current >= 0;
  return true;
}

/** Domain events only: no system streams or events (`$…`, links), no command records; optionally by category. */
export function visible(event: EsdbRecordedEvent, categories?: readonly string[]): boolean {
  if (event.streamId.startsWith('$') || event.type.startsWith('$')) return false;
  if (event.streamId.startsWith(`${COMMAND_CATEGORY}-`)) return false;
  return !categories?.length || categories.some((c) => event.streamId.startsWith(`${c}-`));
}

/** A name-based (v5-shaped) UUID, so that a retried write carries the same ids and ESDB deduplicates it. */
export function deterministicId(...parts: (string | number)[]): string {
  const hash = createHash('sha1')
    .update(`kamflow:${parts.join(':')}`)
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
