import { type TopicSpec } from '../topics';
import {
  type KafkaConsumer,
  type KafkaConsumerOptions,
  type KafkaProducer,
  type RawMessage,
} from './kafka-driver';
import { PlatformaticDriver } from './platformatic/platformatic-driver';

/** How to reach Kafka and how to create topics. */
export interface KafkaMessagingConfig {
  brokers: readonly string[];
  clientId: string;
  /** Partitions of a created topic unless its spec says otherwise; default 3. */
  partitions?: number;
  /** Replication factor of a created topic; default 1 (a production cluster uses 3). */
  replicationFactor?: number;
  consumer?: KafkaConsumerOptions;
}

/**
 * The Kafka transport on `@platformatic/kafka` (chosen over kafkajs by measurement, see
 * infra/kafka/README.md): one client, the producers and consumers made from it, and topic creation.
 * `close()` stops consumers (each finishes its in-flight message and commits) and then producers;
 * wire it to the application's shutdown or to {@link closeOnSignals}.
 */
export class KafkaMessaging {
  private readonly driver: PlatformaticDriver;
  private readonly producers: KafkaProducer[] = [];
  private readonly consumers: KafkaConsumer[] = [];

  constructor(private readonly config: KafkaMessagingConfig) {
    this.driver = new PlatformaticDriver({ brokers: config.brokers, clientId: config.clientId });
  }

  /** A new idempotent producer (acks from all in-sync replicas, per-key order kept). */
  producer(): KafkaProducer {
    const producer = this.driver.producer();
    this.producers.push(producer);
    return producer;
  }

  /** A consumer factory; options override the config's consumer options. */
  consumer(options: KafkaConsumerOptions = {}): KafkaConsumer {
    const consumer = this.driver.consumer({ ...this.config.consumer, ...options });
    this.consumers.push(consumer);
    return consumer;
  }

  /**
   * Creates the topics that do not exist yet and waits until every one of `specs` is usable (see
   * {@link waitForTopics}); returns the names created now.
   */
  async ensureTopics(specs: readonly TopicSpec[]): Promise<string[]> {
    const existing = new Set(await this.driver.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) {
      await this.driver.createTopics(
        missing.map((s) => ({
          topic: s.topic,
          partitions: s.partitions ?? this.config.partitions ?? 3,
          replicationFactor: s.replicationFactor ?? this.config.replicationFactor ?? 1,
          config: s.config ?? {},
        })),
      );
    }
    await this.waitForTopics(specs.map((s) => s.topic));
    return missing.map((s) => s.topic);
  }

  /**
   * Waits until the broker serves metadata with a leader for every partition of every one of `topics`.
   * Right after a topic is created (here or by another process) a broker may still answer
   * UNKNOWN_TOPIC_OR_PARTITION ("This server does not host this topic-partition") for a while, longer on
   * a busy machine, and a producer or consumer group that uses the topic in that moment fails.
   */
  async waitForTopics(topics: readonly string[], timeoutMs = 60_000): Promise<void> {
    if (topics.length === 0) return;
    const wanted = [...new Set(topics)];
    const deadline = Date.now() + timeoutMs;
    let problem = 'no metadata yet';
    for (;;) {
      try {
        const waiting = await this.driver.topicsWithoutLeader(wanted);
        if (waiting.length === 0) return;
        problem = `no leader yet for ${waiting.join(', ')}`;
      } catch (error) {
        problem = (error as Error).message;
      }
      if (Date.now() > deadline) {
        throw new Error(`Kafka topics not usable after ${timeoutMs} ms (${problem}): ${wanted.join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The group's committed offset per partition of `topic` (`'-1'` where it has none). */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    return this.driver.committedOffsets(groupId, topic);
  }

  /** How many members the consumer group has now (0 once every member left). */
  groupMembers(groupId: string): Promise<number> {
    return this.driver.groupMembers(groupId);
  }

  /** Sends values as they are, not JSON-encoded: for tests and operations tooling (a malformed message). */
  sendRaw(topic: string, messages: readonly RawMessage[]): Promise<void> {
    return this.driver.sendRaw(topic, messages);
  }

  /** Stops consumers first (in-flight messages finish and commit), then flushes and disconnects producers. */
  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.close()));
    await Promise.all(this.producers.map((p) => p.close()));
    await this.driver.close();
  }
}

/**
 * Closes `target` on the first of `signals` (default SIGTERM and SIGINT), for processes without Nest's
 * shutdown hooks. Returns a function that removes the listeners.
 */
export function closeOnSignals(
  target: { close(): Promise<void> },
  signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): () => void {
  const onSignal = () => {
    remove();
    target.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  const remove = () => signals.forEach((s) => process.off(s, onSignal));
  signals.forEach((s) => process.once(s, onSignal));
  return remove;
}
