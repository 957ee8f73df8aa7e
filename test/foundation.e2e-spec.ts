import { randomUUID } from 'node:crypto';
import { type Client, eventually, orderBody, type RunningApp, settled, startApp } from './support/app-harness';

describe('the embedded product', () => {
  let product: RunningApp;
  let desk: Client;

  beforeAll(async () => {
    product = await startApp();
    desk = await product.login('desk');
  });
  afterAll(async () => {
    await product?.close();
  });

  it('answers health and readiness', async () => {
    expect((await product.anonymous.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await product.anonymous.get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.eventStore.status).toBe('up');
    expect(ready.body.mode).toBe('embedded');
  });

  it('accepts a valid order and returns its history', async () => {
    const placed = await desk.post('/orders', orderBody());
    expect(placed.status).toBe(201);
    expect(placed.headers.get('location')).toBe(`/api/v1/orders/${placed.body.id}`);
    expect(placed.body).toMatchObject({ id: expect.stringMatching(/^SO-\d{8}-[0-9A-F]{12}$/), revision: 0 });
    expect(Number(placed.headers.get('x-global-position'))).toBeGreaterThan(0);
    const history = await desk.get(`/orders/${placed.body.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({ type: 'OrderPlaced', actor: 'user:desk', revision: 0 });
    expect(history.body.items[0].data.lines[0]).toMatchObject({ lineId: 'L1', quantity: 10 });
  });

  it('rejects an invalid order with a problem naming the field, and stores nothing', async () => {
    const before = await settled(product);
    const bad = orderBody({}, { quantity: -1 });
    const answer = await desk.post('/orders', bad);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION_FAILED', title: 'Bad Request' });
    expect(answer.body.errors).toEqual([{ field: 'lines[0].quantity', message: expect.stringContaining('quantity') }]);
    const unknown = await desk.post('/orders', { ...orderBody(), discount: 5 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('discount');
    expect(await settled(product)).toBe(before);
  });

  it('answers a retried order with the same key with the first result and changes nothing', async () => {
    const key = randomUUID();
    const first = await desk.post('/orders', orderBody({ customerPo: 'PO-RETRY' }), { 'Idempotency-Key': key });
    const again = await desk.post('/orders', orderBody({ customerPo: 'PO-RETRY' }), { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const history = await desk.get(`/orders/${first.body.id}/history`);
    expect(history.body.items.filter((i: { type: string }) => i.type === 'OrderPlaced')).toHaveLength(1);
  });

  it('asks for a token, and refuses a role that may not place orders', async () => {
    expect((await product.anonymous.post('/orders', orderBody())).status).toBe(401);
    const manager = await product.login('manager');
    const refused = await manager.post('/orders', orderBody());
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('AUTH.FORBIDDEN');
  });

  it('keeps its data across a restart', async () => {
    const placed = await desk.post('/orders', orderBody({ customerPo: 'PO-KEPT' }));
    await eventually(async () => {
      const order = await desk.get(`/orders/${placed.body.id}`);
      expect(order.body.lines[0].configuration.status).toBe('VALID');
    });
    await product.close({ keepData: true });
    product = await startApp({ dataDir: product.dataDir });
    desk = await product.login('desk');
    const history = await desk.get(`/orders/${placed.body.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((i: { type: string }) => i.type)).toEqual(
      expect.arrayContaining(['OrderPlaced', 'ConfigurationValidated', 'OrderLineConfigured']),
    );
    const order = await desk.get(`/orders/${placed.body.id}`);
    expect(order.body).toMatchObject({ customerPo: 'PO-KEPT', status: 'UNDER_REVIEW' });
  });
});
