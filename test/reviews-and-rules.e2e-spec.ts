import { randomUUID } from 'node:crypto';
import { type Client, eventually, orderBody, type RunningApp, startApp } from './support/app-harness';
import { orderWhen, planShipment } from './support/flow';

/** Wuhan / Shenzhen lines (no 4-hour on-site there) for the demo accounts outside Beijing. */
function bodyFor(accountId: string, city: string, quantity: number, po: string) {
  return orderBody(
    { accountId, customerPo: po },
    {
      quantity,
      optionIds: ['CPU-I5-13500', 'MEM-16G', 'SSD-512G', 'OS-WIN11-PRO', 'WTY-3Y-PC'],
      deliveryAddress: { region: city, city, address: '高新区1号', contact: '陈工', phone: '027-1' },
    },
  );
}

describe('reviews and rules over HTTP', () => {
  let product: RunningApp;
  let desk: Client, reviewer: Client, analyst: Client, director: Client, logistics: Client, logistics2: Client;

  beforeAll(async () => {
    product = await startApp();
    [desk, reviewer, analyst, director, logistics, logistics2] = await Promise.all(
      ['desk', 'reviewer', 'analyst', 'director', 'logistics', 'logistics2'].map((u) => product.login(u)),
    );
  });
  afterAll(async () => {
    await product?.close();
  });

  async function placeAndApprove(body: object): Promise<string> {
    const placed = await desk.post('/orders', body);
    expect(placed.status).toBe(201);
    const review = await reviewer.post(`/orders/${placed.body.id}/contract-review`, { decision: 'APPROVE' });
    expect(review.status).toBe(202);
    return placed.body.id as string;
  }

  it('holds a grade C order for an analyst, who releases it with a reason', async () => {
    const orderId = await placeAndApprove(bodyFor('acc-whu', 'Wuhan', 2, 'PO-GRADE-C'));
    const held = await orderWhen(desk, orderId, (o) => expect(o.status).toBe('CREDIT_HOLD'));
    expect(held.creditReview.snapshot).toMatchObject({ grade: 'C', policyVersion: expect.any(String) });
    const noReason = await analyst.post(`/orders/${orderId}/credit-decision`, { decision: 'RELEASE' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const deskTries = await desk.post(`/orders/${orderId}/credit-decision`, { decision: 'RELEASE', reason: 'x' });
    expect(deskTries.status).toBe(403);
    const release = await analyst.post(`/orders/${orderId}/credit-decision`, {
      decision: 'RELEASE',
      reason: '学校预算已批复 budget approved',
    });
    expect(release.status).toBe(202);
    const released = await orderWhen(desk, orderId, (o) => expect(o.status).toBe('RELEASED'));
    expect(released.creditReview).toMatchObject({ status: 'RELEASED', reason: '学校预算已批复 budget approved' });
  });

  it('needs the director as second signature for a release above 120 % of the limit', async () => {
    // Grade B, limit 500,000 CNY: 120 desktops are far above 120 % of it.
    const orderId = await placeAndApprove(bodyFor('acc-szmfg', 'Shenzhen', 120, 'PO-BIG'));
    await orderWhen(desk, orderId, (o) => expect(o.status).toBe('CREDIT_HOLD'));
    const first = await analyst.post(`/orders/${orderId}/credit-decision`, { decision: 'RELEASE', reason: '战略项目 strategic deal' });
    expect(first.status).toBe(202);
    const waiting = await orderWhen(desk, orderId, (o) =>
      expect(o.creditReview.status).toBe('AWAITING_SECOND_SIGNATURE'),
    );
    expect(waiting.status).toBe('CREDIT_HOLD');
    const again = await analyst.post(`/orders/${orderId}/credit-decision`, { decision: 'RELEASE', reason: 'again' });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('CREDIT.SAME_SIGNATORY');
    const second = await director.post(`/orders/${orderId}/credit-decision`, { decision: 'RELEASE', reason: '总监批准 approved' });
    expect(second.status).toBe(202);
    const released = await orderWhen(desk, orderId, (o) => expect(o.status).toBe('RELEASED'));
    expect(released.creditReview.decidedBy).toContain('director');
  });

  it('answers an invalid configuration with every violation', async () => {
    const check = await desk.post('/configurations/validate', {
      modelId: 'TC-M70T-G4',
      optionIds: ['CPU-I5-13500', 'MEM-64G', 'SSD-512G', 'OS-KYLIN-V10', 'SW-MSOFFICE-LTSC', 'ONSITE-4H-PC'],
      channel: 'DIRECT',
      region: 'Wuhan',
    });
    expect(check.status).toBe(200);
    expect(check.body.valid).toBe(false);
    const codes = check.body.violations.map((v: any) => v.code);
    expect(codes).toEqual(expect.arrayContaining(['CONFIG.REQUIRES', 'CONFIG.EXCLUDES', 'CONFIG.REGION_RESTRICTED']));
    for (const v of check.body.violations) expect(v.optionIds.length).toBeGreaterThan(0);

    const placed = await desk.post(
      '/orders',
      orderBody({ customerPo: 'PO-INVALID' }, { optionIds: ['CPU-I5-13500', 'MEM-64G', 'SSD-512G', 'OS-KYLIN-V10'] }),
    );
    const invalid = await orderWhen(desk, placed.body.id, (o) => expect(o.lines[0].configuration.status).toBe('INVALID'));
    expect(invalid.status).toBe('UNDER_REVIEW');
    expect(invalid.lines[0].configuration.violations[0]).toMatchObject({ code: 'CONFIG.REQUIRES' });
  });

  it('cancels a released order, cancelling its planned shipment and giving back the reserved credit', async () => {
    const orderId = await placeAndApprove(orderBody({ customerPo: 'PO-CANCEL', accountId: 'acc-icbc' }, {
      deliveryAddress: { region: 'Shanghai', city: 'Shanghai', address: '浦东大道9号', contact: '周工', phone: '021-1' },
    }));
    await orderWhen(desk, orderId, (o) => expect(o.status).toBe('RELEASED'));
    const reserved = await eventually(async () => {
      const account = await desk.get('/accounts/acc-icbc');
      expect(account.body.credit.reserved.amount).toBeGreaterThan(0);
      return account.body.credit.reserved.amount as number;
    });
    const shipmentId = await planShipment(desk, orderId, [{ lineId: 'L1', quantity: 4 }]);
    const cancel = await desk.post(`/orders/${orderId}/cancel`, { reason: '客户预算取消 budget withdrawn' });
    expect(cancel.status).toBe(202);
    const cancelled = await orderWhen(desk, orderId, (o) => {
      expect(o.status).toBe('CANCELLED');
      expect(o.shipments.find((s: any) => s.id === shipmentId).status).toBe('CANCELLED');
    });
    expect(cancelled.cancellation.reason).toContain('budget');
    await eventually(async () => {
      const account = await desk.get('/accounts/acc-icbc');
      expect(account.body.credit.reserved.amount).toBe(0);
    });
    expect(reserved).toBeGreaterThan(0);
    const again = await desk.post(`/orders/${orderId}/cancel`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ORDER.NOT_CANCELLABLE');
  });

  it('changes nothing when a command is retried with the same key', async () => {
    const placed = await desk.post('/orders', orderBody({ customerPo: 'PO-KEY' }));
    const key = randomUUID();
    const first = await reviewer.post(`/orders/${placed.body.id}/contract-review`, { decision: 'APPROVE' }, { 'Idempotency-Key': key });
    const second = await reviewer.post(`/orders/${placed.body.id}/contract-review`, { decision: 'APPROVE' }, { 'Idempotency-Key': key });
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    const history = await desk.get(`/orders/${placed.body.id}/history`);
    expect(history.body.items.filter((i: any) => i.type === 'ContractApproved')).toHaveLength(1);
  });

  it('answers a stale If-Match with 412 and changes nothing', async () => {
    const placed = await desk.post('/orders', orderBody({ customerPo: 'PO-STALE' }));
    const orderId = placed.body.id as string;
    await orderWhen(desk, orderId, (o) => expect(o.revision).toBeGreaterThan(0));
    const stale = await reviewer.post(`/orders/${orderId}/contract-review`, { decision: 'APPROVE' }, { 'If-Match': '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body.code).toBe('STREAM.STALE_REVISION');
    const current = await desk.get(`/orders/${orderId}`);
    expect(current.body.contractReview.status).toBe('PENDING');
    const fresh = await reviewer.post(`/orders/${orderId}/contract-review`, { decision: 'APPROVE' }, {
      'If-Match': current.headers.get('etag')!,
    });
    expect(fresh.status).toBe(202);
  });

  it('denies a provider another provider’s shipment', async () => {
    const orderId = await placeAndApprove(orderBody({ customerPo: 'PO-PROVIDER' }));
    await orderWhen(desk, orderId, (o) => expect(o.status).toBe('RELEASED'));
    const shipmentId = await planShipment(desk, orderId, [{ lineId: 'L1', quantity: 2 }], 'lp-sf');
    await eventually(async () => expect((await logistics.get(`/shipments/${shipmentId}`)).status).toBe(200));
    const read = await logistics2.get(`/shipments/${shipmentId}`);
    expect(read.status).toBe(403);
    const report = await logistics2.post(`/shipments/${shipmentId}/status`, { status: 'READY_TO_SHIP', at: new Date().toISOString() });
    expect(report.status).toBe(403);
    expect(report.body.code).toBe('DELIVERY.NOT_ASSIGNED_PROVIDER');
    const own = await logistics.post(`/shipments/${shipmentId}/status`, { status: 'READY_TO_SHIP', at: new Date().toISOString() });
    expect(own.status).toBe(202);
  });
});
