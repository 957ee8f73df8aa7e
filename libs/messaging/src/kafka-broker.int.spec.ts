import { randomBytes } from 'node:crypto';
import { type Admin, type Consumer, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { ENSURE_KAFKA_TIMEOUT_MS, ensureKafkaBrokers } from '../../../test/support/kafka';

/**
 * Proves the broker the project runs (infra/kafka, or KAFKA_BROKERS) speaks what the relay and the
 * consumers rely on with kafkajs: explicit topic creation, the idempotent producer with acks=all,
 * a consumer group that joins, reads every key's messages in order and commits its offsets.
 */
const KEYS = ['order-a', 'order-b', 'order-c', 'order-d', 'order-e'];
const PER_KEY = 20;
const ROUNDS = 4;

interface Received {
  key: string;
  seq: number;
  partition: number;
  offset: string;
}

let kafka: Kafka;
let admin: Admin;
let producer: Producer | undefined;
let consumer: Consumer | undefined;
const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
const topic = `kamflow-it-broker-${suffix}`;
const groupId = `kamflow-it-group-${suffix}`;

beforeAll(async () => {
  const brokers = await ensureKafkaBrokers();
  kafka = new Kafka({ clientId: 'kamflow-broker-int', brokers, logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
}, ENSURE_KAFKA_TIMEOUT_MS);

afterAll(async () => {
  await consumer?.disconnect().catch(() => undefined);
  await producer?.disconnect().catch(() => undefined);
  if (admin) {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
});

describe('the Kafka broker with kafkajs', () => {
  it('answers the admin API with a registered broker and controller', async () => {
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.length).toBeGreaterThanOrEqual(1);
    expect(cluster.controller).not.toBeNull();
    expect(cluster.clusterId).toEqual(expect.any(String));
  });

  it('creates a topic with three partitions, once', async () => {
    await expect(
      admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true }),
    ).resolves.toBe(true);
    await expect(admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).resolves.toBe(false);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0].partitions).toHaveLength(3);
    expect(await admin.listTopics()).toContain(topic);
  });

  it('takes keyed messages from an idempotent producer with acks=all', async () => {
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    // Several sends, each with a slice of every key's sequence, so per-key order spans batches.
    const perRound = PER_KEY / ROUNDS;
    for (let round = 0; round < ROUNDS; round += 1) {
      const messages = [];
      for (let i = 0; i < perRound; i += 1) {
        const seq = round * perRound + i;
        for (const key of KEYS) {
          messages.push({
            key,
            value: JSON.stringify({ key, seq }),
            headers: { 'command-id': `${key}-${seq}` },
          });
        }
      }
      const metadata = await producer.send({ topic, acks: -1, messages });
      expect(metadata.every((m) => m.errorCode === 0)).toBe(true);
    }
    const offsets = await admin.fetchTopicOffsets(topic);
    const total = offsets.reduce((sum, p) => sum + Number(p.high), 0);
    expect(total).toBe(KEYS.length * PER_KEY);
  });

  it('lets a consumer group read every key back in order and commit its offsets', async () => {
    const expected = KEYS.length * PER_KEY;
    const received: Received[] = [];
    consumer = kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 500,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });

    let allReceived!: () => void;
    const done = new Promise<void>((resolve) => (allReceived = resolve));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const { key, seq } = JSON.parse(message.value!.toString()) as { key: string; seq: number };
        expect(message.key!.toString()).toBe(key);
        expect(message.headers!['command-id']!.toString()).toBe(`${key}-${seq}`);
        received.push({ key, seq, partition, offset: message.offset });
        if (received.length === expected) allReceived();
      },
    });
    await withTimeout(done, 30_000, () => `received ${received.length} of ${expected} messages`);

    // The member joined the group (it is the only one, so it was assigned every partition).
    const { groups } = await admin.describeGroups([groupId]);
    expect(groups[0].state).toBe('Stable');
    expect(groups[0].members).toHaveLength(1);

    // Per key: one partition, and the sequence exactly as produced.
    for (const key of KEYS) {
      const mine = received.filter((r) => r.key === key);
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      expect(mine.map((r) => r.seq)).toEqual(Array.from({ length: PER_KEY }, (_, i) => i));
    }

    // Commit the next offset of every partition read, and read the commit back from the broker.
    const next = new Map<number, bigint>();
    for (const r of received) {
      const candidate = BigInt(r.offset) + 1n;
      if ((next.get(r.partition) ?? 0n) < candidate) next.set(r.partition, candidate);
    }
    await consumer.commitOffsets(
      [...next].map(([partition, offset]) => ({ topic, partition, offset: offset.toString() })),
    );
    await consumer.stop();

    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const highWatermarks = await admin.fetchTopicOffsets(topic);
    for (const { partition, high } of highWatermarks) {
      const offset = committed.partitions.find((p) => p.partition === partition)?.offset;
      expect(offset).toBe(Number(high) > 0 ? high : '-1');
    }
  });
});

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
