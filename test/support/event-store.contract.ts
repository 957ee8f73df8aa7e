import { randomUUID } from 'node:crypto';
import {
  type Command,
  type Decider,
  type DomainEvent,
  type EventStore,
  handleCommand,
  IdempotencyKeyReusedError,
  StaleRevisionError,
  WrongExpectedRevisionError,
} from '@kamflow/eventsourcing';

/** How a contract run gets a store; `fresh` must give an empty log (or one the suite can ignore). */
export interface ContractTarget {
  open(): Promise<EventStore>;
  /** Stores that really run appends in parallel (not a single in-process session). */
  concurrent: boolean;
}

const actor = { id: 'user:test', roles: ['order-desk'] };

type CounterCommand = Command<'Increment', { by: number; counterId: string }>;
type CounterEvent = DomainEvent<'Incremented', { counterId: string; by: number }>;
const counter: Decider<{ total: number }, CounterCommand, CounterEvent> = {
  initialState: () => ({ total: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.by }),
  decide: (c) => [{ type: 'Incremented', data: { counterId: c.data.counterId, by: c.data.by } }],
};

function increment(counterId: string, by: number, commandId?: string): CounterCommand {
  return { type: 'Increment', data: { by, counterId }, metadata: { now: new Date().toISOString(), actor, commandId } };
}

