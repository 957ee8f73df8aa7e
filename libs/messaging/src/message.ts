/** Message headers as text (Kafka headers are bytes; the adapters decode them as UTF-8). */
export type MessageHeaders = Record<string, string>;

/** A message to publish: `value` is any JSON-serialisable value, `key` chooses the partition (same key, same order). */
export interface OutgoingMessage {
  key: string | null;
  value: unknown;
  headers?: MessageHeaders;
}

/** One topic's share of a multi-topic send. */
export interface TopicMessages {
  topic: string;
  messages: readonly OutgoingMessage[];
}

/** A message as delivered to a consumer. `value` is the raw JSON text (null for a tombstone). */
export interface IncomingMessage {
  topic: string;
  partition: number;
  /** The partition offset, as a decimal string (Kafka offsets are 64-bit). */
  offset: string;
  key: string | null;
  value: string | null;
  headers: MessageHeaders;
  /** Milliseconds since the epoch, as a decimal string. */
  timestamp: string;
}

/**
 * Publishes messages. `send` resolves only once the transport has durably accepted every message
 * (Kafka: acknowledged by all in-sync replicas); messages with the same key keep their order.
 */
export interface MessageProducer {
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /** Sends to several topics at once (one request per broker on Kafka); same guarantees as `send`. */
  sendAll(batches: readonly TopicMessages[]): Promise<void>;
  close(): Promise<void>;
}

/** What the transport tells a handler about the delivery in progress. */
export interface Delivery {
  /** The partition's next offset to be written when the batch was fetched (for lag), if known. */
  highWatermark?: string;
  /** Keeps the group membership alive during long work (Kafka heartbeats); a no-op elsewhere. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping: long retries should give up (the message is redelivered). */
  isRunning(): boolean;
}

/**
 * A consumer-group subscription. Messages of one partition are handled one at a time in offset order;
 * a message's offset is committed only after `handle` resolved. When `handle` throws, its offset is not
 * committed and the message is delivered again (after the transport's restart delay).
 */
export interface Subscription {
  groupId: string;
  topics: readonly string[];
  /** Where a group without a committed offset starts: the beginning (default) or only new messages. */
  fromBeginning?: boolean;
  handle(message: IncomingMessage, delivery: Delivery): Promise<void>;
}

/** A running subscription. */
export interface ConsumerHandle {
  /** Lets the in-flight message finish, commits what was handled and leaves the group. */
  stop(): Promise<void>;
}

/** Starts consumer-group subscriptions. */
export interface MessageConsumer {
  subscribe(subscription: Subscription): Promise<ConsumerHandle>;
}

/** Encodes a message value as JSON text (the wire format of every adapter). */
export function encodeValue(value: unknown): string {
  return JSON.stringify(value);
}
