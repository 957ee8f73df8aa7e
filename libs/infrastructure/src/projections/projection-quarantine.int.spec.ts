import { type EventStore, type RecordedEvent } from '@kamflow/eventsourcing';
import { type SqlDatabase } from '@kamflow/event-store';
import { type Projection, put, rowOf, streamIdOf } from '@kamflow/projections';
import { ReadinessRegistry } from '../health/readiness.registry';
import { LogEventSource } from './event-source';
import { ProjectionRunner } from './projection-runner';
import { lastAppended, storeBackends } from './projection-test-support';

interface Registered {
  accountId: string;
  name: string;
  credit: { limit: unknown };
}

/**
 * Accounts as the issue met them: `currency` is NOT NULL, and an account registered with `limit: []`
 * has none, so the row cannot be written ("null value in column currency"). `applied` counts the
 * events folded into a row, so applying one twice would show.
 */
function accounts(defaultCurrency?: string): Projection {
  return {
    name: 'test-accounts',
    version: 1,
    tables: [
      {
        name: 'rm_test_accounts',
        columns: {
          name: 'text NOT NULL',
          currency: 'text NOT NULL',
          amount: 'bigint',
          applied: 'integer NOT NULL',
        },
      },
    ],
    categories: ['account'],
    handles: (e) => e.type === 'KeyAccountRegistered' || e.type === 'KeyAccountRenamed',
    keysOf: (e) => [{ table: 'rm_test_accounts', id: streamIdOf(e) }],
    evolve: (rows, e) => {
      const id = streamIdOf(e);
      const before = rowOf(rows, 'rm_test_accounts', id);
      if (e.type === 'KeyAccountRenamed') {
        if (!before) return [];
        const applied = Number(before.applied) + 1;
        return [put('rm_test_accounts', { ...before, name: (e.data as { name: string }).name, applied })];
      }
      const data = e.data as Registered;
      const limit = data.credit.limit as { amount?: number; currency?: string };
      return [
        put('rm_test_accounts', {
          id,
          name: data.name,
          currency: limit.currency ?? defaultCurrency ?? null,
          amount: limit.amount ?? null,
          applied: Number(before?.applied ?? 0) + 1,
        }),
      ];
    },
  };
}

const registered = (id: string, limit: unknown) => ({
  streamId: `account-${id}`,
  type: 'KeyAccountRegistered',
  data: { accountId: id, name: `Account ${id}`, credit: { limit } },
});

const renamed = (id: string, name: string) => ({
  streamId: `account-${id}`,
  type: 'KeyAccountRenamed',
  data: { accountId: id, name },
});

const good = (id: string) => registered(id, { amount: 100_000, currency: 'CNY' });