/** The behaviour every event store adapter must show. */
export function describeEventStoreContract(name: string, target: ContractTarget): void {
  describe(`the ${name} event store`, () => {
    let store: EventStore;
    const stream = (category = 'test') => `${category}-${randomUUID()}`;

    beforeAll(async () => {
      store = await target.open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('reads back appended events with their full envelope', async () => {
      const id = stream();
      const result = await store.appendToStream(
        id,
        [
          { type: 'ThingHappened', data: { n: 1 }, metadata: { actor: 'user:a', correlationId: 'c-1', causationId: 'x-1' } },
          { type: 'ThingHappened', data: { n: 2 }, occurredAt: '2026-01-02T03:04:05.000Z' },
        ],
        { expectedRevision: 'no_stream' },
      );
      expect(result.duplicate).toBe(false);
      const { events, revision } = await store.readStream(id);
      expect(revision).toBe(1);
      expect(events.map((e) => [e.streamRevision, e.type, e.data])).toEqual([
        [0, 'ThingHappened', { n: 1 }],
        [1, 'ThingHappened', { n: 2 }],
      ]);
      expect(events[0].metadata).toMatchObject({ actor: 'user:a', correlationId: 'c-1', causationId: 'x-1' });
      expect(events[1].occurredAt).toBe('2026-01-02T03:04:05.000Z');
      expect(events[0].schemaVersion).toBe(1);
      expect(events[0].eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(events[1].globalPosition).toBeGreaterThan(events[0].globalPosition);
      expect(events[0].streamId).toBe(id);
    });

    it('answers an unknown stream with revision -1 and no events', async () => {
      expect(await store.readStream(stream())).toEqual({ events: [], revision: -1 });
    });

    it('refuses an append at a revision the stream is no longer at', async () => {
      const id = stream();
      await store.appendToStream(id, [{ type: 'A', data: {} }], { expectedRevision: 'no_stream' });
      await store.appendToStream(id, [{ type: 'B', data: {} }], { expectedRevision: 0 });
      await expect(store.appendToStream(id, [{ type: 'C', data: {} }], { expectedRevision: 0 })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await expect(
        store.appendToStream(id, [{ type: 'C', data: {} }], { expectedRevision: 'no_stream' }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(
        store.appendToStream(stream(), [{ type: 'C', data: {} }], { expectedRevision: 'stream_exists' }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readStream(id)).events.map((e) => e.type)).toEqual(['A', 'B']);
      const any = await store.appendToStream(id, [{ type: 'D', data: {} }], { expectedRevision: 'any' });
      expect(any.duplicate === false && any.nextExpectedRevision).toBe(2);
    });

    it('lets exactly one of many concurrent writers at the same revision win', async () => {
      const id = stream();
      await store.appendToStream(id, [{ type: 'Opened', data: {} }], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          store.appendToStream(id, [{ type: 'Raced', data: { i } }], { expectedRevision: 0 }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
      }
      expect((await store.readStream(id)).events).toHaveLength(2);
    });

    it('reads the global log in position order, after a position, in batches and by category', async () => {
      const head = await store.headPosition();
      const a = stream('alpha');
      const b = stream('beta');
      await store.appendToStream(a, [{ type: 'A1', data: {} }], { expectedRevision: 'no_stream' });
      await store.appendToStream(b, [{ type: 'B1', data: {} }], { expectedRevision: 'no_stream' });
      await store.appendToStream(a, [{ type: 'A2', data: {} }], { expectedRevision: 0 });
      // A reader sees a committed event once no older transaction anywhere on the server is still open (so
      // none can be skipped): a transaction of another test on the same server may hold it back a moment.
      const deadline = Date.now() + 15_000;
      let all = await store.readAll({ after: head, maxCount: 100 });
      let mine = all.filter((e) => e.streamId === a || e.streamId === b);
      while (mine.length < 3 && Date.now() < deadline) {
        expect(mine.map((e) => e.type)).toEqual(['A1', 'B1', 'A2'].slice(0, mine.length));
        await new Promise((r) => setTimeout(r, 20));
        all = await store.readAll({ after: head, maxCount: 100 });
        mine = all.filter((e) => e.streamId === a || e.streamId === b);
      }
      expect(mine.map((e) => e.type)).toEqual(['A1', 'B1', 'A2']);
      const positions = all.map((e) => e.globalPosition);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      const firstTwo = await store.readAll({ after: head, maxCount: 2 });
      expect(firstTwo).toHaveLength(2);
      const rest = await store.readAll({ after: firstTwo[1].globalPosition, maxCount: 100 });
      expect(rest[0].globalPosition).toBeGreaterThan(firstTwo[1].globalPosition);
      const alphas = await store.readAll({ after: head, categories: ['alpha'] });
      expect(alphas.every((e) => e.streamId.startsWith('alpha-'))).toBe(true);
      expect(alphas.filter((e) => e.streamId === a).map((e) => e.type)).toEqual(['A1', 'A2']);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(mine[2].globalPosition);
    });

    it('returns the first result for a repeated command id and appends nothing', async () => {
      const id = stream('counter');
      const first = await handleCommand(store, counter, id, increment(id, 5, `cmd-${randomUUID()}`), {
        result: (s) => ({ total: s.total }),
      });
      const commandId = `cmd-${randomUUID()}`;
      const once = await handleCommand(store, counter, id, increment(id, 2, commandId), { result: (s) => s.total });
      const again = await handleCommand(store, counter, id, increment(id, 2, commandId), { result: (s) => s.total });
      expect(first.result).toEqual({ total: 5 });
      expect(once.duplicate).toBe(false);
      expect(again).toMatchObject({ duplicate: true, revision: once.revision, result: 7, events: [] });
      expect(again.globalPosition).toBe(once.globalPosition);
      expect((await store.readStream(id)).events).toHaveLength(2);
      await expect(
        handleCommand(store, counter, stream('counter'), increment(id, 2, commandId)),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });

    it('appends a command once even when its repeats race', async () => {
      const commandId = `cmd-${randomUUID()}`;
      const streams = Array.from({ length: 6 }, () => stream('counter'));
      const results = await Promise.all(
        streams.map((id) => handleCommand(store, counter, id, increment(id, 1, commandId), { newStream: true })),
      );
      const written = await Promise.all(streams.map((id) => store.readStream(id)));
      expect(written.filter((w) => w.events.length > 0)).toHaveLength(1);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      const winner = results.find((r) => !r.duplicate)!;
      for (const r of results) expect(r.streamId).toBe(winner.streamId);
    });

    it('re-decides on a concurrent write, and reports a stale caller revision instead of retrying', async () => {
      const id = stream('counter');
      await Promise.all(Array.from({ length: 5 }, () => handleCommand(store, counter, id, increment(id, 1))));
      const { events, revision } = await store.readStream(id);
      expect(events).toHaveLength(5);
      await expect(
        handleCommand(store, counter, id, increment(id, 1), { expectedRevision: revision - 1 }),
      ).rejects.toBeInstanceOf(StaleRevisionError);
      const ok = await handleCommand(store, counter, id, increment(id, 1), { expectedRevision: revision });
      expect(ok.state).toEqual({ total: 6 });
    });

    if (target.concurrent) {
      it('keeps appending under many parallel writers to distinct streams', async () => {
        const ids = Array.from({ length: 40 }, () => stream('load'));
        await Promise.all(ids.map((id) => store.appendToStream(id, [{ type: 'L', data: {} }], { expectedRevision: 'no_stream' })));
        const read = await Promise.all(ids.map((id) => store.readStream(id)));
        expect(read.every((r) => r.revision === 0)).toBe(true);
      });
    }
  });
}
