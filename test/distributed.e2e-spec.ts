import { randomBytes } from 'node:crypto';
import { orderBody, type Client } from './support/app-harness';
import { buildIfStale, type DistributedSystem, loginAt, startDistributed } from './support/distributed';
import { deliver, orderWhen, planShipment, signReceipt, units } from './support/flow';
import { ENSURE_KAFKA_TIMEOUT_MS, ensureKafka } from './support/kafka';
import { createTestDatabase, type TestDatabase } from './support/postgres';

/**
 * The distributed mode: the relay, the seven context services and the gateway as separate processes on a
 * real Kafka broker and PostgreSQL, driven over HTTP through the gateway only.
 */
describe('the distributed mode', () => {
  let db: TestDatabase;
  let system: DistributedSystem | undefined;
  let desk: Client, reviewer: Client, logistics: Client, finance: Client;

  beforeAll(async () => {
    const [brokers, database] = await Promise.all([ensureKafka(), createTestDatabase('kamflow_dist'), buildIfStale()]);
    db = database;
    system = await startDistributed({
      databaseUrl: db.url,
      brokers,
      topicPrefix: `kd${randomBytes(3).toString('hex')}`,
    });
    [desk, reviewer, logistics, finance] = await Promise.all(
      ['desk', 'reviewer', 'logistics', 'finance'].map((u) => loginAt(system!.gatewayUrl, u)),
    );
  }, ENSURE_KAFKA_TIMEOUT_MS + 240_000);

  afterAll(async () => {
    await system?.stop();
    await db?.drop();
  }, 60_000);

  it('takes an order from placement to completion across the services', async () => {
    try {
      const placedAt = Date.now();
      const placed = await desk.post('/orders', orderBody({ customerPo: 'PO-DIST' }, { quantity: 3 }));
      expect(placed.status).toBe(201);
      const orderId = placed.body.id as string;

      const review = await reviewer.post(`/orders/${orderId}/contract-review`, { decision: 'APPROVE' });
      expect(review.status).toBe(202);
      const released = await orderWhen(desk, orderId, (o) => expect(o.status).toBe('RELEASED'), 30_000);
      console.log(`distributed: order placed → released (read model) in ${Date.now() - placedAt} ms`);
      expect(released.creditReview).toMatchObject({ status: 'APPROVED', snapshot: { grade: 'A' } });
      const unitPrice = released.lines[0].configuration.unitPrice.amount as number;
      expect(released.total).toEqual({ amount: unitPrice * 3, currency: 'CNY' });

      const first = await planShipment(desk, orderId, [{ lineId: 'L1', quantity: 2 }]);
      const second = await planShipment(desk, orderId, [{ lineId: 'L1', quantity: 1 }]);
      // A domain refusal crosses Kafka as a reply and is answered with the same problem as embedded.
      const tooMany = await desk.post(`/orders/${orderId}/shipments`, {
        providerId: 'lp-sf',
        plannedDate: orderBody().lines[0].requestedDate,
        lines: [{ lineId: 'L1', quantity: 1 }],
      });
      expect(tooMany.status).toBe(422);
      expect(tooMany.headers.get('content-type')).toContain('application/problem+json');
      expect(tooMany.body.code).toBe('ORDER.QUANTITY_EXCEEDS_ORDER');

      await deliver(logistics, first);
      await orderWhen(desk, orderId, (o) => expect(o.status).toBe('IN_FULFILMENT'), 30_000);
      await signReceipt(logistics, first, units('SN-A', 'L1', 2, [1]));

      const withReplacement = await orderWhen(
        desk,
        orderId,
        (o) => expect(o.shipments.find((s: any) => s.replacesShipmentId === first)).toBeDefined(),
        30_000,
      );
      const replacement = withReplacement.shipments.find((s: any) => s.replacesShipmentId === first).id as string;

      await deliver(logistics, second);
      await signReceipt(logistics, second, units('SN-B', 'L1', 1));
      await deliver(logistics, replacement);
      await signReceipt(logistics, replacement, units('SN-C', 'L1', 1), 4);

      const invoiced = await orderWhen(
        desk,
        orderId,
        (o) => {
          expect(o.invoices).toHaveLength(3);
          expect(o.invoices.every((i: any) => i.status === 'OPEN')).toBe(true);
        },
        30_000,
      );
      for (const invoice of invoiced.invoices) expect(invoice.amount).toEqual({ amount: unitPrice, currency: 'CNY' });

      const [a, b, c] = invoiced.invoices.map((i: any) => i.id as string);
      const over = await finance.post(`/invoices/${a}/payments`, {
        amount: { amount: unitPrice + 1, currency: 'CNY' },
        receivedAt: new Date().toISOString(),
        reference: 'BANK-000',
      });
      expect(over.status).toBe(422);
      expect(over.body.code).toBe('BILLING.OVERPAYMENT');
      for (const [id, ref] of [
        [a, 'BANK-001'],
        [b, 'BANK-002'],
        [c, 'BANK-003'],
      ] as const) {
        const paid = await finance.post(
          `/invoices/${id}/payments`,
          { amount: { amount: unitPrice, currency: 'CNY' }, receivedAt: new Date().toISOString(), reference: ref },
          { 'Idempotency-Key': `pay-${id}` },
        );
        expect(paid.status).toBe(201);
        // The same key again: answered from the command log over Kafka, nothing appended.
        const again = await finance.post(
          `/invoices/${id}/payments`,
          { amount: { amount: unitPrice, currency: 'CNY' }, receivedAt: new Date().toISOString(), reference: ref },
          { 'Idempotency-Key': `pay-${id}` },
        );
        expect(again.status).toBe(201);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
      }

      const completed = await orderWhen(desk, orderId, (o) => expect(o.status).toBe('COMPLETED'), 30_000);
      expect(completed.invoices.every((i: any) => i.status === 'PAID')).toBe(true);
      console.log(`distributed: order placed → completed in ${Date.now() - placedAt} ms`);

      const history = await desk.get(`/orders/${orderId}/history`);
      expect(history.body.items.map((i: any) => i.type)).toEqual(
        expect.arrayContaining(['OrderPlaced', 'ContractApproved', 'OrderReleased', 'AcceptanceReceiptSigned', 'InvoiceIssued', 'OrderCompleted']),
      );
    } catch (error) {
      for (const name of ['gateway', 'fulfilment', 'ordering', 'relay']) {
        console.error(`--- ${name} log (tail) ---\n${system?.logTail(name, 30)}`);
      }
      throw error;
    }
  }, 240_000);

  it('serves each process’s metrics on its management port only, never on its public one', async () => {
    const get = (url: string) => fetch(url, { signal: AbortSignal.timeout(10_000) });
    for (const name of Object.keys(system!.managementPorts)) {
      const publicPath = name === 'gateway' ? '/api/v1/metrics' : '/metrics';
      const refused = await get(`http://127.0.0.1:${system!.ports[name]}${publicPath}`);
      expect({ name, status: refused.status }).toEqual({ name, status: 404 });
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      const scrape = await get(`http://127.0.0.1:${system!.managementPorts[name]}/metrics`);
      expect({ name, status: scrape.status }).toEqual({ name, status: 200 });
      expect(await scrape.text()).toContain('kamflow_process_cpu_seconds_total');
    }
  });
});
