import { randomBytes } from 'node:crypto';
import {
  Admin,
  compatibilityPartitioner,
  Consumer,
  findErrorBy,
  type MessagesStream,
  Producer,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';
import { ENSURE_KAFKA_TIMEOUT_MS, ensureKafkaBrokers } from '../../../test/support/kafka';

/**
 * Proves the broker the project runs (infra/kafka, or KAFKA_BROKERS) speaks what the relay and the
 * consumers rely on with @platformatic/kafka: explicit topic creation, the idempotent producer with
 * acks=all, a consumer group that joins, reads every key's messages in order and commits its offsets.
 */
const KEYS = ['order-a', 'order-b', 'order-c', 'order-d', 'order-e'];
const PER_KEY = 20;
const ROUNDS = 4;

interface Received {
  key: string;
  seq: number;
  partition: number;
  offset: bigint;
}

let brokers: string[];
let admin: Admin;
let producer: Producer<string, string, string, string> | undefined;
let consumer: Consumer<string, string, string, string> | undefined;
let stream: MessagesStream<string, string, string, string> | undefined;
const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
const topic = `kamflow-it-broker-${suffix}`;
const groupId = `kamflow-it-group-${suffix}`;

beforeAll(async () => {
  brokers = await ensureKafkaBrokers();
  admin = new Admin({ clientId: 'kamflow-broker-int', bootstrapBrokers: brokers });
}, ENSURE_KAFKA_TIMEOUT_MS);

afterAll(async () => {
  await stream?.close().catch(() => undefined);
  await consumer?.close(true).catch(() => undefined);
  await producer?.close().catch(() => undefined);
  if (admin) {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups({ groups: [groupId] }).catch(() => undefined);
    await admin.close();
  }
});

describe('the Kafka broker with @platformatic/kafka', () => {
  it('answers metadata with a registered broker and controller', async () => {
    const cluster = await admin.metadata({ topics: [] });
    expect(cluster.brokers.size).toBeGreaterThanOrEqual(1);
    expect(cluster.controllerId).toBeGreaterThanOrEqual(0);
    expect(cluster.id).toEqual(expect.any(String));
  });

  it('creates a topic with three partitions, once', async () => {
    const [created] = await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
    expect(created.partitions).toBe(3);
    const again = await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 }).then(
      () => null,
      (error: Error) => error,
    );
    // The answer the messaging adapter treats as "created meanwhile by someone else".
    expect(findErrorBy(again, 'apiId', 'TOPIC_ALREADY_EXISTS')).not.toBeNull();
    await waitForLeaders();
    expect(await admin.listTopics()).toContain(topic);
  });

  it('takes keyed messages from an idempotent producer with acks=all', async () => {
    producer = new Producer({
      clientId: 'kamflow-broker-int',
      bootstrapBrokers: brokers,
      idempotent: true,
      acks: -1,
      partitioner: compatibilityPartitioner,
      serializers: stringSerializers,
    });
    // Several sends, each with a slice of every key's sequence, so per-key order spans batches.
    const perRound = PER_KEY / ROUNDS;
    for (let round = 0; round < ROUNDS; round += 1) {
      const messages = [];
      for (let i = 0; i < perRound; i += 1) {
        const seq = round * perRound + i;
        for (const key of KEYS) {
          messages.push({
            topic,
            key,
            value: JSON.stringify({ key, seq }),
            headers: { 'command-id': `${key}-${seq}` },
          });
        }
      }
      const result = await producer.send({ messages });
      expect(result.offsets?.length).toBeGreaterThan(0);
    }
    expect(await totalHighWatermark()).toBe(KEYS.length * PER_KEY);
  });

  it('lets a consumer group read every key back in order and commit its offsets', async () => {
    const expected = KEYS.length * PER_KEY;
    const received: Received[] = [];
    consumer = new Consumer({
      clientId: 'kamflow-broker-int',
      bootstrapBrokers: brokers,
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTime: 500,
      autocommit: false,
      deserializers: stringDeserializers,
    });
    stream = await consumer.consume({ topics: [topic], mode: 'earliest' });
    let allReceived!: () => void;
    const done = new Promise<void>((resolve) => (allReceived = resolve));
    stream.on('data', (message) => {
      const { key, seq } = JSON.parse(message.value) as { key: string; seq: number };
      expect(message.key).toBe(key);
      expect(message.headers.get('command-id')).toBe(`${key}-${seq}`);
      received.push({ key, seq, partition: message.partition, offset: message.offset });
      if (received.length === expected) allReceived();
    });
    await withTimeout(done, 30_000, () => `received ${received.length} of ${expected} messages`);

    // The member joined the group (it is the only one, so it was assigned every partition).
    const group = (await admin.describeGroups({ groups: [groupId] })).get(groupId)!;
    expect(group.state).toBe('Stable');
    expect(group.members.size).toBe(1);

    // Per key: one partition, and the sequence exactly as produced.
    for (const key of KEYS) {
      const mine = received.filter((r) => r.key === key);
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      expect(mine.map((r) => r.seq)).toEqual(Array.from({ length: PER_KEY }, (_, i) => i));
    }

    // Commit the next offset of every partition read, and read the commit back from the broker.
    const next = new Map<number, bigint>();
    for (const r of received)
      if ((next.get(r.partition) ?? 0n) < r.offset + 1n) next.set(r.partition, r.offset + 1n);
    await consumer.commit({
      offsets: [...next].map(([partition, offset]) => ({ topic, partition, offset, leaderEpoch: -1 })),
    });
    const [committed] = await admin.listConsumerGroupOffsets({
      groups: [{ groupId, topics: [{ name: topic, partitionIndexes: [0, 1, 2] }] }],
    });
    const byPartition = new Map(
      committed.topics[0].partitions.map((p) => [p.partitionIndex, p.committedOffset]),
    );
    const ends = (await consumer.listOffsets({ topics: [topic] })).get(topic)!;
    ends.forEach((end, partition) => expect(byPartition.get(partition)).toBe(end > 0n ? end : -1n));
  });
});

async function waitForLeaders(): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const metadata = await admin.metadata({ topics: [topic], forceUpdate: true }).catch(() => undefined);
    const partitions = metadata?.topics.get(topic)?.partitions ?? [];
    if (partitions.length === 3 && partitions.every((p) => p.leader >= 0)) return;
    if (Date.now() > deadline) throw new Error(`no leader for every partition of ${topic}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function totalHighWatermark(): Promise<number> {
  const [listed] = await admin.listOffsets({
    topics: [{ name: topic, partitions: [0, 1, 2].map((p) => ({ partitionIndex: p, timestamp: -1n })) }],
  });
  return listed.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
}

async function withTimeout(promise: Promise<void>, ms: number, progress: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${progress()}`)), ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
