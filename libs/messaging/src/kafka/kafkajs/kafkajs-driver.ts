import { type Admin, Kafka, logLevel } from 'kafkajs';
import {
  type KafkaConsumer,
  type KafkaConsumerOptions,
  type KafkaDriver,
  type KafkaProducer,
  type RawMessage,
  type TopicToCreate,
} from '../kafka-driver';
import { KafkajsConsumer } from './kafkajs-consumer';
import { KafkajsProducer } from './kafkajs-producer';

const LOG_LEVELS = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
} as const;

/** The {@link KafkaDriver} on kafkajs: one client; admin operations each on a short-lived admin connection. */
export class KafkajsDriver implements KafkaDriver {
  private readonly kafka: Kafka;

  constructor(config: { brokers: readonly string[]; clientId: string; logLevel: keyof typeof LOG_LEVELS }) {
    this.kafka = new Kafka({
      clientId: config.clientId,
      brokers: [...config.brokers],
      logLevel: LOG_LEVELS[config.logLevel],
      retry: { initialRetryTime: 200, retries: 8 },
    });
  }

  producer(): KafkaProducer {
    return new KafkajsProducer(this.kafka);
  }

  consumer(options: KafkaConsumerOptions): KafkaConsumer {
    return new KafkajsConsumer(this.kafka, options);
  }

  listTopics(): Promise<string[]> {
    return this.withAdmin((admin) => admin.listTopics());
  }

  async createTopics(topics: readonly TopicToCreate[]): Promise<void> {
    await this.withAdmin((admin) =>
      admin.createTopics({
        // kafkajs' own wait gives up on the first UNKNOWN_TOPIC_OR_PARTITION a busy broker answers right
        // after the creation; KafkaMessaging.waitForTopics tolerates it.
        waitForLeaders: false,
        topics: topics.map((t) => ({
          topic: t.topic,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor,
          configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
        })),
      }),
    );
  }

  async topicsWithoutLeader(topics: readonly string[]): Promise<string[]> {
    const metadata = await this.withAdmin((admin) => admin.fetchTopicMetadata({ topics: [...topics] }));
    const usable = new Set(
      metadata.topics
        .filter((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))
        .map((t) => t.name),
    );
    return topics.filter((t) => !usable.has(t));
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    const [committed] = await this.withAdmin((admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
    return new Map(committed.partitions.map((p) => [p.partition, p.offset]));
  }

  async groupMembers(groupId: string): Promise<number> {
    const { groups } = await this.withAdmin((admin) => admin.describeGroups([groupId]));
    return groups[0]?.members.length ?? 0;
  }

  async sendRaw(topic: string, messages: readonly RawMessage[]): Promise<void> {
    const producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
    } finally {
      await producer.disconnect();
    }
  }

  async close(): Promise<void> {}

  private async withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await fn(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
