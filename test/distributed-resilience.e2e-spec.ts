import { randomBytes } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { futureDate, orderBody, type Client } from './support/app-harness';
import { buildIfStale, type DistributedSystem, loginAt, startDistributed } from './support/distributed';
import { ENSURE_KAFKA_TIMEOUT_MS, ensureKafka } from './support/kafka';
import { createTestDatabase, type TestDatabase } from './support/postgres';
import { getWhen, percentile, postUntil } from './support/resilience';

const BURST = 10;
/** The consumer service killed (with the relay) in the middle of the burst. */
const VICTIM = 'billing';

/**
 * The distributed mode with the public-event publisher and the provider simulator (lp-sf) as processes of
 * their own: the simulator reads `<prefix>.public.logistics.v1` and reports every status and signs every
 * receipt over the HTTP API; the test only places, approves, plans and pays. Then a burst of orders while
 * the relay and a consumer service are SIGKILLed and restarted: every order completes, nothing is doubled.
 */
describe('the distributed mode with the provider simulator, under process failures', () => {
  let db: TestDatabase;
  let system: DistributedSystem | undefined;
  let desk: Client, reviewer: Client, finance: Client;
  const prefix = `kr${randomBytes(3).toString('hex')}`;

  const dumpLogs = () => {
    for (const name of ['gateway', 'fulfilment', 'billing', 'relay', 'publisher', 'simulator']) {
      console.error(`--- ${name} log (tail) ---\n${system?.logTail(name, 30)}`);
    }
  };

  beforeAll(async () => {
    const [brokers, database] = await Promise.all([ensureKafka(), createTestDatabase('kamflow_res'), buildIfStale()]);
    db = database;
    system = await startDistributed({ databaseUrl: db.url, brokers, topicPrefix: prefix, timeoutMs: 120_000 });
    await system.launchExtra({
      name: 'publisher',
      entry: 'dist/libs/infrastructure/src/contracts/public-event-publisher.main.js',
      health: '/health',
    });
    await system.launchExtra({
      name: 'simulator',
      entry: 'dist/apps/provider-simulator/src/main.js',
      env: {
        PROVIDER_ID: 'lp-sf',
        API_URL: `${system.gatewayUrl}/api/v1`,
        PROVIDER_USERNAME: 'logistics',
        PROVIDER_PASSWORD: 'demo123',
        SIM_GROUP_ID: `${prefix}.provider-simulator-lp-sf`,
        SIM_MAX_ATTEMPTS: '200',
      },
      readyLog: /provider simulator running/,
    });
    [desk, reviewer, finance] = await Promise.all(['desk', 'reviewer', 'finance'].map((u) => loginAt(system!.gatewayUrl, u)));
  }, ENSURE_KAFKA_TIMEOUT_MS + 300_000);

  afterAll(async () => {
    await system?.stop();
    await db?.drop();
  }, 60_000);

  /** Places, approves, plans one shipment of one unit; the simulator delivers and signs; pays; returns the timings. */
  async function orderToCash(key: string, quantity = 1, progress?: { placed(): void; released(): void; invoiced(): void }) {
    const placedAt = Date.now();
    const placed = await postUntil(desk, '/orders', orderBody({ customerPo: `PO-${key}` }, { quantity }), `${key}-place`, 201);
    const orderId = placed.body.id as string;
    progress?.placed();
    await postUntil(reviewer, `/orders/${orderId}/contract-review`, { decision: 'APPROVE' }, `${key}-review`, 202);
    await getWhen(desk, `/orders/${orderId}`, (o) => expect(o.status).toBe('RELEASED'), 120_000, 100);
    const releasedMs = Date.now() - placedAt;
    progress?.released();
    const planned = await postUntil(
      desk,
      `/orders/${orderId}/shipments`,
      { providerId: 'lp-sf', plannedDate: futureDate(3), lines: [{ lineId: 'L1', quantity }] },
      `${key}-ship`,
      201,
    );
    const shipmentId = planned.body.id as string;
    // The simulator (not the test) reports every status and signs the receipt; billing then invoices.
    const invoiced = await getWhen(
      desk,
      `/orders/${orderId}`,
      (o) => {
        expect(o.invoices).toHaveLength(1);
        expect(o.invoices[0].status).toBe('OPEN');
      },
      150_000,
      250,
    );
    const invoice = invoiced.invoices[0];
    progress?.invoiced();
    const reference = `BANK-${key}`;
    await postUntil(
      finance,
      `/invoices/${invoice.id}/payments`,
      { amount: invoice.amount, receivedAt: new Date().toISOString(), reference },
      `${key}-pay`,
      201,
    );
    const completed = await getWhen(desk, `/orders/${orderId}`, (o) => expect(o.status).toBe('COMPLETED'), 120_000, 250);
    return { orderId, shipmentId, invoiceId: invoice.id as string, reference, releasedMs, completedMs: Date.now() - placedAt, completed };
  }

  it('completes an order whose logistics the simulator reports over Kafka and HTTP', async () => {
    try {
      const run = await orderToCash(`${prefix}-single`, 2);
      expect(run.completed.shipments).toHaveLength(1);
      expect(run.completed.shipments[0].id).toBe(run.shipmentId);
      expect(run.completed.invoices).toEqual([expect.objectContaining({ id: run.invoiceId, status: 'PAID' })]);
      const history = await desk.get(`/orders/${run.orderId}/history`);
      expect(history.body.items.map((i: any) => i.type)).toEqual(
        expect.arrayContaining(['OrderPlaced', 'OrderReleased', 'ShipmentDelivered', 'AcceptanceReceiptSigned', 'InvoiceIssued', 'OrderCompleted']),
      );
      // The statuses and the receipt came from the simulator, not from this test.
      expect(system!.logTail('simulator', 200)).toContain(run.shipmentId);
      console.log(`resilience: single order with the simulator: released in ${run.releasedMs} ms, completed in ${run.completedMs} ms`);
    } catch (error) {
      dumpLogs();
      throw error;
    }
  }, 240_000);

  it(`completes a burst of ${BURST} orders exactly once while the relay and ${VICTIM} are SIGKILLed and restarted`, async () => {
    const started = Date.now();
    try {
      let placed = 0;
      let released = 0;
      let invoiced = 0;
      let startOutage!: () => void;
      // Mid-burst: half the orders are placed and the first invoice is out; the others are still on their way.
      const midBurst = new Promise<void>((resolve) => (startOutage = resolve));
      const runs = Array.from({ length: BURST }, (_, i) =>
        new Promise((r) => setTimeout(r, i * 800)).then(() =>
          orderToCash(`${prefix}-b${i}`, 1, {
            placed: () => {
              if (++placed >= BURST / 2 && invoiced > 0) startOutage();
            },
            released: () => void ++released,
            invoiced: () => {
              if (++invoiced > 0 && placed >= BURST / 2) startOutage();
            },
          }),
        ),
      );
      // Do not leave a rejection unobserved while the outage runs.
      const all = Promise.allSettled(runs);

      const outage = (async () => {
        await Promise.race([midBurst, all]);
        const killedAt = Date.now();
        await Promise.all([system!.kill('relay'), system!.kill(VICTIM)]);
        console.log(`resilience: SIGKILLed relay and ${VICTIM} at +${killedAt - started} ms (${placed} of ${BURST} placed, ${released} released, ${invoiced} invoiced)`);
        await new Promise((r) => setTimeout(r, 2_000));
        await Promise.all([system!.restart('relay'), system!.restart(VICTIM)]);
        console.log(`resilience: relay and ${VICTIM} healthy again ${Date.now() - killedAt} ms after the kill`);
      })();

      await outage;
      const settled = await all;
      const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failures.length > 0) throw failures[0].reason;
      const results = settled.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof orderToCash>>>).value);

      const releasedMs = results.map((r) => r.releasedMs);
      const completedMs = results.map((r) => r.completedMs);
      console.log(
        `resilience: burst of ${BURST} in ${Date.now() - started} ms; placed → released p50 ${percentile(releasedMs, 50)} ms, ` +
          `p99 ${percentile(releasedMs, 99)} ms (min ${Math.min(...releasedMs)}, max ${Math.max(...releasedMs)}); ` +
          `placed → completed p50 ${percentile(completedMs, 50)} ms, p99 ${percentile(completedMs, 99)} ms`,
      );

      const orderIds = results.map((r) => r.orderId);
      expect(new Set(orderIds).size).toBe(BURST);

      // Through the gateway: one shipment, one paid invoice per order, no event twice in the history.
      for (const r of results) {
        const order = (await desk.get(`/orders/${r.orderId}`)).body;
        expect(order.status).toBe('COMPLETED');
        expect(order.shipments.map((s: any) => s.id)).toEqual([r.shipmentId]);
        expect(order.invoices.map((i: any) => [i.id, i.status])).toEqual([[r.invoiceId, 'PAID']]);
        const items = (await desk.get(`/orders/${r.orderId}/history`)).body.items as any[];
        const count = (type: string) => items.filter((i) => i.type === type).length;
        for (const type of ['OrderPlaced', 'OrderReleased', 'AcceptanceReceiptSigned', 'InvoiceIssued', 'PaymentRecorded', 'OrderCompleted']) {
          expect([type, count(type)]).toEqual([type, 1]);
        }
        // The history reads the streams through the gateway's mirror: no event mirrored twice.
        const slots = items.map((i) => `${i.streamId}@${i.revision}`);
        expect(new Set(slots).size).toBe(slots.length);
        expect(new Set(items.map((i) => i.position)).size).toBe(items.length);
      }

      // In the event store: exactly one of each fact per order / shipment / invoice / payment reference.
      const pg = new PgClient({ connectionString: db.url });
      await pg.connect();
      try {
        const counts = async (type: string, key: string) => {
          const { rows } = await pg.query<{ key: string; n: string }>(
            `SELECT data->>'${key}' AS key, count(*) AS n FROM events
              WHERE type = $1 AND data->>'orderId' = ANY($2) GROUP BY 1 ORDER BY 1`,
            [type, orderIds],
          );
          return Object.fromEntries(rows.map((row) => [row.key, Number(row.n)]));
        };
        const once = (keys: string[]) => Object.fromEntries([...keys].sort().map((k) => [k, 1]));
        const shipmentIds = results.map((r) => r.shipmentId);
        const invoiceIds = results.map((r) => r.invoiceId);
        expect(await counts('OrderPlaced', 'orderId')).toEqual(once(orderIds));
        expect(await counts('OrderReleased', 'orderId')).toEqual(once(orderIds));
        expect(await counts('OrderCompleted', 'orderId')).toEqual(once(orderIds));
        expect(await counts('ShipmentPlanned', 'shipmentId')).toEqual(once(shipmentIds));
        expect(await counts('ShipmentPlanned', 'orderId')).toEqual(once(orderIds));
        expect(await counts('ShipmentDelivered', 'shipmentId')).toEqual(once(shipmentIds));
        expect(await counts('AcceptanceReceiptSigned', 'shipmentId')).toEqual(once(shipmentIds));
        expect(await counts('InvoiceIssued', 'shipmentId')).toEqual(once(shipmentIds));
        expect(await counts('InvoiceIssued', 'invoiceId')).toEqual(once(invoiceIds));
        expect(await counts('PaymentRecorded', 'reference')).toEqual(once(results.map((r) => r.reference)));
        expect(await counts('InvoicePaid', 'invoiceId')).toEqual(once(invoiceIds));
        // No stream holds the same event type twice where it may happen only once.
        const { rows: doubled } = await pg.query(
          `SELECT stream_id, type, count(*) FROM events
            WHERE data->>'orderId' = ANY($1)
              AND type IN ('OrderPlaced','OrderReleased','OrderCompleted','ShipmentPlanned','ShipmentDelivered',
                           'AcceptanceReceiptSigned','InvoiceIssued','PaymentRecorded','InvoicePaid')
            GROUP BY 1, 2 HAVING count(*) > 1`,
          [orderIds],
        );
        expect(doubled).toEqual([]);
      } finally {
        await pg.end();
      }
    } catch (error) {
      dumpLogs();
      throw error;
    }
  }, 300_000);
});
