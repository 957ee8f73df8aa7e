import { Admin, type BaseOptions, findErrorBy, Producer, stringSerializers } from '@platformatic/kafka';
import {
  type KafkaConsumer,
  type KafkaConsumerOptions,
  type KafkaProducer,
  type RawMessage,
  type TopicToCreate,
} from '../kafka-driver';
import { PlatformaticConsumer } from './platformatic-consumer';
import { PlatformaticProducer } from './platformatic-producer';

/**
 * What {@link KafkaMessaging} needs from `@platformatic/kafka`: producers, consumers and the admin calls,
 * on one admin connection kept until `close()`. The library logs through `debug` (`DEBUG=plt:kafka*`).
 */
export class PlatformaticDriver {
  private readonly base: BaseOptions;
  private adminClient?: Admin;

  constructor(config: { brokers: readonly string[]; clientId: string }) {
    this.base = {
      clientId: config.clientId,
      bootstrapBrokers: [...config.brokers],
      retries: 8,
      retryDelay: 200,
    };
  }

  producer(): KafkaProducer {
    return new PlatformaticProducer(this.base);
  }

  consumer(options: KafkaConsumerOptions): KafkaConsumer {
    return new PlatformaticConsumer(this.base, options);
  }

  listTopics(): Promise<string[]> {
    return this.admin().listTopics();
  }

  /** Creates the topics; one that exists already (created concurrently elsewhere) is not an error. */
  async createTopics(topics: readonly TopicToCreate[]): Promise<void> {
    // One request per shape: the library's createTopics takes partitions, replicas and configs per call.
    for (const t of topics) {
      try {
        await this.admin().createTopics({
          topics: [t.topic],
          partitions: t.partitions,
          replicas: t.replicationFactor,
          configs: Object.entries(t.config).map(([name, value]) => ({ name, value })),
        });
      } catch (error) {
        if (!findErrorBy(error as Error, 'apiId', 'TOPIC_ALREADY_EXISTS')) throw error;
      }
    }
  }

  /** The topics of `topics` the broker does not serve yet with a leader for every partition. */
  async topicsWithoutLeader(topics: readonly string[]): Promise<string[]> {
    const metadata = await this.admin().metadata({ topics: [...topics], forceUpdate: true });
    return topics.filter((name) => {
      const topic = metadata.topics.get(name);
      return !topic || topic.partitions.length === 0 || !topic.partitions.every((p) => p.leader >= 0);
    });
  }

  /** The group's committed offset per partition of `topic` (`-1`: none). */
  async committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    const partitions = (await this.admin().metadata({ topics: [topic], forceUpdate: true })).topics.get(
      topic,
    )?.partitionsCount;
    const [group] = await this.admin().listConsumerGroupOffsets({
      groups: [{ groupId, topics: [{ name: topic, partitionIndexes: range(partitions ?? 1) }] }],
    });
    const found = group?.topics.find((t) => t.name === topic)?.partitions ?? [];
    return new Map(found.map((p) => [p.partitionIndex, String(p.committedOffset)]));
  }

  async groupMembers(groupId: string): Promise<number> {
    const groups = await this.admin().describeGroups({ groups: [groupId] });
    return groups.get(groupId)?.members.size ?? 0;
  }

  /** Sends values as they are, without the idempotent producer. */
  async sendRaw(topic: string, messages: readonly RawMessage[]): Promise<void> {
    const producer = new Producer({ ...this.base, acks: -1, serializers: stringSerializers });
    try {
      await producer.send({
        messages: messages.map((m) => ({
          topic,
          key: m.key ?? undefined,
          value: m.value ?? undefined,
          headers: m.headers ? { ...m.headers } : undefined,
        })),
      });
    } finally {
      await producer.close();
    }
  }

  async close(): Promise<void> {
    const admin = this.adminClient;
    this.adminClient = undefined;
    await admin?.close();
  }

  private admin(): Admin {
    this.adminClient ??= new Admin(this.base);
    return this.adminClient;
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
