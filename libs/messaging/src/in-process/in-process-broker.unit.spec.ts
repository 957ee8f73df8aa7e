import { type IncomingMessage } from '../message';
import { InProcessBroker } from './in-process-broker';

describe('the in-process broker', () => {
  let broker: InProcessBroker;

  beforeEach(() => {
    broker = new InProcessBroker({ partitions: 3, redeliveryDelayMs: 5 });
  });

  afterEach(() => broker.close());

  it('keeps each key on one partition and delivers its messages in order, with JSON values and headers', async () => {
    const seen: IncomingMessage[] = [];
    await broker.subscribe({ groupId: 'g', topics: ['t'], handle: async (m) => void seen.push(m) });
    for (let seq = 0; seq < 10; seq += 1) {
      await broker.send(
        't',
        ['order-a', 'order-b', 'order-c'].map((key) => ({ key, value: { key, seq }, headers: { h: key } })),
      );
    }
    await broker.idle();

    expect(seen).toHaveLength(30);
    for (const key of ['order-a', 'order-b', 'order-c']) {
      const mine = seen.filter((m) => m.key === key);
      expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
      expect(mine.map((m) => (JSON.parse(m.value!) as { seq: number }).seq)).toEqual([...Array(10).keys()]);
      expect(mine.every((m) => m.headers.h === key)).toBe(true);
    }
  });

  it('commits an offset only after the handler resolved, and redelivers a message whose handler threw', async () => {
    let failures = 0;
    const handled: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await broker.subscribe({
      groupId: 'g',
      topics: ['one'],
      handle: async (m) => {
        if (m.offset === '1' && failures < 2) {
          failures += 1;
          throw new Error('transient');
        }
        if (m.offset === '2') await gate;
        handled.push(m.offset);
      },
    });
    broker.createTopic('one', 1);
    await broker.send(
      'one',
      [0, 1, 2, 3].map((n) => ({ key: 'k', value: n })),
    );

    while (handled.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handled).toEqual(['0', '1']);
    expect(broker.committedOffset('g', 'one')).toBe(2);
    release();
    await broker.idle();
    expect(failures).toBe(2);
    expect(handled).toEqual(['0', '1', '2', '3']);
    expect(broker.committedOffset('g', 'one')).toBe(4);
  });

  it('resumes a group from its committed offset after a stop, and starts a new group at the end when asked', async () => {
    const first: string[] = [];
    broker.createTopic('r', 1);
    await broker.send('r', [{ key: null, value: 'a' }]);
    const handle = await broker.subscribe({
      groupId: 'g',
      topics: ['r'],
      handle: async (m) => void first.push(m.value!),
    });
    await broker.idle();
    await handle.stop();
    await broker.send('r', [{ key: null, value: 'b' }]);

    const again: string[] = [];
    const latecomer: string[] = [];
    await broker.subscribe({ groupId: 'g', topics: ['r'], handle: async (m) => void again.push(m.value!) });
    await broker.subscribe({
      groupId: 'late',
      topics: ['r'],
      fromBeginning: false,
      handle: async (m) => void latecomer.push(m.value!),
    });
    await broker.send('r', [{ key: null, value: 'c' }]);
    await broker.idle();

    expect(first).toEqual(['"a"']);
    expect(again).toEqual(['"b"', '"c"']);
    expect(latecomer).toEqual(['"c"']);
  });

  it('refuses a second member in the same group', async () => {
    await broker.subscribe({ groupId: 'g', topics: ['x'], handle: async () => undefined });
    await expect(
      broker.subscribe({ groupId: 'g', topics: ['x'], handle: async () => undefined }),
    ).rejects.toThrow(/already has a member/);
  });
});
