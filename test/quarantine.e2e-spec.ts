import { EVENT_STORE, type EventStore } from '@kamflow/eventsourcing';
import { type SqlDatabase } from '@kamflow/event-store';
import { SQL_DATABASE } from '@kamflow/infrastructure';
import { type Client, eventually, type RunningApp, settled, startApp } from './support/app-harness';

describe('an event the accounts read model cannot apply, over HTTP', () => {
  let product: RunningApp;
  let admin: Client, desk: Client;
  let store: EventStore;
  let db: SqlDatabase;

  beforeAll(async () => {
    product = await startApp();
    [admin, desk] = await Promise.all(['admin', 'desk'].map((u) => product.login(u)));
    store = product.app.get(EVENT_STORE);
    db = product.app.get(SQL_DATABASE);
    await settled(product);
  });
  afterAll(async () => {
    await product?.close();
  });

  /** A demo account's registration, cloned for a new account (appended directly, bypassing the decider). */
  async function register(accountId: string, limit: unknown) {
    const [demo] = await store.readAll({ maxCount: 10_000, categories: ['account'] });
    const data = demo.data as { credit: Record<string, unknown> };
    await store.appendToStream(
      `account-${accountId}`,
      [{ type: 'KeyAccountRegistered', data: { ...data, accountId, credit: { ...data.credit, limit } } }],
      { expectedRevision: 'no_stream' },
    );
  }

  const quarantined = async () =>
    (await admin.get('/operations/quarantine?component=projection:accounts&status=QUARANTINED')).body;

  it('is parked; the read model goes on; /ready says degraded (200); an admin retries or skips it', async () => {
    // The request: `"limit": []` reached the log, and the accounts projection could not write it.
    await register('acc-poison', []);
    await register('acc-after', { amount: 5_000_000, currency: 'CNY' });
    const page = await eventually(async () => {
      const body = await quarantined();
      expect(body.total).toBe(1);
      return body;
    });
    expect(page.items[0]).toMatchObject({
      streamId: 'account-acc-poison',
      eventType: 'KeyAccountRegistered',
    });
    expect(page.items[0].errorMessage).toMatch(/currency/);
    await eventually(async () =>
      expect(await db.query('SELECT id FROM rm_accounts WHERE id = $1', ['acc-after'])).toHaveLength(1),
    );

    const ready = await product.anonymous.get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    expect(ready.body.checks['projection:accounts']).toMatchObject({ status: 'degraded', quarantined: 1 });
    const metrics = await (await fetch(`${product.managementUrl}/metrics`)).text();
    expect(metrics).toMatch(/kamflow_quarantined_events\{component="projection:accounts"\} 1/);

    const id = page.items[0].id as number;
    const retried = await admin.post(`/operations/quarantine/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id, status: 'QUARANTINED', attempts: page.items[0].attempts + 1 });

    const skipped = await admin.post(`/operations/quarantine/${id}/skip`, {
      reason: 'fuzzer request, no account',
    });
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({
      status: 'SKIPPED',
      skipReason: 'fuzzer request, no account',
      resolvedBy: 'admin',
    });
    expect((await admin.post(`/operations/quarantine/${id}/skip`, { reason: 'again' })).status).toBe(409);
    expect((await quarantined()).total).toBe(0);
    const after = await product.anonymous.get('/ready');
    expect(after.body.checks['projection:accounts'].status).toBe('up');
  });

  it('is for admins only, and refuses bad input with 4xx naming the field', async () => {
    expect((await desk.get('/operations/quarantine')).status).toBe(403);
    expect((await desk.post('/operations/quarantine/1/skip', { reason: 'x' })).status).toBe(403);
    const bad: [string, unknown, string][] = [
      ['/operations/quarantine/abc/retry', {}, 'id'],
      ['/operations/quarantine/100000000000000000000/retry', {}, 'id'],
      ['/operations/quarantine/1/skip', { reason: '' }, 'reason'],
      ['/operations/quarantine/1/skip', { reason: '   ' }, 'reason'],
      ['/operations/quarantine/1/skip', { reason: 'x'.repeat(501) }, 'reason'],
      ['/operations/quarantine/1/skip', { reason: 'ok', extra: 1 }, 'extra'],
    ];
    for (const [path, body, field] of bad) {
      const answer = await admin.post(path, body);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    for (const query of [
      'page=1e20',
      'pageSize=201',
      'status=NOPE',
      'component=orders',
      `component=${'p'.repeat(200)}`,
    ]) {
      const answer = await admin.get(`/operations/quarantine?${query}`);
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
    }
    expect((await admin.post('/operations/quarantine/999999/retry')).status).toBe(404);
    expect((await admin.post('/operations/quarantine/999999/skip', { reason: 'gone' })).status).toBe(404);
  });
});
