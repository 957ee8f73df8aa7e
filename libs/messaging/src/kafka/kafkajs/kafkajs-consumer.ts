import { type Consumer, type IHeaders, type Kafka, type KafkaMessage } from 'kafkajs';
import {
  type ConsumerHandle,
  type IncomingMessage,
  type MessageHeaders,
  type Subscription,
} from '../../message';
import { type KafkaConsumer, type KafkaConsumerOptions } from '../kafka-driver';

/**
 * Consumer groups on kafkajs. Each `subscribe` runs its own kafkajs consumer with auto-commit of
 * *resolved* offsets only: an offset is resolved after `handle` resolved, so a commit never runs ahead of
 * the handler. Batches are handled message by message; a stop lets the current message finish.
 */
export class KafkajsConsumer implements KafkaConsumer {
  private readonly running = new Set<Consumer>();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: KafkaConsumerOptions = {},
  ) {}

  async subscribe(subscription: Subscription): Promise<ConsumerHandle> {
    const o = this.options;
    const consumer = this.kafka.consumer({
      groupId: subscription.groupId,
      sessionTimeout: o.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: o.heartbeatIntervalMs ?? 3_000,
      maxWaitTimeInMs: o.maxWaitTimeMs ?? 500,
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 200, retries: 8 },
    });
    await consumer.connect();
    try {
      await consumer.subscribe({
        topics: [...subscription.topics],
        fromBeginning: subscription.fromBeginning ?? true,
      });
      await consumer.run({
        autoCommit: true,
        autoCommitInterval: o.commitIntervalMs ?? 1_000,
        autoCommitThreshold: o.commitEvery ?? 100,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: o.partitionsConsumedConcurrently ?? 1,
        eachBatch: async ({
          batch,
          resolveOffset,
          heartbeat,
          commitOffsetsIfNecessary,
          isRunning,
          isStale,
        }) => {
          for (const m of batch.messages) {
            if (!isRunning() || isStale()) break;
            await subscription.handle(toIncoming(batch.topic, batch.partition, m), {
              highWatermark: batch.highWatermark,
              heartbeat,
              isRunning,
            });
            resolveOffset(m.offset);
            await commitOffsetsIfNecessary();
          }
        },
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.running.add(consumer);
    return {
      stop: async () => {
        if (!this.running.delete(consumer)) return;
        // kafkajs waits for the batch in progress, commits the resolved offsets and leaves the group.
        await consumer.disconnect();
      },
    };
  }

  /** Stops every subscription started here. */
  async close(): Promise<void> {
    const all = [...this.running];
    this.running.clear();
    await Promise.all(all.map((c) => c.disconnect()));
  }
}

function toIncoming(topic: string, partition: number, m: KafkaMessage): IncomingMessage {
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key ? m.key.toString('utf8') : null,
    value: m.value ? m.value.toString('utf8') : null,
    headers: decodeHeaders(m.headers),
    timestamp: m.timestamp,
  };
}

function decodeHeaders(headers: IHeaders | undefined): MessageHeaders {
  const out: MessageHeaders = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) out[name] = value.toString();
  }
  return out;
}
