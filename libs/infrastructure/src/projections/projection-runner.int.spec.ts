import { DomainError, type EventStore } from '@kamflow/eventsourcing';
import { type SqlDatabase, type SqlExecutor } from '@kamflow/event-store';
import {
  deskScenario,
  deskScenarioClosing,
  ordersProjection,
  type Projection,
  put,
  workQueuesProjection,
} from '@kamflow/projections';
import { type EventSource, LogEventSource } from './event-source';
import { ProjectionRunner } from './projection-runner';
import { append, contents, drain, lastAppended, storeBackends } from './projection-test-support';

const checkpoint = async (db: SqlExecutor, name: string) =>
  (
    await db.query<{ position: string; version: number }>(
      'SELECT position::text, version FROM projection_checkpoints WHERE name = $1',
      [name],
    )
  )[0];

describe.each(storeBackends('kamflow_projections'))('the projection runner on %s', (_name, open) => {
  let store: EventStore & { db: SqlDatabase };
  let close: () => Promise<void>;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    ({ store, close } = await open());
    runner = new ProjectionRunner(store.db, new LogEventSource(store), undefined, undefined, {
      batchSize: 7,
    });
    await runner.init(ordersProjection);
    await runner.init(workQueuesProjection);
  });
  afterEach(async () => {
    await runner.stop();
    await close();
  });

  it('builds the tables in batches and checkpoints the head, even past events of other categories', async () => {
    await append(store, deskScenario());
    await append(store, [
      {
        streamId: 'account-acc-9',
        type: 'KeyAccountRegistered',
        data: {},
        occurredAt: new Date().toISOString(),
      },
    ]);
    await drain(runner, 'orders');
    const rows = await contents(store.db, ordersProjection);
    expect((rows.rm_orders as { id: string }[]).map((r) => r.id)).toEqual(['SO-1', 'SO-2', 'SO-3']);
    expect(rows.rm_order_shipments).toEqual([
      expect.objectContaining({ id: 'SH-1', status: 'DELIVERED', next_step: 'INSPECT_AND_SIGN' }),
    ]);
    expect(Number((await checkpoint(store.db, 'orders')).position)).toBe(await store.headPosition());
    expect((await runner.lags()).find((l) => l.projection === 'orders')).toMatchObject({
      lagEvents: 0,
      lagSeconds: 0,
    });
  });

  it('changes nothing when the same events are delivered again (position guard)', async () => {
    await append(store, deskScenario());
    await drain(runner, 'orders');
    const before = await contents(store.db, ordersProjection);
    const replaying: EventSource = {
      read: async (_after, options) => {
        const events = await store.readAll({ after: 0, maxCount: 1000, categories: options.categories });
        return { events, upTo: (await store.headPosition()) + 1 };
      },
      head: async () => (await store.headPosition()) + 1,
    };
    const again = new ProjectionRunner(store.db, replaying);
    await again.init(ordersProjection);
    expect(await again.step('orders')).toBe(true);
    expect(await contents(store.db, ordersProjection)).toEqual(before);
  });

  it('rebuilds from the log into the same rows as built incrementally, swapping tables and checkpoint', async () => {
    await append(store, deskScenario());
    await drain(runner, 'orders');
    await drain(runner, 'work-queues');
    await append(store, deskScenarioClosing());
    await drain(runner, 'orders');
    await drain(runner, 'work-queues');
    for (const projection of [ordersProjection, workQueuesProjection]) {
      const incremental = await contents(store.db, projection);
      const before = await checkpoint(store.db, projection.name);
      const { position } = await runner.rebuild(projection.name);
      expect(position).toBe(Number(before.position));
      expect(await contents(store.db, projection)).toEqual(incremental);
      expect(await checkpoint(store.db, projection.name)).toEqual(before);
    }
    const leftovers = await store.db.query<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes WHERE indexname LIKE '%rebuild%' UNION SELECT tablename FROM pg_tables WHERE tablename LIKE '%rebuild%'`,
    );
    expect(leftovers).toEqual([]);
    // A second rebuild works on the renamed indexes too.
    await runner.rebuild('orders');
    await append(store, [
      {
        streamId: 'order-SO-1',
        type: 'OrderCompleted',
        data: { orderId: 'SO-1', completedAt: '2026-12-21T00:00:00.000Z' },
        occurredAt: '2026-12-21T00:00:00.000Z',
      },
    ]);
    await drain(runner, 'orders');
    expect((await contents(store.db, ordersProjection)).rm_orders).toContainEqual(
      expect.objectContaining({ id: 'SO-1', status: 'COMPLETED' }),
    );
  });

  it('leaves rows and checkpoint untouched when a batch fails half way (one transaction)', async () => {
    await append(store, deskScenario().slice(0, 5));
    await drain(runner, 'orders');
    const before = await contents(store.db, ordersProjection);
    const cp = await checkpoint(store.db, 'orders');
    await append(store, deskScenario().slice(5, 10));
    const failing: SqlDatabase = Object.create(store.db) as SqlDatabase;
    failing.transaction = (fn) =>
      store.db.transaction((tx) =>
        fn({
          query: async (text: string, params?: readonly unknown[]) => {
            if (text.includes('INSERT INTO projection_checkpoints'))
              throw new Error('killed before the checkpoint');
            return tx.query(text, params);
          },
        }),
      );
    const crashing = new ProjectionRunner(failing, new LogEventSource(store));
    await crashing.init(ordersProjection);
    await expect(crashing.step('orders')).rejects.toThrow('killed before the checkpoint');
    expect(await contents(store.db, ordersProjection)).toEqual(before);
    expect(await checkpoint(store.db, 'orders')).toEqual(cp);
    await drain(runner, 'orders');
    expect(Number((await checkpoint(store.db, 'orders')).position)).toBe(await store.headPosition());
  });

  it('rebuilds at start when the projection version changed', async () => {
    await append(store, deskScenario());
    await drain(runner, 'orders');
    const rows = await contents(store.db, ordersProjection);
    const next = new ProjectionRunner(store.db, new LogEventSource(store));
    await next.init({ ...ordersProjection, version: ordersProjection.version + 1 });
    expect((await checkpoint(store.db, 'orders')).version).toBe(ordersProjection.version + 1);
    expect(await contents(store.db, ordersProjection)).toEqual(rows);
  });

  it('keeps only the newest rows per partition of a retained table, live and rebuilt alike', async () => {
    // A feed: one row per event, the newest 3 per stream kept.
    const feed: Projection = {
      name: 'feed',
      version: 1,
      tables: [
        {
          name: 'rm_test_feed',
          columns: { stream: 'text NOT NULL', position: 'bigint NOT NULL' },
          retain: { partitionBy: 'stream', orderBy: 'position', keep: 3 },
        },
      ],
      categories: ['order'],
      handles: () => true,
      keysOf: () => [],
      evolve: (_rows, event) => [
        put('rm_test_feed', {
          id: String(event.globalPosition),
          stream: event.streamId,
          position: event.globalPosition,
        }),
      ],
    };
    const trimming = new ProjectionRunner(store.db, new LogEventSource(store), undefined, undefined, {
      batchSize: 7,
      retentionIntervalMs: 0,
    });
    await trimming.init(feed);
    await append(store, deskScenario());
    await drain(trimming, 'feed');
    const live = await store.db.query<{ stream: string; position: string }>(
      'SELECT stream, position::text FROM rm_test_feed ORDER BY stream COLLATE "C", rm_test_feed.position',
    );
    const orderEvents = await store.readAll({ maxCount: 10_000, categories: ['order'] });
    const expected = [...new Set(orderEvents.map((e) => e.streamId))].sort().flatMap((stream) =>
      orderEvents
        .filter((e) => e.streamId === stream)
        .slice(-3)
        .map((e) => ({ stream, position: String(e.globalPosition) })),
    );
    expect(expected.length).toBeLessThan(orderEvents.length);
    expect(live).toEqual(expected);
    for (const options of [{}, { rebuildMaxRows: 2, rebuildBatchSize: 3 }]) {
      const rebuilding = new ProjectionRunner(
        store.db,
        new LogEventSource(store),
        undefined,
        undefined,
        options,
      );
      rebuilding.register(feed);
      await rebuilding.rebuild('feed');
      expect(
        await store.db.query(
          'SELECT stream, position::text FROM rm_test_feed ORDER BY stream COLLATE "C", rm_test_feed.position',
        ),
      ).toEqual(expected);
    }
  });

  it('tails every projection with one loop: a failing projection holds up no other, one not concerned moves at once', async () => {
    // An infrastructure failure (SQLSTATE class 08) is never blamed on the event: retried, never quarantined.
    const broken: Projection = {
      ...ordersProjection,
      name: 'broken',
      tables: [{ name: 'rm_test_broken', columns: { n: 'integer NOT NULL' } }],
      keysOf: () => [],
      evolve: (_rows, event) => {
        if (event.type === 'ShipmentDelivered')
          throw Object.assign(new Error('connection to the server lost'), { code: '08006' });
        return [put('rm_test_broken', { id: String(event.globalPosition), n: 1 })];
      },
    };
    const unconcerned: Projection = {
      name: 'unconcerned',
      version: 1,
      tables: [{ name: 'rm_test_unconcerned', columns: { n: 'integer NOT NULL' } }],
      categories: ['creditChange'],
      handles: () => false,
      keysOf: () => [],
      evolve: () => [],
    };
    const tailing = new ProjectionRunner(store.db, new LogEventSource(store), undefined, undefined, {
      maxDelayMs: 20,
      checkpointIntervalMs: 60_000,
    });
    for (const p of [ordersProjection, broken, unconcerned]) tailing.start(p);
    await append(store, deskScenario());
    const head = await lastAppended(store.db);
    await tailing.waitFor('orders', head, 10_000);
    await tailing.waitFor('unconcerned', head, 10_000);
    expect(await tailing.waitFor('broken', head, 300).catch((e: unknown) => e)).toMatchObject({
      code: 'READ_MODEL.NOT_CAUGHT_UP',
    });
    const lags = await tailing.lags();
    expect(lags.find((l) => l.projection === 'orders')?.lagEvents).toBe(0);
    expect(lags.find((l) => l.projection === 'broken')?.lagEvents).toBeGreaterThan(0);
    // Nothing of the batch that failed was kept for the broken projection.
    const delivered = (await store.readAll({ maxCount: 1000 })).find((e) => e.type === 'ShipmentDelivered')!;
    expect(Number((await checkpoint(store.db, 'broken')).position)).toBeLessThan(delivered.globalPosition);
    expect((await tailing.quarantine.list()).total).toBe(0);
    // The unconcerned projection moved in memory; its checkpoint is stored at stop.
    expect(Number((await checkpoint(store.db, 'unconcerned')).position)).toBe(0);
    await tailing.stop();
    expect(Number((await checkpoint(store.db, 'unconcerned')).position)).toBe(head);
    expect(Number((await checkpoint(store.db, 'orders')).position)).toBe(head);
  });

  it('re-reads from the checkpoint another process swapped in behind it', async () => {
    const tailing = new ProjectionRunner(store.db, new LogEventSource(store), undefined, undefined, {
      maxDelayMs: 20,
    });
    tailing.start(ordersProjection);
    await append(store, deskScenario());
    await tailing.waitFor('orders', await lastAppended(store.db), 10_000);
    // Another process swaps in tables built up to an older position (here: empty ones at 0), with the
    // projection's lock held, as a rebuild does.
    await store.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(7311002, hashtext('orders'))`);
      for (const t of ordersProjection.tables) await tx.query(`DELETE FROM ${t.name}`);
      await tx.query(`UPDATE projection_checkpoints SET position = 0 WHERE name = 'orders'`);
    });
    await append(store, deskScenarioClosing());
    const head = await lastAppended(store.db);
    await tailing.waitFor('orders', head, 10_000);
    for (let i = 0; i < 400 && Number((await checkpoint(store.db, 'orders')).position) < head; i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(Number((await checkpoint(store.db, 'orders')).position)).toBe(head);
    const resynced = await contents(store.db, ordersProjection);
    const truth = new ProjectionRunner(store.db, new LogEventSource(store));
    truth.register(ordersProjection);
    await tailing.stop();
    await truth.rebuild('orders');
    expect(resynced).toEqual(await contents(store.db, ordersProjection));
    expect(resynced.rm_orders.length).toBe(3);
  });

  it('waits for a position while tailing, and times out with READ_MODEL.NOT_CAUGHT_UP', async () => {
    const tailing = new ProjectionRunner(store.db, new LogEventSource(store), undefined, undefined, {
      maxDelayMs: 20,
    });
    tailing.start(ordersProjection);
    await append(store, deskScenario().slice(0, 3));
    await tailing.waitFor('orders', await lastAppended(store.db), 5000);
    expect((await contents(store.db, ordersProjection)).rm_orders).toHaveLength(2);
    const error = await tailing
      .waitFor('orders', (await store.headPosition()) + 100, 50)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'READ_MODEL.NOT_CAUGHT_UP', kind: 'timeout' });
    await tailing.stop();
  });
});
