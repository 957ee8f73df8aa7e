import { OrderViewService } from '../apps/api/src/orders/order-view.service';
import {
  type Client,
  eventually,
  orderBody,
  type RunningApp,
  settled,
  startApp,
} from './support/app-harness';
import { deliver, orderWhen, planShipment, signReceipt, units } from './support/flow';

describe('read models over HTTP', () => {
  let product: RunningApp;
  let admin: Client, desk: Client, reviewer: Client, manager: Client, logistics: Client;

  beforeAll(async () => {
    product = await startApp();
    [admin, desk, reviewer, manager, logistics] = await Promise.all(
      ['admin', 'desk', 'reviewer', 'manager', 'logistics'].map((u) => product.login(u)),
    );
  });
  afterAll(async () => {
    await product?.close();
  });

  async function place(
    po: string,
    overrides: Record<string, unknown> = {},
    line: Record<string, unknown> = {},
  ) {
    const placed = await desk.post('/orders', orderBody({ customerPo: po, ...overrides }, line));
    expect(placed.status).toBe(201);
    return { id: placed.body.id as string, position: Number(placed.headers.get('x-global-position')) };
  }

  it('answers the order detail from the read model exactly as folded from the streams', async () => {
    const { id } = await place('PO-RM-DETAIL', {}, { quantity: 2 });
    expect((await reviewer.post(`/orders/${id}/contract-review`, { decision: 'APPROVE' })).status).toBe(202);
    await orderWhen(desk, id, (o) => expect(o.status).toBe('RELEASED'));
    const shipmentId = await planShipment(desk, id, [{ lineId: 'L1', quantity: 2 }]);
    await deliver(logistics, shipmentId);
    await signReceipt(logistics, shipmentId, units('RM', 'L1', 2));
    await orderWhen(desk, id, (o) => expect(o.invoices).toHaveLength(1));
    await settled(product);
    const answer = await desk.get(`/orders/${id}`);
    const folded = await product.app.get(OrderViewService).view(id);
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(folded)));
    expect(answer.headers.get('etag')).toBe(`"${folded.revision}"`);
    expect(answer.body.acceptanceReceipts).toHaveLength(1);
  });

  it('searches orders by PO, free text, status and account, sorted and paged', async () => {
    const a = await place('PO-RM-SEARCH-A', {}, { quantity: 1 });
    const b = await place('PO-RM-SEARCH-B', { accountId: 'acc-icbc' }, { quantity: 3 });
    const c = await place('PO-RM-SEARCH-C', {}, { quantity: 2 });
    const last = c.position;
    const byPo = await desk.get(`/orders?customerPo=PO-RM-SEARCH-B&minPosition=${last}`);
    expect(byPo.body).toMatchObject({
      page: 1,
      total: 1,
      items: [{ id: b.id, customerPo: 'PO-RM-SEARCH-B', account: { accountId: 'acc-icbc' } }],
    });
    const text = await desk.get('/orders?q=rm-search&sort=placedAt&pageSize=2');
    expect(text.body.total).toBe(3);
    expect(text.body.items.map((o: { id: string }) => o.id)).toEqual([a.id, b.id]);
    const second = await desk.get('/orders?q=rm-search&sort=placedAt&pageSize=2&page=2');
    expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 3, items: [{ id: c.id }] });
    await eventually(async () => {
      const priced = await desk.get('/orders?q=RM-SEARCH&sort=-total');
      expect(priced.body.items.map((o: { id: string }) => o.id)).toEqual([b.id, c.id, a.id]);
    });
    const icbc = await desk.get('/orders?q=RM-SEARCH&accountId=acc-icbc');
    expect(icbc.body.items.map((o: { id: string }) => o.id)).toEqual([b.id]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await desk.get(`/orders?q=RM-SEARCH&from=${today}&to=${today}`)).body.total).toBe(3);
    expect((await desk.get('/orders?q=RM-SEARCH&to=2000-01-01')).body.total).toBe(0);
    const status = (await desk.get(`/orders/${a.id}`)).body.status;
    const byStatus = await desk.get(`/orders?q=RM-SEARCH&status=${status}&pageSize=200`);
    expect(byStatus.body.items.every((o: { status: string }) => o.status === status)).toBe(true);
    expect((await desk.get('/orders?sort=colour')).body).toMatchObject({
      status: 400,
      errors: [{ field: 'sort' }],
    });
    expect((await desk.get('/orders?status=LOST')).status).toBe(400);
  });

  it('shows an account manager only the orders of accounts they manage', async () => {
    const other = await admin.post('/accounts', {
      name: 'Read model other manager',
      industry: 'education',
      tier: 'CORE',
      region: 'Beijing',
      accountManager: 'manager2',
      serviceModel: 'DIRECT',
      credit: { grade: 'A', limit: { amount: 10_000_000_00, currency: 'CNY' }, paymentTermsDays: 30 },
    });
    expect(other.status).toBe(201);
    const theirs = await eventually(async () => place('PO-RM-SCOPE-OTHER', { accountId: other.body.id }));
    const mine = await place('PO-RM-SCOPE-MINE');
    const seen = await manager.get(`/orders?q=PO-RM-SCOPE&minPosition=${mine.position}`);
    expect(seen.body.items.map((o: { id: string }) => o.id)).toEqual([mine.id]);
    expect((await desk.get('/orders?q=PO-RM-SCOPE')).body.total).toBe(2);
    expect((await manager.get(`/orders/${theirs.id}`)).status).toBe(403);
    const queue = await manager.get('/work-queues/contract-review?pageSize=200');
    expect(queue.body.items.map((i: { orderId: string }) => i.orderId)).not.toContain(theirs.id);
  });

  it('lists the contract-review queue with the age of each item, and counts per queue', async () => {
    const { id, position } = await place('PO-RM-QUEUE');
    const queue = await desk.get(`/work-queues/contract-review?pageSize=200&minPosition=${position}`);
    const item = queue.body.items.find((i: { orderId: string }) => i.orderId === id);
    expect(item).toMatchObject({
      queue: 'contract-review',
      accountId: 'acc-sgcc',
      since: expect.any(String),
      ageSeconds: expect.any(Number),
      details: { customerPo: 'PO-RM-QUEUE' },
    });
    const counts = await desk.get('/work-queues');
    expect(counts.body.queues.map((q: { queue: string }) => q.queue)).toEqual([
      'contract-review',
      'credit-holds',
      'invalid-configuration',
      'failed-deliveries',
      'acceptance-overdue',
    ]);
    expect(counts.body.queues[0].count).toBeGreaterThanOrEqual(1);
    const approved = await reviewer.post(`/orders/${id}/contract-review`, { decision: 'APPROVE' });
    const after = await desk.get(
      `/work-queues/contract-review?pageSize=200&minPosition=${approved.headers.get('x-global-position')}`,
    );
    expect(after.body.items.map((i: { orderId: string }) => i.orderId)).not.toContain(id);
    expect((await desk.get('/work-queues/lost-and-found')).status).toBe(404);
    expect((await logistics.get('/work-queues')).status).toBe(403);
  });

  it('lists an order with an invalid line configuration and its violations', async () => {
    const { id } = await place(
      'PO-RM-INVALID',
      {},
      { optionIds: ['CPU-I5-13500', 'MEM-64G', 'SSD-512G', 'OS-KYLIN-V10'] },
    );
    const item = await eventually(async () => {
      const queue = await desk.get('/work-queues/invalid-configuration?pageSize=200');
      const found = queue.body.items.find((i: { orderId: string }) => i.orderId === id);
      expect(found).toBeDefined();
      return found;
    });
    expect(item.details.lines[0]).toMatchObject({
      lineId: 'L1',
      violations: [expect.objectContaining({ code: 'CONFIG.REQUIRES' })],
    });
  });

  it('lists a line whose model is not in the catalog as invalid with a violation, never stuck unseen', async () => {
    const { id } = await place('PO-RM-NO-MODEL', {}, { modelId: 'NO-SUCH-MODEL', optionIds: [] });
    const item = await eventually(async () => {
      const queue = await desk.get('/work-queues/invalid-configuration?pageSize=200');
      const found = queue.body.items.find((i: { orderId: string }) => i.orderId === id);
      expect(found).toBeDefined();
      return found;
    });
    expect(item.details.lines[0].violations).toEqual([expect.objectContaining({ code: 'CONFIG.UNKNOWN_MODEL' })]);
    const order = await desk.get(`/orders/${id}`);
    expect(order.body.lines[0].configuration).toMatchObject({ status: 'INVALID' });
  });

  it('waits (bounded) for a ?minPosition= beyond the log, then answers 400 READ_MODEL.UNKNOWN_POSITION naming it', async () => {
    const head = await settled(product);
    const late = await desk.get(`/orders?minPosition=${head + 1_000_000}`);
    expect(late.status).toBe(400);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(late.body).toMatchObject({ status: 400, code: 'READ_MODEL.UNKNOWN_POSITION', errors: [{ field: 'minPosition', message: expect.any(String) }] });
    expect((await logistics.get(`/providers/me/shipments?minPosition=${head}`)).status).toBe(200);
  }, 20_000);

  it('reports each projection in /ready and its lag in /metrics', async () => {
    await settled(product);
    const ready = await product.anonymous.get('/ready');
    expect(ready.body.checks['projection:orders']).toMatchObject({
      status: 'up',
      lagEvents: 0,
      lagSeconds: 0,
    });
    expect(ready.body.checks['projection:work-queues']).toMatchObject({ status: 'up', lagEvents: 0 });
    const metrics = { body: await (await fetch(`${product.managementUrl}/metrics`)).text() };
    expect(metrics.body).toMatch(/kamflow_projection_lag_events\{projection="orders"\} 0/);
    expect(metrics.body).toMatch(/kamflow_projection_lag_seconds\{projection="work-queues"\} 0/);
    expect(metrics.body).toMatch(/kamflow_projection_position\{projection="orders"\} [1-9]/);
  });
});
