import { type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import { encodeValue, type OutgoingMessage, type TopicMessages } from '../../message';
import { type KafkaProducer } from '../kafka-driver';

/**
 * The kafkajs producer: idempotent, `acks=-1` (all in-sync replicas), `maxInFlightRequests: 1`.
 *
 * Why one in-flight request: kafkajs (unlike the Java client, which tracks up to five in-flight batches
 * per partition) assigns an idempotent batch's sequence number when the request is built and advances
 * it only on the response, so a second concurrent request to a partition would reuse a sequence and be
 * rejected or reordered on retry. For the same reason sends are serialised here: concurrent callers
 * queue instead of racing. Throughput comes from batching many messages per send, not from pipelining.
 */
export class KafkajsProducer implements KafkaProducer {
  private readonly producer: Producer;
  private connected?: Promise<void>;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Unbounded retries keep the idempotence guarantee; during an outage a send waits for the broker.
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 30_000 },
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Connects now (otherwise the first send connects). */
  async connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
  }

  async send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    await this.sendAll([{ topic, messages }]);
  }

  async sendAll(batches: readonly TopicMessages[]): Promise<void> {
    const topicMessages = batches
      .filter((b) => b.messages.length > 0)
      .map((b) => ({ topic: b.topic, messages: b.messages.map(toKafkaMessage) }));
    if (topicMessages.length === 0) return;
    const run = this.tail.then(async () => {
      await this.connect();
      const results = await this.producer.sendBatch({ topicMessages, acks: -1 });
      const failed = results.find((r) => r.errorCode !== 0);
      if (failed)
        throw new Error(`Kafka refused ${failed.topicName}/${failed.partition}: error ${failed.errorCode}`);
    });
    this.tail = run.catch(() => undefined);
    await run;
  }

  /** Waits for the sends in flight, then disconnects. */
  async close(): Promise<void> {
    await this.tail;
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}

function toKafkaMessage(m: OutgoingMessage): Message {
  return { key: m.key, value: encodeValue(m.value), headers: m.headers ? { ...m.headers } : undefined };
}
