import { PgDatabase } from '@kamflow/event-store';
import { Registry } from 'prom-client';
import { ENSURE_KAFKA_TIMEOUT_MS } from '../../../../test/support/kafka';
import { readTopics, testMessaging, uniqueSuffix, waitUntil } from '../../../../test/support/messaging';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres';
import { type KafkaMessaging } from '../kafka/kafka-messaging';
import { type KafkaProducer } from '../kafka/kafka-driver';
import { type MessageConsumer, type OutgoingMessage } from '../message';
import { type DeadLetter } from './failure';
import { type HandlerContext, ReliableConsumer, type ReliableConsumerOptions } from './reliable-consumer';

let testDb: TestDatabase;
let db: PgDatabase;
let messaging: KafkaMessaging;
let producer: KafkaProducer;
const running: ReliableConsumer[] = [];
const suffix = uniqueSuffix();
let n = 0;

beforeAll(async () => {
  messaging = await testMessaging('kamflow-reliable-it');
  producer = messaging.producer();
  testDb = await createTestDatabase('kamflow_reliable');
  db = new PgDatabase({ connectionString: testDb.url, max: 5 });
  await db.exec('CREATE TABLE effects (message_id text NOT NULL, group_id text NOT NULL, payload jsonb)');
}, ENSURE_KAFKA_TIMEOUT_MS);

afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

afterAll(async () => {
  await messaging?.close();
  await db?.close();
  await testDb?.drop();
});

/** A fresh topic, group and DLQ topic for one test. */
async function setup(name: string) {
  n += 1;
  const topic = `kamflow-it-rc-${name}-${suffix}-${n}`;
  const groupId = `kamflow-it-rc-${name}-${suffix}-${n}`;
  const dlq = `${topic}.dlq`;
  await messaging.ensureTopics([{ topic }, { topic: dlq }]);
  return { topic, groupId, dlq };
}

function start<T>(
  options: Partial<ReliableConsumerOptions<T>> & Pick<ReliableConsumerOptions<T>, 'groupId' | 'topics'>,
) {
  const consumer = new ReliableConsumer<T>({
    consumer: messaging.consumer({ commitEvery: 1 }),
    producer,
    db,
    retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
    handle: (ctx) => recordEffect(ctx, options.groupId),
    ...options,
  });
  running.push(consumer);
  return consumer.start().then(() => consumer);
}

async function recordEffect(ctx: HandlerContext<unknown>, groupId: string): Promise<void> {
  await ctx.tx.query('INSERT INTO effects (message_id, group_id, payload) VALUES ($1, $2, $3)', [
    ctx.messageId,
    groupId,
    JSON.stringify(ctx.value),
  ]);
}

async function effects(groupId: string): Promise<string[]> {
  const rows = await db.query<{ message_id: string }>(
    'SELECT message_id FROM effects WHERE group_id = $1 ORDER BY message_id',
    [groupId],
  );
  return rows.map((r) => r.message_id);
}

function msg(id: string, value: unknown = { id }): OutgoingMessage {
  return { key: 'order-1', value, headers: { eventId: id } };
}

async function committedOffset(groupId: string, topic: string): Promise<number> {
  return Number((await messaging.committedOffsets(groupId, topic)).get(0) ?? -1);
}

