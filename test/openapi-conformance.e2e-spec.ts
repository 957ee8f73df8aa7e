import { type Client, eventually, orderBody, type RunningApp, startApp } from './support/app-harness';
import { deliver, orderWhen, planShipment, signReceipt, units } from './support/flow';
import { conformanceErrors, recording, schemaErrors, type Seen } from './support/openapi-conformance';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

describe('the answers of the running product', () => {
  let product: RunningApp;
  const log: Seen[] = [];
  let anonymous: Client;
  let admin: Client, desk: Client, reviewer: Client, analyst: Client, director: Client;
  let manager: Client, finance: Client, logistics: Client;

  beforeAll(async () => {
    product = await startApp();
    anonymous = recording({ token: '', ...product.anonymous }, log);
    [admin, desk, reviewer, analyst, director, manager, finance, logistics] = await Promise.all(
      ['admin', 'desk', 'reviewer', 'analyst', 'director', 'manager', 'finance', 'logistics'].map(async (u) =>
        recording(await product.login(u), log),
      ),
    );
  });
  afterAll(async () => {
    await product?.close();
  });

  it('the conformance check itself refuses a body that does not fit', () => {
    expect(schemaErrors({ $ref: '#/components/schemas/Money' }, { amount: 1.5 })).toEqual([
      '$.currency: missing',
      '$.amount: number where the document says integer',
    ]);
    expect(conformanceErrors({ method: 'GET', path: '/orders/x', status: 418, body: {} })).toEqual([
      'GET /orders/x → 418: status not documented',
    ]);
  });

  it('are documented: every status and every body of an order-to-cash walk fits docs/openapi.json', async () => {
    await anonymous.get('/health');
    await anonymous.get('/ready');
    await anonymous.post('/auth/login', { username: 'desk', password: 'demo123' });
    await anonymous.post('/auth/login', { username: 'desk', password: 'wrong-password' });
    await anonymous.get('/orders');
    await desk.get('/auth/me');
    await desk.get('/catalog/models');
    const line = orderBody().lines[0];
    await desk.post('/configurations/validate', {
      modelId: line.modelId,
      optionIds: line.optionIds,
      channel: 'DIRECT',
      region: 'Beijing',
      quantity: 2,
    });
    await desk.post('/configurations/validate', {
      modelId: line.modelId,
      optionIds: ['NOPE'],
      channel: 'DIRECT',
      region: 'Beijing',
    });

    await desk.post('/orders', { lines: [] });
    await desk.post('/orders', orderBody({ accountId: 'acc-nope' }));
    await logistics.get('/orders');
    await desk.get('/orders/SO-NOPE');
    const placed = await desk.post('/orders', orderBody({ customerPo: 'PO-OPENAPI' }, { quantity: 2 }));
    expect(placed.status).toBe(201);
    const orderId = placed.body.id as string;
    await reviewer.post(`/orders/${orderId}/contract-review`, { decision: 'APPROVE' });
    await orderWhen(desk, orderId, (o) => expect(o.status).toBe('RELEASED'));
    await desk.get(`/orders?customerPo=PO-OPENAPI&minPosition=${placed.headers.get('x-global-position')}`);
    await desk.get(`/orders/${orderId}/history`);
    await desk.post(`/orders/${orderId}/cancel`, { reason: 'stale' }, { 'If-Match': '"0"' });

    const shipmentId = await planShipment(desk, orderId, [{ lineId: 'L1', quantity: 2 }]);
    await deliver(logistics, shipmentId);
    // The order learns of the dispatch through the process: only then is a cancel refused (409).
    await eventually(async () => {
      const history = await desk.get(`/orders/${orderId}/history`);
      expect(JSON.stringify(history.body)).toContain('OrderShipmentDispatched');
    });
    const late = await desk.post(`/orders/${orderId}/cancel`, { reason: 'too late' });
    expect(late.status).toBe(409);
    await logistics.get(`/shipments/${shipmentId}`);
    await logistics.get('/providers/me/shipments');
    await signReceipt(logistics, shipmentId, units('SN-OA', 'L1', 2));
    await logistics.get(`/shipments/${shipmentId}/acceptance-receipt`);
    const invoiced = await orderWhen(desk, orderId, (o) => expect(o.invoices[0]?.status).toBe('OPEN'));
    const invoiceId = invoiced.invoices[0].id as string;
    await finance.get(`/invoices/${invoiceId}`);
    await finance.post(`/invoices/${invoiceId}/payments`, {
      amount: cny(100),
      receivedAt: new Date().toISOString(),
      reference: 'BANK-OA-1',
    });
    await orderWhen(desk, orderId, (o) => expect(o.invoices[0].payments).toHaveLength(1));

    for (const list of ['receivables', 'collections', 'credit-exposure', 'provider-statements'])
      await finance.get(`/finance/${list}`);
    const registered = await admin.post('/accounts', {
      name: 'OpenAPI 检查客户',
      industry: 'education',
      tier: 'CORE',
      region: 'Wuhan',
      accountManager: 'manager',
      serviceModel: 'DIRECT',
      credit: { grade: 'B', limit: cny(10_000_000), paymentTermsDays: 30 },
    });
    expect(registered.status).toBe(201);
    await eventually(async () =>
      expect((await desk.get(`/accounts/${registered.body.id}`)).body.credit?.status).toBe('OPEN'),
    );
    await desk.get('/accounts');
    await desk.get('/accounts/acc-sgcc');
    await manager.get('/accounts/acc-sgcc/dashboard');
    await desk.get('/accounts/ranking');
    const proposed = await analyst.post('/accounts/acc-whu/credit-changes', {
      limit: cny(123_000_000),
      reason: '回款良好',
    });
    await director.post(`/credit-changes/${proposed.body.id}/approve`, { reason: '同意' });
    await desk.get(`/credit-changes/${proposed.body.id}`);
    await desk.get('/work-queues');
    await desk.get('/work-queues/contract-review');
    await desk.get('/providers');

    expect(log.flatMap(conformanceErrors)).toEqual([]);
    const statuses = new Set(log.map((s) => s.status));
    for (const status of [200, 201, 202, 400, 401, 403, 404, 409, 412, 422])
      expect([status, statuses.has(status)]).toEqual([status, true]);
  });
});