describe.each(storeBackends('kamflow_quarantine'))(
  'a projection meeting an event it cannot apply, on %s',
  (_name, open) => {
    let store: EventStore & { db: SqlDatabase };
    let close: () => Promise<void>;
    let readiness: ReadinessRegistry;
    let runner: ProjectionRunner;

    /** Appends directly to the store, bypassing every decider. */
    async function append(
      events: { streamId: string; type: string; data: unknown }[],
    ): Promise<RecordedEvent[]> {
      for (const e of events)
        await store.appendToStream(e.streamId, [{ type: e.type, data: e.data }], { expectedRevision: 'any' });
      return store.readAll({
        after: (await lastAppended(store.db)) - events.length,
        maxCount: events.length,
      });
    }

    async function rows() {
      return store.db.query<{ id: string; name: string; currency: string; applied: number }>(
        'SELECT id, name, currency, applied FROM rm_test_accounts ORDER BY id',
      );
    }

    async function caughtUp(r: ProjectionRunner) {
      await r.waitFor('test-accounts', await lastAppended(store.db), 15_000);
    }

    async function readinessOf() {
      return (await readiness.report(await store.headPosition()))['projection:test-accounts'];
    }

    beforeEach(async () => {
      ({ store, close } = await open());
      readiness = new ReadinessRegistry();
      runner = new ProjectionRunner(store.db, new LogEventSource(store), readiness, undefined, {
        maxDelayMs: 20,
        quarantineAfterAttempts: 2,
      });
    });
    afterEach(async () => {
      await runner.stop();
      await close();
    });

    it('parks the event, keeps the rest of its batch and later events, and applies it on retry after the fix', async () => {
      // One batch: the poison event between two good ones.
      const [, poison] = await append([good('A1'), registered('A2', []), good('A3')]);
      runner.start(accounts());
      await caughtUp(runner);
      expect((await rows()).map((r) => r.id)).toEqual(['A1', 'A3']);

      const { items, total } = await runner.quarantine.list({ component: 'projection:test-accounts' });
      expect(total).toBe(1);
      expect(items[0]).toMatchObject({
        eventId: poison.eventId,
        globalPosition: poison.globalPosition,
        streamId: 'account-A2',
        eventType: 'KeyAccountRegistered',
        status: 'QUARANTINED',
        attempts: 2,
      });
      expect(items[0].errorMessage).toMatch(/null value in column "currency"/);
      expect(await readinessOf()).toMatchObject({ status: 'degraded', quarantined: 1 });

      // The projection goes on: later events appear.
      await append([good('A4'), renamed('A1', 'Renamed A1')]);
      await caughtUp(runner);
      expect(await rows()).toEqual([
        expect.objectContaining({ id: 'A1', name: 'Renamed A1', applied: 2 }),
        expect.objectContaining({ id: 'A3' }),
        expect.objectContaining({ id: 'A4' }),
      ]);

      // A retry before the fix fails the same way: still quarantined, with the attempt counted.
      const again = await runner.retryQuarantined(items[0], 'admin');
      expect(again).toMatchObject({ status: 'QUARANTINED', attempts: 3 });
      expect(again.errorMessage).toMatch(/currency/);

      // The fix: a projection that can apply it. The retry applies it through its evolve, exactly once.
      await runner.stop();
      const fixed = new ProjectionRunner(store.db, new LogEventSource(store), readiness);
      fixed.register(accounts('CNY'));
      const retried = await fixed.retryQuarantined(items[0], 'admin');
      expect(retried).toMatchObject({ status: 'RETRIED', resolvedBy: 'admin' });
      expect(await rows()).toContainEqual(expect.objectContaining({ id: 'A2', currency: 'CNY', applied: 1 }));
      const second = await fixed.retryQuarantined(items[0], 'admin').catch((e: unknown) => e);
      expect(second).toMatchObject({ code: 'QUARANTINE.NOT_OPEN' });
      expect(await rows()).toContainEqual(expect.objectContaining({ id: 'A2', applied: 1 }));
      expect(await readinessOf()).toMatchObject({ status: 'up' });
    });

    it('keeps the reason of an operator who skipped the event', async () => {
      await append([registered('B1', []), good('B2')]);
      runner.start(accounts());
      await caughtUp(runner);
      const [item] = (await runner.quarantine.list({ status: 'QUARANTINED' })).items;
      const skipped = await runner.quarantine.skip(item.id, 'test account, never real', 'admin');
      expect(skipped).toMatchObject({
        status: 'SKIPPED',
        skipReason: 'test account, never real',
        resolvedBy: 'admin',
      });
      expect(await runner.quarantine.skip(item.id, 'twice', 'admin')).toBeUndefined();
      expect((await runner.quarantine.list({ status: 'SKIPPED' })).items).toEqual([
        expect.objectContaining({ id: item.id, skipReason: 'test account, never real' }),
      ]);
      expect(await readinessOf()).toMatchObject({ status: 'up' });
      expect((await rows()).map((r) => r.id)).toEqual(['B2']);
    });

    it('rebuilds past the event (quarantined) and, rebuilt with the fix, marks it retried', async () => {
      await append([good('C1'), registered('C2', []), good('C3')]);
      runner.start(accounts());
      await caughtUp(runner);
      await runner.stop();
      const live = await rows();

      const rebuilding = new ProjectionRunner(store.db, new LogEventSource(store));
      rebuilding.register(accounts());
      await rebuilding.rebuild('test-accounts');
      expect(await rows()).toEqual(live);
      const [item] = (await rebuilding.quarantine.list()).items;
      expect(item).toMatchObject({ status: 'QUARANTINED', streamId: 'account-C2' });

      const fixed = new ProjectionRunner(store.db, new LogEventSource(store));
      fixed.register(accounts('CNY'));
      await fixed.rebuild('test-accounts');
      expect((await rows()).map((r) => r.id)).toEqual(['C1', 'C2', 'C3']);
      expect((await fixed.quarantine.list()).items).toEqual([
        expect.objectContaining({ id: item.id, status: 'RETRIED', resolvedBy: 'rebuild' }),
      ]);
    });

    it('never quarantines an infrastructure failure: it retries until it passes', async () => {
      let failures = 3;
      const flaky: Projection = {
        ...accounts(),
        evolve: (rows, e) => {
          if (failures-- > 0) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
          return accounts().evolve(rows, e);
        },
      };
      await append([good('D1'), good('D2')]);
      runner.start(flaky);
      await caughtUp(runner);
      expect((await rows()).map((r) => r.id)).toEqual(['D1', 'D2']);
      expect((await runner.quarantine.list()).total).toBe(0);
    });

    it('ends its loop when the database is closed under it, instead of retrying against it', async () => {
      runner.start(accounts());
      await append([good('E1')]);
      await caughtUp(runner);
      let settled = false;
      void runner.settled.then(() => (settled = true));
      await close();
      close = async () => undefined;
      for (let i = 0; i < 200 && !settled; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(settled).toBe(true);
      });
  },
);
