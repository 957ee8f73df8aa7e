import {
  type Client,
  eventually,
  orderBody,
  type RunningApp,
  settled,
  startApp,
} from './support/app-harness';
import { deliver, orderWhen, planShipment, signReceipt, units } from './support/flow';

describe('account dashboards, ranking and finance over HTTP', () => {
  let product: RunningApp;
  let admin: Client,
    desk: Client,
    reviewer: Client,
    manager: Client,
    finance: Client,
    logistics: Client,
    logistics2: Client;
  let paidInvoice: string, openInvoice: string, paidAmount: number, openAmount: number;
  let otherAccount: string;

  /** Places an order of `quantity` units, delivers and signs it: one invoice for acc-sgcc. */
  async function invoicedOrder(po: string, quantity: number, satisfaction: number) {
    const placed = await desk.post('/orders', orderBody({ customerPo: po }, { quantity }));
    expect(placed.status).toBe(201);
    const id = placed.body.id as string;
    expect((await reviewer.post(`/orders/${id}/contract-review`, { decision: 'APPROVE' })).status).toBe(202);
    await orderWhen(desk, id, (o) => expect(o.status).toBe('RELEASED'));
    const shipment = await planShipment(desk, id, [{ lineId: 'L1', quantity }]);
    await deliver(logistics, shipment);
    await signReceipt(logistics, shipment, units(po, 'L1', quantity), satisfaction);
    const order = await orderWhen(desk, id, (o) => expect(o.invoices).toHaveLength(1));
    return { orderId: id, invoice: order.invoices[0] as { id: string; amount: { amount: number } } };
  }

  /** The CSV body as bytes (fetch's text() drops the BOM), decoded keeping it. */
  async function csvBytes(client: Client, path: string) {
    const response = await fetch(`${product.baseUrl}/api/v1${path}`, {
      headers: { authorization: `Bearer ${client.token}`, accept: 'text/csv' },
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { response, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  }

  beforeAll(async () => {
    product = await startApp();
    [admin, desk, reviewer, manager, finance, logistics, logistics2] = await Promise.all(
      ['admin', 'desk', 'reviewer', 'manager', 'finance', 'logistics', 'logistics2'].map((u) =>
        product.login(u),
      ),
    );
    const paid = await invoicedOrder('PO-FIN-PAID', 2, 5);
    const open = await invoicedOrder('PO-FIN-OPEN', 1, 3);
    [paidInvoice, paidAmount] = [paid.invoice.id, paid.invoice.amount.amount];
    [openInvoice, openAmount] = [open.invoice.id, open.invoice.amount.amount];
    const payment = await finance.post(`/invoices/${paidInvoice}/payments`, {
      amount: { amount: paidAmount, currency: 'CNY' },
      receivedAt: new Date().toISOString(),
      reference: 'BANK-FIN-1',
    });
    expect(payment.status).toBe(201);
    const registered = await admin.post('/accounts', {
      name: '武汉大学, 后勤 "集团"',
      industry: 'education',
      tier: 'ORDINARY',
      region: 'Wuhan',
      accountManager: 'manager2',
      serviceModel: 'DIRECT',
      credit: { grade: 'B', limit: { amount: 50_000_000, currency: 'CNY' }, paymentTermsDays: 30 },
    });
    expect(registered.status).toBe(201);
    otherAccount = registered.body.id;
    await orderWhen(desk, paid.orderId, (o) => expect(o.status).toBe('COMPLETED'));
    await settled(product);
  }, 180_000);
  afterAll(async () => {
    await product?.close();
  });

  it('shows the account manager the dashboard of their account', async () => {
    const answer = await manager.get('/accounts/acc-sgcc/dashboard');
    expect(answer.status).toBe(200);
    const d = answer.body;
    expect(d).toMatchObject({ accountId: 'acc-sgcc', accountManager: 'manager', tier: expect.any(String) });
    expect(d.credit).toMatchObject({
      grade: expect.any(String),
      receivable: { amount: openAmount, currency: 'CNY' },
    });
    expect(d.credit.exposure.amount).toBe(d.credit.reserved.amount + d.credit.receivable.amount);
    expect(d.lifetimeValue).toEqual({ amount: paidAmount, currency: 'CNY' });
    const stages = Object.fromEntries(d.ordersByStage.map((s: any) => [s.status, s]));
    expect(stages.COMPLETED.count).toBe(1);
    expect(stages.IN_FULFILMENT).toMatchObject({ count: 1, oldestAgeSeconds: expect.any(Number) });
    expect(d.openOrders.map((o: any) => o.customerPo)).toEqual(['PO-FIN-OPEN']);
    expect(d.openOrders[0].lines[0]).toMatchObject({
      requestedDate: expect.any(String),
      promisedDate: expect.any(String),
    });
    expect(d.recentActivity).toHaveLength(20);
    expect(d.recentActivity.map((e: any) => e.type)).toContain('InvoicePaid');
    expect(d.recentActivity[0].position).toBeGreaterThan(d.recentActivity[19].position);
  });

  it('forbids an account manager the dashboard of an account they do not manage; staff see it', async () => {
    expect((await manager.get(`/accounts/${otherAccount}/dashboard`)).status).toBe(403);
    const staff = await eventually(async () => {
      const a = await desk.get(`/accounts/${otherAccount}/dashboard`);
      expect(a.status).toBe(200);
      return a.body;
    });
    expect(staff).toMatchObject({ name: '武汉大学, 后勤 "集团"', lifetimeValue: { amount: 0 } });
    expect((await desk.get('/accounts/acc-nope/dashboard')).status).toBe(404);
  });

  it('ranks accounts by invoiced revenue with the 80/20 flag, not taken for an account id', async () => {
    const ranking = await manager.get('/accounts/ranking');
    expect(ranking.status).toBe(200);
    expect(ranking.body).toMatchObject({ basis: 'INVOICED', revenue: { amount: paidAmount + openAmount } });
    const [top] = ranking.body.items;
    expect(top).toMatchObject({ rank: 1, accountId: 'acc-sgcc', share: 1, cumulativeShare: 1, aClass: true });
    expect(ranking.body.items.slice(1).every((a: any) => !a.aClass && a.revenue.amount === 0)).toBe(true);
    expect(ranking.body.items.map((a: any) => a.accountId)).not.toContain(otherAccount);
    const all = await admin.get('/accounts/ranking?pageSize=2&page=1');
    expect(all.body.total).toBe(ranking.body.total + 1);
    expect(all.body.items).toHaveLength(2);
    expect((await admin.get('/accounts/ranking?to=2000-01-01')).body.revenue.amount).toBe(0);
  });

  it('keeps the finance reports from admin: 403 problem+json, as JSON and as CSV', async () => {
    for (const path of ['receivables', 'collections', 'credit-exposure', 'provider-statements']) {
      for (const accept of ['application/json', 'text/csv']) {
        const refused = await admin.get(`/finance/${path}`, { accept });
        expect({ path, accept, status: refused.status }).toEqual({ path, accept, status: 403 });
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
        expect(refused.body).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });
      }
    }
  });

  it('lists receivables with aging buckets and totals, filtered, and as CSV', async () => {
    expect((await manager.get('/finance/receivables')).status).toBe(403);
    const open = await finance.get('/finance/receivables');
    expect(open.body.items.map((r: any) => r.invoiceId)).toEqual([openInvoice]);
    expect(open.body.items[0]).toMatchObject({ accountId: 'acc-sgcc', bucket: 'current', daysOverdue: 0 });
    const late = await finance.get('/finance/receivables?asOf=2099-01-01&bucket=90%2B');
    expect(late.body).toMatchObject({ total: 1, items: [{ invoiceId: openInvoice, bucket: '90+' }] });
    expect(late.body.totals.find((t: any) => t.bucket === '90+')).toMatchObject({
      count: 1,
      outstanding: { amount: openAmount },
    });
    const all = await finance.get('/finance/receivables?status=ALL&sort=-amount&pageSize=1');
    expect(all.body).toMatchObject({
      total: 2,
      pageSize: 1,
      items: [{ invoiceId: paidInvoice, status: 'PAID' }],
    });
    expect((await finance.get('/finance/receivables?accountId=acc-icbc')).body.total).toBe(0);
    const { response, bytes, text } = await csvBytes(finance, '/finance/receivables?status=ALL');
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="receivables-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toContain('amount_yuan,amount_fen');
    expect(lines).toHaveLength(3);
    expect(text).toContain(`${(paidAmount / 100).toFixed(2)},${paidAmount}`);
  });

  it('lists collections, credit exposure and provider statements; a provider sees only its own', async () => {
    const collections = await finance.get('/finance/collections');
    expect(collections.body.items).toEqual([
      expect.objectContaining({ invoiceId: paidInvoice, reference: 'BANK-FIN-1' }),
    ]);
    expect((await finance.get('/finance/collections?to=2000-01-01')).body.total).toBe(0);
    const exposure = await finance.get('/finance/credit-exposure?sort=-receivable');
    expect(exposure.body.items[0]).toMatchObject({
      accountId: 'acc-sgcc',
      receivable: { amount: openAmount },
    });
    const exposureCsv = await finance.get('/finance/credit-exposure', { accept: 'text/csv' });
    expect(exposureCsv.body).toContain('武汉大学');
    expect(exposureCsv.body).toContain('"武汉大学, 后勤 ""集团"""');
    const month = new Date().toISOString().slice(0, 7);
    const statements = await finance.get(`/finance/provider-statements?month=${month}`);
    expect(statements.body.items).toEqual([
      expect.objectContaining({ providerId: 'lp-sf', month, jobs: 2, units: 3, averageSatisfaction: 4 }),
    ]);
    expect(statements.body.items[0].fee.amount).toBeGreaterThan(0);
    expect(
      (await logistics.get('/finance/provider-statements')).body.items.map((s: any) => s.providerId),
    ).toEqual(['lp-sf']);
    expect((await logistics2.get('/finance/provider-statements?providerId=lp-sf')).body.total).toBe(0);
    const csv = await csvBytes(logistics, '/finance/provider-statements');
    expect(csv.text.split('\r\n')[0]).toBe(
      '\uFEFFprovider_id,provider_name,month,jobs,units,average_satisfaction,fee_yuan,fee_fen,currency',
    );
    expect((await manager.get('/finance/provider-statements')).status).toBe(403);
  });
  it('charts the last 12 months of invoiced and collected revenue, a month without revenue as zeros', async () => {
    const now = new Date();
    const months = Array.from({ length: 12 }, (_, i) =>
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + i, 1)).toISOString().slice(0, 7),
    );
    const earlier = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const partial = await finance.post(`/invoices/${openInvoice}/payments`, {
      amount: { amount: 100, currency: 'CNY' },
      receivedAt: earlier,
      reference: 'BANK-FIN-EARLIER',
    });
    expect(partial.status).toBe(201);
    const invoices = (await finance.get('/finance/receivables?status=ALL&accountId=acc-sgcc')).body.items;
    const payments = (await finance.get('/finance/collections')).body.items;
    expect(invoices).toHaveLength(2);
    expect(payments).toHaveLength(2);
    const sumBy = (rows: any[], at: string, get: (r: any) => number) => (month: string) =>
      rows.filter((r) => r[at].slice(0, 7) === month).reduce((n, r) => n + get(r), 0);
    const invoicedIn = sumBy(invoices, 'issuedAt', (r) => r.amount.amount);
    const collectedIn = sumBy(payments, 'receivedAt', (r) => r.amount.amount);

    const d = await eventually(async () => {
      const answer = await manager.get('/accounts/acc-sgcc/dashboard');
      expect(answer.status).toBe(200);
      expect(answer.body.outstanding.amount).toBe(openAmount - 100);
      return answer.body;
    });
    expect(d.revenueByMonth.map((m: any) => m.month)).toEqual(months);
    expect(d.revenueByMonth).toEqual(
      months.map((month) => ({
        month,
        invoiced: { amount: invoicedIn(month), currency: 'CNY' },
        collected: { amount: collectedIn(month), currency: 'CNY' },
      })),
    );
    const total = (key: 'invoiced' | 'collected') =>
      d.revenueByMonth.reduce((n: number, m: any) => n + m[key].amount, 0);
    expect(total('invoiced')).toBe(paidAmount + openAmount);
    expect(total('collected')).toBe(paidAmount + 100);
    const month = (m: string) => d.revenueByMonth.find((r: any) => r.month === m);
    expect(month(earlier.slice(0, 7)).collected.amount).toBe(100);
    const quiet = months.filter((m) => invoicedIn(m) === 0 && collectedIn(m) === 0);
    expect(quiet.length).toBeGreaterThanOrEqual(10);

    const empty = (await desk.get(`/accounts/${otherAccount}/dashboard`)).body;
    expect(empty.revenueByMonth).toHaveLength(12);
    const zero = { amount: 0, currency: 'CNY' };
    expect(empty.revenueByMonth).toEqual(months.map((month) => ({ month, invoiced: zero, collected: zero })));
  });
  it('lists the registered providers for staff, by kind', async () => {
    const all = await desk.get('/providers');
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual([
      { providerId: 'cp-dc', name: '神州数码 Digital China', kind: 'COMMERCE', regions: expect.any(Array) },
      { providerId: 'lp-jd', name: '京东物流 JD Logistics', kind: 'LOGISTICS', regions: expect.any(Array) },
      { providerId: 'lp-sf', name: '顺丰速运 SF Express', kind: 'LOGISTICS', regions: expect.any(Array) },
    ]);
    expect(all.body.items[2].regions).toContain('Wuhan');
    expect(all.body.items[1].regions).not.toContain('Wuhan');
    const logisticsOnly = await admin.get('/providers?kind=LOGISTICS');
    expect(logisticsOnly.body).toMatchObject({ total: 2 });
    expect(logisticsOnly.body.items.map((p: any) => p.providerId)).toEqual(['lp-jd', 'lp-sf']);
    expect((await desk.get('/providers?kind=PARTNER')).status).toBe(400);
    expect((await logistics.get('/providers')).status).toBe(403);
    expect((await product.anonymous.get('/providers')).status).toBe(401);
  });
});
