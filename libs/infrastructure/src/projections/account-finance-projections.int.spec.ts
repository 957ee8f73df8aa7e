import { type EventStore } from '@kamflow/eventsourcing';
import { type SqlDatabase } from '@kamflow/event-store';
import {
  accountFinanceCredit,
  accountFinanceMasterData,
  accountsProjection,
  deskScenario,
  deskScenarioClosing,
  financeProjection,
  ordersProjection,
  workQueuesProjection,
} from '@kamflow/projections';
import { type EventSource, LogEventSource } from './event-source';
import { ProjectionRunner } from './projection-runner';
import { append, contents, drain, storeBackends } from './projection-test-support';

describe.each(storeBackends('kamflow_acc_fin'))(
  'the accounts and finance projections on %s',
  (_name, open) => {
    let store: EventStore & { db: SqlDatabase };
    let close: () => Promise<void>;
    let runner: ProjectionRunner;
    const projections = [accountsProjection, financeProjection];

    beforeAll(async () => {
      ({ store, close } = await open());
      runner = new ProjectionRunner(store.db, new LogEventSource(store), undefined, undefined, {
        batchSize: 7,
      });
      for (const p of projections) await runner.init(p);
      await append(store, [...accountFinanceMasterData(), ...deskScenario()], 'user:desk');
      for (const p of projections) await drain(runner, p.name);
      await append(store, [...deskScenarioClosing(), ...accountFinanceCredit()], 'user:desk');
      for (const p of projections) await drain(runner, p.name);
    });
    afterAll(async () => {
      await runner.stop();
      await close();
    });

    it.each(projections.map((p) => [p.name, p] as const))(
      'changes nothing when the whole log is delivered again (%s)',
      async (name, projection) => {
        const before = await contents(store.db, projection);
        const replaying: EventSource = {
          read: async (_after, options) => {
            const events = await store.readAll({
              after: 0,
              maxCount: 10_000,
              categories: options.categories,
            });
            return { events, upTo: (await store.headPosition()) + 1 };
          },
          head: async () => (await store.headPosition()) + 1,
        };
        const again = new ProjectionRunner(store.db, replaying);
        await again.init(projection);
        expect(await again.step(name)).toBe(true);
        expect(await contents(store.db, projection)).toEqual(before);
      },
    );

    it.each(projections.map((p) => [p.name, p] as const))(
      'rebuilds from the log into the rows built incrementally in batches (%s)',
      async (name, projection) => {
        const incremental = await contents(store.db, projection);
        expect(Object.entries(incremental).filter(([, rows]) => rows.length === 0)).toEqual([]);
        await runner.rebuild(name);
        expect(await contents(store.db, projection)).toEqual(incremental);
      },
    );

    it.each([
      ['rows held in memory', {}],
      ['rows written out and read back every few events', { rebuildMaxRows: 10, rebuildBatchSize: 5 }],
    ] as const)('rebuilds all four projections in one pass over the log (%s)', async (_case, options) => {
      const all = [ordersProjection, workQueuesProjection, ...projections];
      for (const p of all) {
        await runner.init(p);
        await drain(runner, p.name);
      }
      const incremental = await Promise.all(all.map((p) => contents(store.db, p)));
      const rebuilding = new ProjectionRunner(
        store.db,
        new LogEventSource(store),
        undefined,
        undefined,
        options,
      );
      for (const p of all) await rebuilding.init(p);
      const head = await store.headPosition();
      const results = await rebuilding.rebuildAll(all.map((p) => p.name));
      expect(results.map((r) => [r.name, r.position])).toEqual(all.map((p) => [p.name, head]));
      expect(await Promise.all(all.map((p) => contents(store.db, p)))).toEqual(incremental);
      // The live runner goes on from the swapped-in checkpoint.
      await append(
        store,
        [
          {
            streamId: 'order-SO-1',
            type: 'OrderCompleted',
            data: { orderId: 'SO-1', completedAt: '2026-12-30T00:00:00.000Z' },
            occurredAt: '2026-12-30T00:00:00.000Z',
          },
        ],
        'user:desk',
      );
      await drain(runner, 'orders');
      const [so1] = await store.db.query<{ status: string }>(
        `SELECT status FROM rm_orders WHERE id = 'SO-1'`,
      );
      expect(so1.status).toBe('COMPLETED');
    });

    it('stores the credit numbers and statement sums the queries read', async () => {
      const [acc] = await store.db.query<{ exposure_amount: unknown; utilisation_bp: number }>(
        `SELECT exposure_amount, utilisation_bp FROM rm_accounts WHERE id = 'acc-1'`,
      );
      expect(Number(acc.exposure_amount)).toBe(0);
      const [month] = await store.db.query<{ jobs: number; fee: unknown }>(
        `SELECT jobs, fee FROM rm_fin_provider_months WHERE provider_id = 'lp-sf' AND month = '2026-12'`,
      );
      expect({ jobs: month.jobs, fee: Number(month.fee) }).toEqual({ jobs: 2, fee: 5_000 });
    });
  },
);
