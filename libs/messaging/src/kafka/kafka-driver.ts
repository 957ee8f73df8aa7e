import { type MessageConsumer, type MessageHeaders, type MessageProducer } from '../message';

/** The Kafka client libraries behind {@link KafkaMessaging}. */
export const KAFKA_CLIENTS = ['kafkajs', 'platformatic'] as const;

/** `kafkajs` (the default) or `platformatic` (`@platformatic/kafka`). */
export type KafkaClientName = (typeof KAFKA_CLIENTS)[number];

/** The client named by `KAFKA_CLIENT`, else `kafkajs`; an unknown name is an error, not a silent default. */
export function kafkaClientFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaClientName {
  const name = env.KAFKA_CLIENT?.trim() || 'kafkajs';
  if (!(KAFKA_CLIENTS as readonly string[]).includes(name)) {
    throw new Error(`KAFKA_CLIENT must be one of ${KAFKA_CLIENTS.join(', ')} (got "${name}")`);
  }
  return name as KafkaClientName;
}

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

/** What one client library provides to {@link KafkaMessaging}. */
export interface KafkaDriver {
  producer(): KafkaProducer;
  consumer(options: KafkaConsumerOptions): KafkaConsumer;
  listTopics(): Promise<string[]>;
  /** Creates the topics; one that exists already (created concurrently elsewhere) is not an error. */
  createTopics(topics: readonly TopicToCreate[]): Promise<void>;
  /** The topics of `topics` the broker does not serve yet with a leader for every partition. */
  topicsWithoutLeader(topics: readonly string[]): Promise<string[]>;
  /** The group's committed offset per partition of `topic` (`-1`: none). */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, string>>;
  /** How many members the group has now. */
  groupMembers(groupId: string): Promise<number>;
  /** Sends values as they are, without the idempotent producer (for tests and operations tooling). */
  sendRaw(topic: string, messages: readonly RawMessage[]): Promise<void>;
  /** Releases what the driver holds itself (admin connections). */
  close(): Promise<void>;
}
