import {
  type BaseOptions,
  compatibilityPartitioner,
  type MessageToProduce,
  Producer,
  stringSerializers,
} from '@platformatic/kafka';
import { encodeValue, type OutgoingMessage, type TopicMessages } from '../../message';
import { type KafkaProducer } from '../kafka-driver';

type Text = MessageToProduce<string, string, string, string>;

/**
 * The `@platformatic/kafka` producer: idempotent (which makes the library use acks=-1, one in-flight
 * request per broker and unbounded retries), keys partitioned with the Java client's murmur2 so a key
 * lands on the partition the Java client (and kafkajs before) picks. Sends are serialised: concurrent
 * callers queue instead of racing for the idempotent producer's sequence numbers.
 */
export class PlatformaticProducer implements KafkaProducer {
  private readonly producer: Producer<string, string, string, string>;
  private connected?: Promise<void>;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(base: BaseOptions) {
    this.producer = new Producer({
      ...base,
      idempotent: true,
      acks: -1,
      autocreateTopics: false,
      partitioner: compatibilityPartitioner,
      serializers: stringSerializers,
    });
  }

  /** Connects now (otherwise the first send connects). */
  async connect(): Promise<void> {
    this.connected ??= this.producer.metadata({ topics: [] }).then(
      () => undefined,
      (error: unknown) => {
        this.connected = undefined;
        throw error;
      },
    );
    await this.connected;
  }

  async send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    await this.sendAll([{ topic, messages }]);
  }

  async sendAll(batches: readonly TopicMessages[]): Promise<void> {
    const messages = batches.flatMap((b) => b.messages.map((m) => toText(b.topic, m)));
    if (messages.length === 0) return;
    const run = this.tail.then(async () => {
      await this.producer.send({ messages });
    });
    this.tail = run.catch(() => undefined);
    await run;
  }

  /** Waits for the sends in flight, then disconnects. */
  async close(): Promise<void> {
    await this.tail;
    await this.producer.close();
    this.connected = undefined;
  }
}

function toText(topic: string, m: OutgoingMessage): Text {
  return {
    topic,
    key: m.key ?? undefined,
    value: encodeValue(m.value),
    headers: m.headers ? { ...m.headers } : undefined,
  };
}
