import { type Client, orderBody, type RunningApp, startApp } from './support/app-harness';
import { deliver, orderWhen, planShipment, signReceipt, units } from './support/flow';

describe('an order from placement to completion', () => {
  let product: RunningApp;
  let desk: Client, reviewer: Client, logistics: Client, finance: Client;

  beforeAll(async () => {
    product = await startApp();
    [desk, reviewer, logistics, finance] = await Promise.all(
      ['desk', 'reviewer', 'logistics', 'finance'].map((u) => product.login(u)),
    );
  });
  afterAll(async () => {
    await product?.close();
  });

  it('is split over two deliveries, replaces a rejected unit, and completes when every invoice is paid', async () => {
    const placed = await desk.post('/orders', orderBody({ customerPo: 'PO-HAPPY' }, { quantity: 3 }));
    expect(placed.status).toBe(201);
    const orderId = placed.body.id as string;

    const review = await reviewer.post(`/orders/${orderId}/contract-review`, { decision: 'APPROVE' });
    expect(review.status).toBe(202);
    const released = await orderWhen(desk, orderId, (o) => expect(o.status).toBe('RELEASED'));
    expect(released.creditReview).toMatchObject({ status: 'APPROVED', snapshot: { grade: 'A' } });
    expect(released.lines[0].promisedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const unitPrice = released.lines[0].configuration.unitPrice.amount as number;
    expect(released.total).toEqual({ amount: unitPrice * 3, currency: 'CNY' });

    // Split delivery: two units now, one later.
    const first = await planShipment(desk, orderId, [{ lineId: 'L1', quantity: 2 }]);
    const second = await planShipment(desk, orderId, [{ lineId: 'L1', quantity: 1 }]);
    const tooMany = await desk.post(`/orders/${orderId}/shipments`, {
      providerId: 'lp-sf',
      plannedDate: orderBody().lines[0].requestedDate,
      lines: [{ lineId: 'L1', quantity: 1 }],
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.code).toBe('ORDER.QUANTITY_EXCEEDS_ORDER');

    await deliver(logistics, first);
    await orderWhen(desk, orderId, (o) => expect(o.status).toBe('IN_FULFILMENT'));
    await signReceipt(logistics, first, units('SN-A', 'L1', 2, [1]));

    // The rejected unit gets a replacement shipment automatically.
    const withReplacement = await orderWhen(desk, orderId, (o) =>
      expect(o.shipments.find((s: any) => s.replacesShipmentId === first)).toBeDefined(),
    );
    const replacement = withReplacement.shipments.find((s: any) => s.replacesShipmentId === first).id as string;
    expect(withReplacement.shipments.find((s: any) => s.id === replacement).lines).toEqual([{ lineId: 'L1', quantity: 1 }]);

    await deliver(logistics, second);
    await signReceipt(logistics, second, units('SN-B', 'L1', 1));
    await deliver(logistics, replacement);
    await signReceipt(logistics, replacement, units('SN-C', 'L1', 1), 4);

    const invoiced = await orderWhen(desk, orderId, (o) => {
      expect(o.invoices).toHaveLength(3);
      expect(o.invoices.every((i: any) => i.status === 'OPEN')).toBe(true);
    });
    expect(invoiced.acceptanceReceipts).toHaveLength(3);
    for (const invoice of invoiced.invoices) expect(invoice.amount).toEqual({ amount: unitPrice, currency: 'CNY' });

    // A partial payment, then the rest; the other invoices in full.
    const [a, b, c] = invoiced.invoices.map((i: any) => i.id as string);
    const partial = await finance.post(`/invoices/${a}/payments`, {
      amount: { amount: 1000, currency: 'CNY' },
      receivedAt: new Date().toISOString(),
      reference: 'BANK-001',
    });
    expect(partial.status).toBe(201);
    const over = await finance.post(`/invoices/${a}/payments`, {
      amount: { amount: unitPrice, currency: 'CNY' },
      receivedAt: new Date().toISOString(),
      reference: 'BANK-002',
    });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('BILLING.OVERPAYMENT');
    for (const [id, amount, ref] of [
      [a, unitPrice - 1000, 'BANK-003'],
      [b, unitPrice, 'BANK-004'],
      [c, unitPrice, 'BANK-005'],
    ] as const) {
      const paid = await finance.post(`/invoices/${id}/payments`, {
        amount: { amount, currency: 'CNY' },
        receivedAt: new Date().toISOString(),
        reference: ref,
      });
      expect(paid.status).toBe(201);
    }

    const completed = await orderWhen(desk, orderId, (o) => expect(o.status).toBe('COMPLETED'));
    expect(completed.invoices.every((i: any) => i.status === 'PAID')).toBe(true);
    expect(completed.invoices.find((i: any) => i.id === a).payments).toHaveLength(2);

    const history = await desk.get(`/orders/${orderId}/history`);
    const types = history.body.items.map((i: any) => i.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'OrderPlaced',
        'ContractApproved',
        'OrderReleased',
        'ShipmentDelivered',
        'AcceptanceReceiptSigned',
        'ReplacementRequested',
        'InvoiceIssued',
        'PaymentRecorded',
        'OrderCompleted',
      ]),
    );
    expect(history.body.items.find((i: any) => i.type === 'AcceptanceReceiptSigned').actor).toBe('user:logistics');
  });
});
