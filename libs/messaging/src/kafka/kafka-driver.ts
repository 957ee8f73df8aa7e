import { type MessageConsumer, type MessageHeaders, type MessageProducer } from '../message';

/** Consumer-group tuning; the defaults suit a small cluster. */
export interface KafkaConsumerOptions {
  /** Default 30 000; tests use less so a dead member is noticed sooner. */
  sessionTimeoutMs?: number;
  /** Default 3 000. */
  heartbeatIntervalMs?: number;
  /** How long a fetch waits for data; default 500. */
  maxWaitTimeMs?: number;
  /** Commit resolved offsets at least this often (ms); default 1 000. */
  commitIntervalMs?: number;
  /** ...and after this many handled messages; default 100. */
  commitEvery?: number;
  /** Partitions handled concurrently by one member (order is kept per partition); default 1. */
  partitionsConsumedConcurrently?: number;
}

/** An idempotent producer that can connect ahead of its first send. */
export interface KafkaProducer extends MessageProducer {
  connect(): Promise<void>;
}

/** A consumer factory whose subscriptions all stop with `close()`. */
export interface KafkaConsumer extends MessageConsumer {
  close(): Promise<void>;
}

/** A message whose value is sent as the given text, not JSON-encoded (tests send malformed values). */
export interface RawMessage {
  key: string | null;
  value: string | null;
  headers?: MessageHeaders;
}

/** A topic to create, with every default resolved. */
export interface TopicToCreate {
  topic: string;
  partitions: number;
  replicationFactor: number;
  config: Record<string, string>;
}
