import { type Admin, Kafka, logLevel } from 'kafkajs';
import { type TopicSpec } from '../topics';
import { KafkaMessageConsumer, type KafkaConsumerOptions } from './kafka-consumer';
import { KafkaMessageProducer } from './kafka-producer';

/** How to reach Kafka and how to create topics. */
export interface KafkaMessagingConfig {
  brokers: readonly string[];
  clientId: string;
  /** Partitions of a created topic unless its spec says otherwise; default 3. */
  partitions?: number;
  /** Replication factor of a created topic; default 1 (a production cluster uses 3). */
  replicationFactor?: number;
  /** kafkajs log level; default WARN. */
  logLevel?: 'nothing' | 'error' | 'warn' | 'info' | 'debug';
  consumer?: KafkaConsumerOptions;
}

const LOG_LEVELS = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
} as const;

/**
 * The Kafka transport: one client, the producers and consumers made from it, and topic creation.
 * `close()` stops consumers (each finishes its in-flight message and commits) and then producers;
 * wire it to the application's shutdown or to {@link closeOnSignals}.
 */
export class KafkaMessaging {
  readonly kafka: Kafka;
  private readonly producers: KafkaMessageProducer[] = [];
  private readonly consumers: KafkaMessageConsumer[] = [];

  constructor(private readonly config: KafkaMessagingConfig) {
    this.kafka = new Kafka({
      clientId: config.clientId,
      brokers: [...config.brokers],
      logLevel: LOG_LEVELS[config.logLevel ?? 'warn'],
      retry: { initialRetryTime: 200, retries: 8 },
    });
  }

  /** A new idempotent producer (see {@link KafkaMessageProducer}). */
  producer(): KafkaMessageProducer {
    const producer = new KafkaMessageProducer(this.kafka);
    this.producers.push(producer);
    return producer;
  }

  /** A consumer factory; options override the config's consumer options. */
  consumer(options: KafkaConsumerOptions = {}): KafkaMessageConsumer {
    const consumer = new KafkaMessageConsumer(this.kafka, { ...this.config.consumer, ...options });
    this.consumers.push(consumer);
    return consumer;
  }

  /**
   * Creates the topics that do not exist yet and waits until every one of `specs` is usable (see
   * {@link waitForTopics}); returns the names created now.
   */
  async ensureTopics(specs: readonly TopicSpec[]): Promise<string[]> {
    const created = await this.withAdmin(async (admin) => {
      const existing = new Set(await admin.listTopics());
      const missing = specs.filter((s) => !existing.has(s.topic));
      if (missing.length === 0) return [];
      await admin.createTopics({
        // kafkajs' own wait gives up on the first UNKNOWN_TOPIC_OR_PARTITION a busy broker answers right
        // after the creation; waitForTopics below tolerates it.
        waitForLeaders: false,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions ?? this.config.partitions ?? 3,
          replicationFactor: s.replicationFactor ?? this.config.replicationFactor ?? 1,
          configEntries: Object.entries(s.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
      return missing.map((s) => s.topic);
    });
    await this.waitForTopics(specs.map((s) => s.topic));
    return created;
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
    await this.withAdmin(async (admin) => {
      let problem = 'no metadata yet';
      for (;;) {
        try {
          const metadata = await admin.fetchTopicMetadata({ topics: wanted });
          const usable = new Set(
            metadata.topics
              .filter((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))
              .map((t) => t.name),
          );
          const waiting = wanted.filter((t) => !usable.has(t));
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
    });
  }

  /** Runs `fn` with a connected admin client (for tests and operations tooling). */
  async withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await fn(admin);
    } finally {
      await admin.disconnect();
    }
  }

  /** Stops consumers first (in-flight messages finish and commit), then flushes and disconnects producers. */
  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.close()));
    await Promise.all(this.producers.map((p) => p.close()));
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
