import { randomUUID } from 'node:crypto';
import { type Client, eventually, futureDate, orderBody, type RunningApp, startApp } from './support/app-harness';

/** HTTP edges: accounts, credit changes, catalog, shipments, acceptance receipts, invoices, provider lists. */
describe('HTTP edges', () => {
  let product: RunningApp;
  let admin: Client;
  let desk: Client;
  let reviewer: Client;
  let analyst: Client;
  let director: Client;
  let manager: Client;
  let finance: Client;
  let logistics: Client;
  let logistics2: Client;
  let commerce: Client;

  const cny = (amount: number) => ({ amount, currency: 'CNY' });
  const accountBody = (over: Record<string, unknown> = {}) => ({
    name: '武汉某高校 E2E',
    industry: 'education',
    tier: 'CORE',
    region: 'Wuhan',
    accountManager: 'manager',
    serviceModel: 'DIRECT',
    credit: { grade: 'B', limit: cny(10_000_000), paymentTermsDays: 30 },
    ...over,
  });

  beforeAll(async () => {
    product = await startApp();
    [admin, desk, reviewer, analyst, director, manager, finance, logistics, logistics2, commerce] = await Promise.all(
      ['admin', 'desk', 'reviewer', 'analyst', 'director', 'manager', 'finance', 'logistics', 'logistics2', 'commerce'].map((u) =>
        product.login(u),
      ),
    );
  });
  afterAll(async () => {
    await product?.close();
  });

  describe('accounts', () => {
    it('registers an account and answers it with its credit account', async () => {
      const created = await admin.post('/accounts', accountBody({ agents: ['湖北某代理'] }));
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(id).toMatch(/^ACC-\d{8}-[0-9A-F]{12}$/);
      expect(created.headers.get('location')).toBe(`/api/v1/accounts/${id}`);
      const view = await eventually(async () => {
        const answer = await manager.get(`/accounts/${id}`);
        expect(answer.body.credit.status).toBe('OPEN');
        return answer.body;
      });
      expect(view).toMatchObject({
        id,
        name: '武汉某高校 E2E',
        tier: 'CORE',
        agents: ['湖北某代理'],
        credit: { grade: 'B', limit: cny(10_000_000), paymentTermsDays: 30, exposure: cny(0), utilisationBp: 0, heldReviews: [] },
      });
      const list = await desk.get('/accounts?pageSize=100&q=E2E');
      expect(list.body).toMatchObject({ page: 1, pageSize: 100 });
      expect(list.body.items.map((a: { accountId: string }) => a.accountId)).toContain(id);
    });

    it('pages the account list', async () => {
      const first = await desk.get('/accounts?page=1&pageSize=2&sort=accountId');
      const second = await desk.get('/accounts?page=2&pageSize=2&sort=accountId');
      expect(first.body.items).toHaveLength(2);
      expect(first.body.total).toBeGreaterThanOrEqual(5);
      expect(second.body.items[0].accountId > first.body.items[1].accountId).toBe(true);
      expect((await desk.get('/accounts?sort=secret')).body.errors[0].field).toBe('sort');
    });

    it('shows an account manager only their own accounts', async () => {
      const other = await admin.post('/accounts', accountBody({ name: 'Other manager E2E', accountManager: 'manager2' }));
      expect((await manager.get(`/accounts/${other.body.id}`)).status).toBe(403);
      expect((await desk.get(`/accounts/${other.body.id}`)).status).toBe(200);
      const mine = await manager.get('/accounts?pageSize=200');
      expect(mine.body.items.every((a: { accountManager: string }) => a.accountManager === 'manager')).toBe(true);
    });

    it('refuses a commerce provider that is not one, and a bad body', async () => {
      const wrong = await admin.post('/accounts', accountBody({ serviceModel: 'COMMERCE_PROVIDER', commerceProviderId: 'lp-sf' }));
      expect(wrong.status).toBe(422);
      expect(wrong.body.errors).toEqual([{ field: 'commerceProviderId', message: expect.any(String) }]);
      const missing = await admin.post('/accounts', accountBody({ serviceModel: 'COMMERCE_PROVIDER' }));
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].field).toBe('commerceProviderId');
      const bad = await admin.post('/accounts', accountBody({ credit: { grade: 'D', limit: cny(1), paymentTermsDays: 400 } }));
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['credit.grade', 'credit.paymentTermsDays']);
      const fractional = await admin.post('/accounts', accountBody({ credit: { grade: 'A', limit: { amount: 1.5, currency: 'USD' }, paymentTermsDays: 30 } }));
      expect(fractional.body.errors.map((e: { field: string }) => e.field)).toEqual(['credit.limit.amount', 'credit.limit.currency']);
      expect((await desk.post('/accounts', accountBody())).status).toBe(403);
      expect((await desk.get('/accounts/acc-nope')).status).toBe(404);
    });

    it('refuses an account manager who is no user, or no account manager', async () => {
      for (const accountManager of ['nobody-here', 'desk']) {
        const refused = await admin.post('/accounts', accountBody({ accountManager }));
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ code: 'ACCOUNT.UNKNOWN_ACCOUNT_MANAGER', errors: [{ field: 'accountManager', message: expect.any(String) }] });
      }
    });
  });

  describe('credit changes', () => {
    it('goes from proposal to approval to effect', async () => {
      const proposed = await analyst.post('/accounts/acc-whu/credit-changes', { limit: cny(123_000_000), paymentTermsDays: 40, reason: '回款良好' });
      expect(proposed.status).toBe(201);
      const id = proposed.body.id as string;
      expect(id).toMatch(/^CC-/);
      expect(proposed.headers.get('location')).toBe(`/api/v1/credit-changes/${id}`);
      expect((await director.get(`/credit-changes/${id}`)).body).toMatchObject({ status: 'PROPOSED', accountId: 'acc-whu', applied: false });
      expect((await analyst.post(`/credit-changes/${id}/approve`, { reason: 'self' })).status).toBe(403);
      const approved = await director.post(`/credit-changes/${id}/approve`, { reason: '同意' }, { 'If-Match': '"0"' });
      expect(approved.status).toBe(202);
      expect(approved.body).toEqual({ id, revision: 1 });
      await eventually(async () => {
        expect((await analyst.get(`/credit-changes/${id}`)).body).toMatchObject({ status: 'APPROVED', decidedBy: 'user:director', applied: true });
        expect((await analyst.get('/accounts/acc-whu')).body.credit).toMatchObject({ limit: cny(123_000_000), paymentTermsDays: 40 });
      });
      const again = await director.post(`/credit-changes/${id}/reject`, { reason: 'too late' });
      expect(again.status).toBe(409);
    });

    it('refuses an empty change, an unknown account and a stale revision', async () => {
      const empty = await analyst.post('/accounts/acc-whu/credit-changes', { reason: 'nothing' });
      expect(empty.status).toBe(400);
      expect((await analyst.post('/accounts/acc-nope/credit-changes', { grade: 'A', reason: 'x' })).status).toBe(404);
      const proposed = await analyst.post('/accounts/acc-whu/credit-changes', { grade: 'C', reason: 'risk' });
      const stale = await director.post(`/credit-changes/${proposed.body.id}/reject`, { reason: 'no' }, { 'If-Match': '"7"' });
      expect(stale.status).toBe(412);
      const rejected = await director.post(`/credit-changes/${proposed.body.id}/reject`, { reason: 'no' });
      expect(rejected.status).toBe(202);
      expect((await desk.get(`/credit-changes/${proposed.body.id}`)).body.status).toBe('REJECTED');
    });

    it('proposes on the account revision the analyst saw (If-Match), and answers a retry its first result', async () => {
      const account = await analyst.get('/accounts/acc-whu');
      const etag = account.headers.get('etag')!;
      expect(etag).toBe(`"${account.body.revision}"`);
      const stale = await analyst.post('/accounts/acc-whu/credit-changes', { grade: 'B', reason: 'x' }, { 'If-Match': `"${account.body.revision + 5}"` });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('STREAM.STALE_REVISION');
      const key = { 'If-Match': etag, 'Idempotency-Key': `cc-${randomUUID()}` };
      const fresh = await analyst.post('/accounts/acc-whu/credit-changes', { grade: 'B', reason: 'x' }, key);
      expect(fresh.status).toBe(201);
      const again = await analyst.post('/accounts/acc-whu/credit-changes', { grade: 'B', reason: 'x' }, key);
      expect(again.body.id).toBe(fresh.body.id);
    });
  });

  describe('catalog', () => {
    it('answers the models with the options each offers', async () => {
      const catalog = await logistics.get('/catalog/models');
      expect(catalog.status).toBe(200);
      expect(catalog.body).toMatchObject({ catalogId: 'cn-key-accounts', version: 1, tierDiscountsBp: expect.any(Object) });
      for (const model of catalog.body.models) {
        for (const c of model.classes) expect(Array.isArray(c.optionIds)).toBe(true);
      }
      expect(catalog.body.options.length).toBeGreaterThan(10);
      expect((await product.anonymous.get('/catalog/models')).status).toBe(401);
    });

    it('validates and prices a configuration for an account tier, and explains an invalid one', async () => {
      const input = {
        modelId: 'TC-M70T-G4',
        optionIds: ['CPU-I5-13500', 'MEM-16G', 'SSD-512G', 'OS-KYLIN-V10'],
        channel: 'DIRECT',
        region: 'Beijing',
      };
      const ordinary = await desk.post('/configurations/validate', input);
      expect(ordinary.status).toBe(200);
      expect(ordinary.body).toMatchObject({ valid: true, violations: [], discountBp: 0, catalogVersion: 1, leadTimeDays: expect.any(Number) });
      const strategic = await desk.post('/configurations/validate', { ...input, accountId: 'acc-sgcc', quantity: 3 });
      expect(strategic.body.discountBp).toBeGreaterThan(0);
      expect(strategic.body.unitPrice.amount).toBeLessThan(ordinary.body.unitPrice.amount);
      expect(strategic.body.total).toEqual(cny(strategic.body.unitPrice.amount * 3));
      const invalid = await desk.post('/configurations/validate', { ...input, optionIds: ['CPU-I5-13500'] });
      expect(invalid.status).toBe(200);
      expect(invalid.body.valid).toBe(false);
      expect(invalid.body.violations.map((v: { code: string }) => v.code)).toContain('CONFIG.CLASS_MIN');
      const unknown = await desk.post('/configurations/validate', { ...input, accountId: 'acc-nope' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors[0].field).toBe('accountId');
      expect((await logistics.post('/configurations/validate', input)).status).toBe(403);
    });
  });

  /** Places, approves and releases an order, then plans a shipment of `units` units of line L1 with lp-sf. */
  async function releasedShipment(units: number, body = orderBody({ customerPo: `PO-${randomUUID().slice(0, 8)}` })) {
    const placed = await desk.post('/orders', body);
    expect(placed.status).toBe(201);
    const orderId = placed.body.id as string;
    await eventually(async () => {
      expect((await reviewer.post(`/orders/${orderId}/contract-review`, { decision: 'APPROVE' })).status).toBe(202);
    });
    await eventually(async () => expect((await desk.get(`/orders/${orderId}`)).body.status).toBe('RELEASED'));
    const planned = await desk.post(`/orders/${orderId}/shipments`, {
      providerId: 'lp-sf',
      plannedDate: futureDate(10),
      lines: [{ lineId: 'L1', quantity: units }],
    });
    expect(planned.status).toBe(201);
    const shipmentId = planned.body.id as string;
    await eventually(async () => expect((await desk.get(`/shipments/${shipmentId}`)).status).toBe(200));
    return { orderId, shipmentId };
  }

  async function deliver(shipmentId: string) {
    for (const status of ['READY_TO_SHIP', 'PICKED_UP', 'DISPATCHED', 'IN_TRANSIT', 'DELIVERED']) {
      const answer = await logistics.post(`/shipments/${shipmentId}/status`, { status, at: new Date().toISOString() });
      expect(answer.status).toBe(202);
    }
  }

  async function sign(shipmentId: string, units: number, receiptId = `RC-E2E-${randomUUID().slice(0, 8)}`) {
    const body = {
      units: Array.from({ length: units }, (_, i) => ({ serial: `SN-${shipmentId}-${i}`, lineId: 'L1', result: 'ACCEPTED' })),
      signatory: '李主任',
      signedAt: new Date(Date.now() + 1000).toISOString(),
      satisfaction: 5,
      receiptId,
    };
    return eventually(async () => {
      const answer = await logistics.post(`/shipments/${shipmentId}/acceptance-receipt`, body);
      if (answer.status === 409) expect(answer.body.code).toBe('ACCEPTANCE.NOT_DELIVERED');
      expect(answer.status).toBe(201);
      return answer;
    });
  }

  async function invoiceOf(orderId: string): Promise<string> {
    return eventually(async () => {
      const order = await desk.get(`/orders/${orderId}`);
      const invoice = order.body.invoices.find((i: { status: string }) => i.status !== 'ISSUING');
      expect(invoice).toBeDefined();
      return invoice.id as string;
    });
  }

  describe('shipments, receipts and invoices', () => {
    it('walks a shipment from planned to signed, invoiced and paid', async () => {
      const { orderId, shipmentId } = await releasedShipment(2);
      const seen = await logistics.get(`/shipments/${shipmentId}`);
      expect(seen.body).toMatchObject({ id: shipmentId, orderId, providerId: 'lp-sf', status: 'PLANNED', nextStep: 'CONFIRM_READY', inspection: null });
      expect(seen.headers.get('etag')).toBe(`"${seen.body.revision}"`);

      const other = await logistics2.get(`/shipments/${shipmentId}`);
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('DELIVERY.NOT_ASSIGNED_PROVIDER');
      expect((await logistics2.get('/shipments/SH-NOPE')).body.code).toBe('DELIVERY.NOT_ASSIGNED_PROVIDER');
      expect((await logistics2.post(`/shipments/${shipmentId}/status`, { status: 'READY_TO_SHIP', at: new Date().toISOString() })).status).toBe(403);
      expect((await admin.post(`/shipments/${shipmentId}/status`, { status: 'READY_TO_SHIP', at: new Date().toISOString() })).status).toBe(403);
      const noDate = await logistics.post(`/shipments/${shipmentId}/status`, { status: 'READY_TO_SHIP', at: '2026-12-01' });
      expect(noDate.body.errors[0].field).toBe('at');
      const noReason = await logistics.post(`/shipments/${shipmentId}/status`, { status: 'FAILED', at: new Date().toISOString() });
      expect(noReason.body.errors[0].field).toBe('note');

      const todo = await logistics.get('/providers/me/shipments?status=PLANNED&pageSize=200');
      expect(todo.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: shipmentId, orderId, nextStep: 'CONFIRM_READY' })]));
      expect((await logistics2.get('/providers/me/shipments?pageSize=200')).body.items.map((s: { id: string }) => s.id)).not.toContain(shipmentId);

      await deliver(shipmentId);
      const delivered0 = await logistics.get(`/shipments/${shipmentId}`);
      const staleReceipt = await logistics.post(
        `/shipments/${shipmentId}/acceptance-receipt`,
        { units: [{ serial: 'SN-STALE', lineId: 'L1', result: 'ACCEPTED' }], signatory: '李主任', signedAt: new Date().toISOString(), satisfaction: 5 },
        { 'If-Match': `"${delivered0.body.revision - 1}"` },
      );
      expect(staleReceipt.status).toBe(412);
      expect(staleReceipt.body.code).toBe('STREAM.STALE_REVISION');
      const minusOne = await logistics.post(
        `/shipments/${shipmentId}/acceptance-receipt`,
        { units: [{ serial: 'SN-STALE', lineId: 'L1', result: 'ACCEPTED' }], signatory: '李主任', signedAt: new Date().toISOString(), satisfaction: 5 },
        { 'If-Match': '"-1"' },
      );
      expect(minusOne.status).toBe(412);
      const signed = await sign(shipmentId, 2);
      expect(signed.headers.get('location')).toBe(`/api/v1/shipments/${shipmentId}/acceptance-receipt`);
      expect(signed.body).toMatchObject({ id: expect.stringMatching(/^RC-E2E-/), shipmentId });
      const receipt = await desk.get(`/shipments/${shipmentId}/acceptance-receipt`);
      expect(receipt.body).toMatchObject({ receiptId: signed.body.id, acceptedUnits: 2, rejectedUnits: 0, satisfaction: 5 });
      const done = await logistics.get(`/shipments/${shipmentId}`);
      expect(done.body).toMatchObject({ status: 'DELIVERED', nextStep: 'NONE', inspection: { status: 'SIGNED' } });
      const delivered = await logistics.get('/providers/me/shipments?status=DELIVERED&pageSize=200');
      expect(delivered.body.items.map((s: { id: string }) => s.id)).toContain(shipmentId);

      const invoiceId = await invoiceOf(orderId);
      const invoice = await finance.get(`/invoices/${invoiceId}`);
      expect(invoice.body).toMatchObject({ id: invoiceId, orderId, status: 'OPEN', dunningLevel: 0, payments: [] });
      const total = invoice.body.amount.amount as number;
      expect((await commerce.get(`/invoices/${invoiceId}`)).body.code).toBe('BILLING.NOT_INVOICE_PROVIDER');
      expect((await commerce.post(`/invoices/${invoiceId}/payments`, { amount: cny(1), receivedAt: new Date().toISOString(), reference: 'X' })).status).toBe(403);
      expect((await finance.post(`/invoices/${invoiceId}/payments`, { amount: cny(0), receivedAt: new Date().toISOString(), reference: 'X' })).body.errors[0].field).toBe('amount.amount');

      const partial = await finance.post(`/invoices/${invoiceId}/payments`, { amount: cny(100), receivedAt: new Date().toISOString(), reference: 'BANK-1' });
      expect(partial.status).toBe(201);
      expect(partial.headers.get('location')).toBe(`/api/v1/invoices/${invoiceId}`);
      expect(partial.body).toMatchObject({ id: expect.stringMatching(/^PAY-/), invoiceId });
      const over = await finance.post(`/invoices/${invoiceId}/payments`, { amount: cny(total), receivedAt: new Date().toISOString(), reference: 'BANK-2' });
      expect(over.status).toBe(422);
      const rest = await finance.post(`/invoices/${invoiceId}/payments`, { amount: cny(total - 100), receivedAt: new Date().toISOString(), reference: 'BANK-3', paymentId: 'PAY-E2E-REST' });
      expect(rest.body.id).toBe('PAY-E2E-REST');
      const paid = await desk.get(`/invoices/${invoiceId}`);
      expect(paid.body).toMatchObject({ status: 'PAID', outstanding: cny(0), paid: cny(total) });
      expect(paid.body.payments.map((p: { reference: string }) => p.reference)).toEqual(['BANK-1', 'BANK-3']);
    });

    it('lets the desk reschedule and reassign, and the new provider take over', async () => {
      const { shipmentId } = await releasedShipment(1);
      const moved = await desk.post(`/shipments/${shipmentId}/reschedule`, { plannedDate: futureDate(20), reason: '客户要求' });
      expect(moved.status).toBe(202);
      expect((await desk.get(`/shipments/${shipmentId}`)).body.plannedDate).toBe(futureDate(20));
      const wrong = await desk.post(`/shipments/${shipmentId}/reassign`, { providerId: 'cp-dc', reason: 'x' });
      expect(wrong.status).toBe(422);
      expect(wrong.body.errors[0].field).toBe('providerId');
      expect((await desk.post(`/shipments/${shipmentId}/reassign`, { providerId: 'lp-jd', reason: '运力' })).status).toBe(202);
      expect((await logistics.get(`/shipments/${shipmentId}`)).status).toBe(403);
      expect((await logistics2.get(`/shipments/${shipmentId}`)).body).toMatchObject({ providerId: 'lp-jd', nextStep: 'CONFIRM_READY' });
      const mine = await logistics2.get('/providers/me/shipments?nextStep=CONFIRM_READY&pageSize=200');
      expect(mine.body.items.map((s: { id: string }) => s.id)).toContain(shipmentId);
    });

    it('refuses a receipt before the shipment is delivered, and one from another provider', async () => {
      const { shipmentId } = await releasedShipment(1);
      const early = await logistics.post(`/shipments/${shipmentId}/acceptance-receipt`, {
        units: [{ serial: 'SN-1', lineId: 'L1', result: 'ACCEPTED' }],
        signatory: '李主任',
        signedAt: new Date().toISOString(),
        satisfaction: 4,
      });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('ACCEPTANCE.NOT_DELIVERED');
      const foreign = await logistics2.post(`/shipments/${shipmentId}/acceptance-receipt`, {
        units: [{ serial: 'SN-1', lineId: 'L1', result: 'REJECTED' }],
        signatory: '李主任',
        signedAt: new Date().toISOString(),
        satisfaction: 9,
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors.map((e: { field: string }) => e.field)).toEqual(['units[0].defect', 'satisfaction']);
      const valid = { units: [{ serial: 'SN-1', lineId: 'L1', result: 'ACCEPTED' }], signatory: 'x', signedAt: new Date().toISOString(), satisfaction: 3 };
      const notYours = await logistics2.post(`/shipments/${shipmentId}/acceptance-receipt`, valid);
      expect(notYours.status).toBe(403);
      expect(notYours.body.code).toBe('ACCEPTANCE.NOT_ASSIGNED_PROVIDER');
    });

    it('lets the commerce provider of an invoice record a payment on it', async () => {
      const body = orderBody(
        { accountId: 'acc-gdtel', channel: 'COMMERCE_PROVIDER', customerPo: `PO-CP-${randomUUID().slice(0, 8)}` },
        {
          modelId: 'TC-M90T-G4',
          optionIds: ['CPU-I7-13700', 'MEM-64G', 'SSD-1T', 'HDD-1T', 'OS-WIN11-PRO', 'WTY-3Y-PC', 'KYD-3Y'],
          quantity: 2,
          deliveryAddress: { region: 'Guangdong', city: 'Guangzhou', address: '天河路1号', contact: '陈工', phone: '020-1234' },
        },
      );
      const { orderId, shipmentId } = await releasedShipment(2, body);
      await deliver(shipmentId);
      await sign(shipmentId, 2);
      const invoiceId = await invoiceOf(orderId);
      const seen = await commerce.get(`/invoices/${invoiceId}`);
      expect(seen.body).toMatchObject({ commerceProviderId: 'cp-dc', channel: 'COMMERCE_PROVIDER', status: 'OPEN' });
      const paid = await commerce.post(`/invoices/${invoiceId}/payments`, { amount: cny(5_000), receivedAt: new Date().toISOString(), reference: 'DC-001' });
      expect(paid.status).toBe(201);
      const again = await commerce.post(`/invoices/${invoiceId}/payments`, { amount: cny(5_000), receivedAt: new Date().toISOString(), reference: 'DC-001' });
      expect(again.status).toBe(201);
      expect(again.body.revision).toBe(paid.body.revision);
      const after = await finance.get(`/invoices/${invoiceId}`);
      expect(after.body.payments).toHaveLength(1);
      expect(after.body.paid).toEqual(cny(5_000));
      expect((await manager.get(`/accounts/acc-gdtel`)).body.credit.receivable.amount).toBeGreaterThan(0);
    });
  });
});