describe('a reliable consumer on Kafka and PostgreSQL', () => {
  it('applies a message delivered twice only once', async () => {
    const { topic, groupId } = await setup('dedupe');
    const registry = new Registry();
    await producer.send(topic, [msg('m1'), msg('m2'), msg('m1'), msg('m3')]);
    await start({ groupId, topics: [topic], registry });

    await waitUntil(
      async () => (await committedOffset(groupId, topic)) === 4,
      20_000,
      () => 'all four committed',
    );
    expect(await effects(groupId)).toEqual(['m1', 'm2', 'm3']);
    const counts = await registry.getSingleMetric('kamflow_consumer_messages_total')!.get();
    const outcome = (o: string) => counts.values.find((v) => v.labels.outcome === o)?.value;
    expect([outcome('handled'), outcome('duplicate')]).toEqual([3, 1]);
  });

  it('runs an effect outside its transaction when asked, and still applies a message delivered twice once', async () => {
    const { topic, groupId } = await setup('outside');
    const visibleMeanwhile: number[] = [];
    await producer.send(topic, [msg('o1'), msg('o2'), msg('o1')]);
    await start({
      groupId,
      topics: [topic],
      effectOutsideTransaction: true,
      handle: async (ctx) => {
        await recordEffect(ctx, groupId);
        // Another connection of the pool sees the effect before the handler returns: no transaction holds it.
        const rows = await db.query('SELECT 1 FROM effects WHERE group_id = $1 AND message_id = $2', [
          groupId,
          ctx.messageId,
        ]);
        visibleMeanwhile.push(rows.length);
      },
    });
    await waitUntil(
      async () => (await committedOffset(groupId, topic)) === 3,
      20_000,
      () => 'all three committed',
    );
    expect(await effects(groupId)).toEqual(['o1', 'o2']);
    expect(visibleMeanwhile).toEqual([1, 1]);
  });

  it('retries a transient failure with back-off, then applies the effect once', async () => {
    const { topic, groupId } = await setup('retry');
    const attempts: { attempt: number; at: number }[] = [];
    await producer.send(topic, [msg('flaky')]);
    await start({
      groupId,
      topics: [topic],
      handle: async (ctx) => {
        attempts.push({ attempt: ctx.attempt, at: Date.now() });
        await recordEffect(ctx, groupId); // rolled back when the attempt fails
        if (ctx.attempt < 3) throw new Error('connection reset by peer');
      },
    });

    await waitUntil(async () => (await effects(groupId)).length > 0, 20_000);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(attempts[1].at - attempts[0].at);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(40);
    expect(await effects(groupId)).toEqual(['flaky']);
  });

  it('moves poison and exhausted messages to the dead-letter topic with the original and the error, and goes on', async () => {
    const { topic, groupId, dlq } = await setup('poison');
    await messaging.sendRaw(topic, [{ key: 'order-9', value: '{not json', headers: { eventId: 'malformed' } }]);
    await producer.send(topic, [msg('rule'), msg('stuck'), msg('fine')]);
    const seen = new Map<string, number>();
    const recorded: string[] = [];
    await start({
      groupId,
      topics: [topic],
      dlqTopic: dlq,
      onDeadLettered: async (letter, id) => void recorded.push(`${id}:${letter.error.attempts}`),
      handle: async (ctx) => {
        seen.set(ctx.messageId, (seen.get(ctx.messageId) ?? 0) + 1);
        if (ctx.messageId === 'rule')
          throw Object.assign(new Error('Order cannot be cancelled'), {
            code: 'ORDER.NOT_CANCELLABLE',
            kind: 'rule',
          });
        if (ctx.messageId === 'stuck') throw new Error('downstream timeout');
        await recordEffect(ctx, groupId);
      },
    });

    const letters = await readTopics(messaging, [dlq], (r) => r.length >= 3);
    const byId = new Map(
      letters.map((l) => [l.headers.eventId, { ...l, letter: JSON.parse(l.value!) as DeadLetter }]),
    );
    const malformed = byId.get('malformed')!;
    expect(malformed.key).toBe('order-9');
    expect(malformed.letter.original).toMatchObject({
      topic,
      partition: 0,
      offset: '0',
      key: 'order-9',
      value: '{not json',
    });
    expect(malformed.letter.error).toMatchObject({
      code: 'MESSAGE.MALFORMED',
      class: 'poison',
      attempts: 1,
      group: groupId,
    });
    expect(byId.get('rule')!.letter.error).toMatchObject({
      code: 'ORDER.NOT_CANCELLABLE',
      kind: 'rule',
      attempts: 1,
    });
    expect(byId.get('rule')!.letter.original).toMatchObject({ offset: '1', headers: { eventId: 'rule' } });
    const stuck = byId.get('stuck')!.letter.error;
    expect(stuck).toMatchObject({
      message: 'downstream timeout',
      class: 'retry',
      attempts: 3,
      group: groupId,
    });
    expect(stuck.stack).toContain('downstream timeout');
    expect(new Date(stuck.failedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(byId.get('stuck')!.headers).toMatchObject({
      'dlq-original-topic': topic,
      'dlq-original-offset': '2',
    });
    expect([seen.get('rule'), seen.get('stuck')]).toEqual([1, 3]);
    await waitUntil(async () => (await effects(groupId)).length > 0, 10_000);
    expect(await effects(groupId)).toEqual(['fine']);
    // Each dead letter was handed to the hook (the product records it in quarantined_events).
    expect(recorded.sort()).toEqual(['malformed:1', 'rule:1', 'stuck:3']);
  });

  it('stops when its database is closed instead of retrying the message against it', async () => {
    const { topic, groupId } = await setup('closed');
    const own = new PgDatabase({ connectionString: testDb.url, max: 2 });
    let attempts = 0;
    const logged: string[] = [];
    await start({
      groupId,
      topics: [topic],
      db: own,
      log: (_level, message) => void logged.push(message),
      handle: async (ctx) => {
        attempts += 1;
        await recordEffect(ctx, groupId);
      },
    });
    await producer.send(topic, [msg('before')]);
    await waitUntil(async () => (await effects(groupId)).length === 1, 20_000);
    await own.close();
    await producer.send(topic, [msg('after')]);
    await waitUntil(
      async () => (await messaging.groupMembers(groupId)) === 0,
      30_000,
      () => 'the consumer left its group',
    );
    expect(logged.filter((m) => m === 'database closed: the consumer stops')).toHaveLength(1);
    expect(attempts).toBe(1);
    expect(await effects(groupId)).toEqual(['before']);
    // Uncommitted: a consumer on a live database handles it later.
    expect(await committedOffset(groupId, topic)).toBe(1);
  });

  it('commits an offset only after its effect, and a crash before the commit redelivers a message that is then skipped', async () => {
    const { topic, groupId } = await setup('commit');
    const registry = new Registry();
    await producer.send(
      topic,
      Array.from({ length: 10 }, (_, i) => msg(`c${i}`)),
    );
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let crashed = false;
    const real = messaging.consumer({ commitEvery: 1 });
    // A transport whose process "dies" once: right after message c6's effect committed, before its offset is.
    const crashing: MessageConsumer = {
      subscribe: (s) =>
        real.subscribe({
          ...s,
          handle: async (m, d) => {
            await s.handle(m, d);
            if (m.headers.eventId === 'c6' && !crashed) {
              crashed = true;
              throw new Error('process died before committing');
            }
          },
        }),
    };
    await start({
      groupId,
      topics: [topic],
      registry,
      consumer: crashing,
      handle: async (ctx) => {
        if (ctx.messageId === 'c3') await gate;
        await recordEffect(ctx, groupId);
      },
    });

    await waitUntil(async () => (await effects(groupId)).length === 3, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await committedOffset(groupId, topic)).toBe(3); // c0..c2 done; c3 in flight is not committed
    const lag = await registry.getSingleMetric('kamflow_consumer_lag')!.get();
    expect(lag.values[0]).toMatchObject({ labels: { group: groupId, topic, partition: '0' }, value: 7 });
    release();

    await waitUntil(
      async () => (await committedOffset(groupId, topic)) === 10,
      30_000,
      () => 'offset 10 committed',
    );
    expect(crashed).toBe(true);
    expect(await effects(groupId)).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`));
    const counts = await registry.getSingleMetric('kamflow_consumer_messages_total')!.get();
    expect(counts.values.find((v) => v.labels.outcome === 'duplicate')?.value).toBeGreaterThanOrEqual(1);
    expect((await registry.getSingleMetric('kamflow_consumer_lag')!.get()).values[0].value).toBe(0);
  });

  it('handles a couple of thousand messages at a measured rate', async () => {
    const { topic, groupId } = await setup('throughput');
    const total = 2_000;
    for (let i = 0; i < total; i += 500) {
      await producer.send(
        topic,
        Array.from({ length: 500 }, (_, j) => msg(`t${i + j}`, { i: i + j, pad: 'x'.repeat(200) })),
      );
    }
    let first: number | undefined;
    let last = 0;
    await start({
      groupId,
      topics: [topic],
      consumer: messaging.consumer(),
      handle: async (ctx) => {
        first ??= Date.now();
        await recordEffect(ctx, groupId);
        last = Date.now();
      },
    });
    await waitUntil(
      async () => (await db.query('SELECT 1 FROM effects WHERE group_id = $1', [groupId])).length === total,
      60_000,
    );
    const seconds = (last - first!) / 1000;
    process.stdout.write(
      `reliable consumer: ${total} messages in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} msg/s (group join excluded)\n`,
    );
    expect(await effects(groupId)).toHaveLength(total);
  });
});
