import { type DomainEvent } from './decider';

/** Metadata stored with every event. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  /** The actor id that caused the event (`user:desk`, `system:fulfilment`). */
  actor?: string;
  commandId?: string;
  [key: string]: unknown;
}

/** An event as written to a stream. */
export interface NewEvent<E extends DomainEvent = DomainEvent> {
  eventId?: string;
  type: E['type'];
  data: E['data'];
  /** Defaults to the registry's current version of the type, else 1. */
  schemaVersion?: number;
  metadata?: EventMetadata;
  /** ISO 8601; defaults to the store's clock. */
  occurredAt?: string;
}

/** The stored event envelope: ids, type, schema version, revision, global position, metadata. */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  eventId: string;
  type: E['type'];
  schemaVersion: number;
  streamId: string;
  /** 0-based position within the stream. */
  streamRevision: number;
  /** Position in the global log: strictly increasing in the order readers see events. */
  globalPosition: number;
  occurredAt: string;
  data: E['data'];
  metadata: EventMetadata;
}

/** Stream names are `category-<id>`. */
export function streamName(category: string, id: string): string {
  return `${category}-${id}`;
}

/** The category of a stream name: the part before the first `-`. */
export function streamCategory(streamId: string): string {
  const i = streamId.indexOf('-');
  return i < 0 ? streamId : streamId.slice(0, i);
}
