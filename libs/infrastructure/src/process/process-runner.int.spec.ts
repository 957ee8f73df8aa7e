import { type Command, type EventStore } from '@kamflow/eventsourcing';
import { type SqlDatabase } from '@kamflow/event-store';
import { loadConfig } from '../config/app-config';
import { type CommandGateway } from '../commands/command-gateway';
import { ReadinessRegistry } from '../health/readiness.registry';
import { NotifyingEventStore } from '../persistence/notifying-event-store';
import { storeBackends } from '../projections/projection-test-support';
import { ProcessRunner } from './process-runner';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(storeBackends('kamflow_process'))('the process runner on %s', (_name, open) => {
  let inner: EventStore & { db: SqlDatabase };
  let close: () => Promise<void>;
  let store: NotifyingEventStore;
  let runner: ProcessRunner;
  const dispatched: string[] = [];
  let failOnce: string | undefined;
  /** Events whose reaction throws (a bug meeting this event's data) until it is fixed. */
  const poison = new Set<string>();
  let readiness: ReadinessRegistry;

  beforeEach(async () => {
    dispatched.length = 0;
    poison.clear();
    readiness = new ReadinessRegistry();
    ({ store: inner, close } = await open());
    store = new NotifyingEventStore(inner);
    // Commands of order A take longer than those of order B, so B's finish first when run side by side.
    const gateway = {
      dispatch: async (command: Command) => {
        const { order, step } = command.data as { order: string; step: number };
        await sleep(order === 'A' ? 30 : 1);
        if (failOnce === `${order}${step}`) {
          failOnce = undefined;
          throw new Error('connection lost');
        }
        dispatched.push(`${order}${step}`);
      },
    } as unknown as CommandGateway;
    runner = new ProcessRunner(
      store,
      inner.db,
      loadConfig({ TIMER_INTERVAL_MS: '60000' }),
      gateway,
      readiness,
    );
  });
  afterEach(async () => {
    await runner.onApplicationShutdown();
    await close();
  });

  async function run(events: [string, number][]) {
    for (const [order, step] of events) {
      await store.appendToStream(`thing-${order}`, [{ type: 'Happened', data: { order, step } }], {
        expectedRevision: 'any',
      });
    }
    await runner.start({
      name: 'keyed',
      categories: ['thing'],
      react: (event) => {
        const { order, step } = event.data as { order: string; step: number };
        if (poison.has(`${order}${step}`)) throw new TypeError(`cannot read step ${step} of ${order}`);
        return { commands: [{ key: event.eventId, command: { type: 'Do', data: event.data } }] };
      },
      keyOf: (event) => (event.data as { order: string }).order,
    });
    // The newest committed event (the fenced head may lag behind it while a transaction is open).
    const [{ p }] = await inner.db.query<{ p: string }>('SELECT max(global_position)::text AS p FROM events');
    const head = Number(p);
    for (let i = 0; i < 400 && runner.position('keyed') < head; i++) await sleep(10);
    expect(runner.position('keyed')).toBe(head);
  }

  it('handles one key in log order and different keys side by side', async () => {
    await run([
      ['A', 1],
      ['B', 1],
      ['A', 2],
      ['B', 2],
      ['A', 3],
      ['B', 3],
    ]);
    expect(dispatched.filter((d) => d.startsWith('A'))).toEqual(['A1', 'A2', 'A3']);
    expect(dispatched.filter((d) => d.startsWith('B'))).toEqual(['B1', 'B2', 'B3']);
    // Side by side: all of B was done before A finished.
    expect(dispatched.indexOf('B3')).toBeLessThan(dispatched.indexOf('A3'));
  });

  it('retries the batch when one key fails, keeping every key in order', async () => {
    failOnce = 'A2';
    await run([
      ['A', 1],
      ['B', 1],
      ['A', 2],
      ['B', 2],
      ['A', 3],
    ]);
    // The batch ran again: A1 and the B commands a second time (the command ids make that harmless in
    // the product), A2 after its failure, and A3 never before A2.
    const a = dispatched.filter((d) => d.startsWith('A'));
    expect(a.slice(-3)).toEqual(['A1', 'A2', 'A3']);
    expect(a.indexOf('A3')).toBe(a.length - 1);
    expect(a.filter((d) => d === 'A2')).toHaveLength(1);
  });

  it('quarantines an event its reaction cannot handle and handles the others, then retries it after the fix', async () => {
    poison.add('A2');
    await run([
      ['A', 1],
      ['B', 1],
      ['A', 2],
      ['A', 3],
      ['B', 2],
    ]);
    expect(dispatched.filter((d) => d.startsWith('A'))).toEqual(expect.arrayContaining(['A1', 'A3']));
    expect(dispatched).not.toContain('A2');
    expect(dispatched.filter((d) => d.startsWith('B')).slice(-2)).toEqual(['B1', 'B2']);
    const { items } = await runner.quarantine.list({ component: 'process:keyed' });
    expect(items).toEqual([
      expect.objectContaining({ streamId: 'thing-A', status: 'QUARANTINED', attempts: 3 }),
    ]);
    expect(items[0].errorMessage).toBe('cannot read step 2 of A');
    expect((await readiness.report(await store.headPosition()))['process:keyed']).toMatchObject({
      status: 'degraded',
      quarantined: 1,
    });
    poison.clear();
    expect(await runner.retryQuarantined(items[0], 'admin')).toMatchObject({
      status: 'RETRIED',
      resolvedBy: 'admin',
    });
    expect(dispatched.filter((d) => d === 'A2')).toHaveLength(1);
    expect((await readiness.report(await store.headPosition()))['process:keyed']).toMatchObject({
      status: 'up',
    });
  });

  it('ends its loop and timers when the database is closed under it', async () => {
    await run([['A', 1]]);
    expect(runner.isRunning('keyed')).toBe(true);
    await store.appendToStream('thing-A', [{ type: 'Happened', data: { order: 'A', step: 2 } }], {
      expectedRevision: 'any',
    });
    await inner.db.close();
    for (let i = 0; i < 200 && runner.isRunning('keyed'); i++) await sleep(25);
    expect(runner.isRunning('keyed')).toBe(false);
  });
});
