import { randomUUID } from 'node:crypto';
import {
  type PartnerCommandResultV1,
  type PartnerCommandV1,
  partnerCommandResultsTopic,
  partnerCommandsTopic,
  validatePartnerCommandResult,
} from '@kamflow/contracts';
import { CommandGateway } from '@kamflow/infrastructure';
import { type DeadLetter, dlqTopic, type KafkaMessaging } from '@kamflow/messaging';
import { Roles } from '@kamflow/shared-kernel';
import { DEMO_PROVIDERS } from '../apps/api/src/demo/demo-data';
import { type Client, eventually, orderBody, type RunningApp, startApp } from './support/app-harness';
import { ENSURE_KAFKA_TIMEOUT_MS, ensureKafka } from './support/kafka';
import { readTopics, testMessaging, uniqueSuffix, waitUntil } from './support/messaging';
import { createTestDatabase, type TestDatabase } from './support/postgres';

/** Providers report on Kafka instead of HTTP: the embedded product with KAFKA_BROKERS, on a real broker. */
describe('partner commands on Kafka', () => {
  const prefix = `kamflow-e2e-pc-${uniqueSuffix()}`;
  let product: RunningApp;
  let channel: PartnerChannel;
  let desk: Client;
  let logistics: Client;
  let finance: Client;
  let orderId: string;
  let shipmentId: string;

  beforeAll(async () => {
    const brokers = await ensureKafka();
    product = await startApp({ env: { KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix } });
    channel = await partnerChannel(prefix);
    let reviewer: Client;
    [reviewer, desk, logistics, finance] = await Promise.all(
      ['reviewer', 'desk', 'logistics', 'finance'].map((u) => product.login(u)),
    );
    ({ orderId, shipmentId } = await commerceOrderShipment(reviewer));
  }, ENSURE_KAFKA_TIMEOUT_MS);

  afterAll(async () => {
    try {
      await channel?.close();
    } finally {
      await product?.close();
    }
  });

  const send = (command: PartnerCommandV1 | Record<string, unknown>, n?: number) => channel.send(command, n);

  const status = (partner: string, value: string) => statusReport(partner, shipmentId, value);

  async function shipment(): Promise<{ status: string; revision: number }> {
    const { status, revision } = (await logistics.get(`/shipments/${shipmentId}`)).body;
    return { status, revision };
  }

  it('moves the provider’s own shipment, and a repeated id changes nothing and answers the same', async () => {
    const ready = status('lp-sf', 'READY_TO_SHIP');
    const first = await send(ready);
    expect(first).toMatchObject({
      commandId: ready.id,
      commandType: 'ReportShipmentStatus',
      partner: 'lp-sf',
      subject: shipmentId,
      outcome: 'ACCEPTED',
      duplicate: false,
    });
    const after = await shipment();
    expect(after).toMatchObject({ status: 'READY_TO_SHIP', revision: first.revision });

    const again = await send({ ...ready, issuedAt: new Date().toISOString() }, 2);
    expect(again).toMatchObject({ outcome: 'ACCEPTED', duplicate: true, revision: first.revision });
    expect((await shipment()).revision).toBe(after.revision);
  });

  it('refuses a report on another provider’s shipment with the 403 the API answers, changing nothing', async () => {
    const before = await shipment();
    const foreign = await send(status('lp-jd', 'PICKED_UP'));
    expect(foreign).toMatchObject({
      outcome: 'REJECTED',
      partner: 'lp-jd',
      problem: { status: 403, title: 'Forbidden', code: 'DELIVERY.NOT_ASSIGNED_PROVIDER' },
    });
    expect(foreign.problem!.type).toBe('https://kamflow.dev/problems/delivery-not-assigned-provider');
    expect(foreign.revision).toBeUndefined();
    const commerce = await send(status('cp-dc', 'PICKED_UP'));
    expect(commerce.problem).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });
    const stranger = await send(status('lp-nobody', 'PICKED_UP'));
    expect(stranger.problem).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
    expect(await shipment()).toEqual(before);
  });

  it('rejects an invalid command naming the field, by the contract and by the API’s own rules', async () => {
    const before = await shipment();
    const lost = await send(status('lp-sf', 'LOST'));
    expect(lost).toMatchObject({
      outcome: 'REJECTED',
      problem: { status: 400, code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'data.status' }] },
    });
    const noReason = await send(status('lp-sf', 'FAILED'));
    expect(noReason.problem).toMatchObject({ status: 400, errors: [{ field: 'data.note' }] });
    const noSubject = await send({ ...status('lp-sf', 'PICKED_UP'), subject: undefined });
    expect(noSubject).toMatchObject({ subject: null, problem: { errors: [{ field: 'subject' }] } });
    expect(await shipment()).toEqual(before);
  });

  it('dead-letters a message that is not JSON, and goes on', async () => {
    await channel.messaging.sendRaw(partnerCommandsTopic(prefix), [
      { key: shipmentId, value: '{not json', headers: { commandId: 'lp-sf:garbled' } },
    ]);
    const [letter] = await readTopics(
      channel.messaging,
      [dlqTopic('partner-commands', prefix)],
      (r) => r.length >= 1,
    );
    expect((JSON.parse(letter.value!) as DeadLetter).error).toMatchObject({
      code: 'MESSAGE.MALFORMED',
      class: 'poison',
    });
    expect(channel.results.filter((r) => r.commandId === 'lp-sf:garbled')).toEqual([]);
    expect((await send(status('lp-sf', 'READY_TO_SHIP'))).outcome).toBe('ACCEPTED');
  });

  it('delivers, signs the acceptance receipt and collects the payment end to end', async () => {
    for (const step of ['PICKED_UP', 'DISPATCHED', 'IN_TRANSIT', 'DELIVERED']) {
      expect((await send(status('lp-sf', step))).outcome).toBe('ACCEPTED');
    }
    const receiptId = `RC-PC-${randomUUID().slice(0, 8)}`;
    // Right after DELIVERED the process may not have opened the inspection yet (409): send again.
    const signed = await eventually(async () => {
      const result = await send({
        id: `lp-sf:${randomUUID()}`,
        type: 'SignAcceptanceReceipt',
        version: 1,
        issuedAt: new Date().toISOString(),
        partner: 'lp-sf',
        subject: shipmentId,
        data: {
          units: [0, 1].map((i) => ({
            serial: `SN-PC-${shipmentId}-${i}`,
            lineId: 'L1',
            result: 'ACCEPTED' as const,
          })),
          signatory: '李主任',
          signedAt: new Date(Date.now() + 1000).toISOString(),
          satisfaction: 4,
          receiptId,
        },
      });
      if (result.outcome === 'REJECTED') expect(result.problem!.code).toBe('ACCEPTANCE.NOT_DELIVERED');
      expect(result.outcome).toBe('ACCEPTED');
      return result;
    }, 30_000);
    expect(signed.duplicate).toBe(false);
    const receipt = await desk.get(`/shipments/${shipmentId}/acceptance-receipt`);
    expect(receipt.body).toMatchObject({ receiptId, acceptedUnits: 2, rejectedUnits: 0, satisfaction: 4 });

    const invoiceId = await eventually(async () => {
      const order = await desk.get(`/orders/${orderId}`);
      const invoice = order.body.invoices.find((i: { status: string }) => i.status !== 'ISSUING');
      expect(invoice).toBeDefined();
      return invoice.id as string;
    });
    const payment = (partner: string) => ({
      id: `${partner}:${randomUUID()}`,
      type: 'RecordPayment' as const,
      version: 1,
      issuedAt: new Date().toISOString(),
      partner,
      subject: invoiceId,
      data: {
        amount: { amount: 5_000, currency: 'CNY' },
        receivedAt: new Date().toISOString(),
        reference: 'DC-PC-1',
      },
    });
    expect((await send(payment('lp-sf'))).problem).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });
    const paid = await send(payment('cp-dc'));
    expect(paid).toMatchObject({ outcome: 'ACCEPTED', subject: invoiceId, duplicate: false });
    const invoice = await finance.get(`/invoices/${invoiceId}`);
    expect(invoice.body.payments).toHaveLength(1);
    expect(invoice.body.paid).toEqual({ amount: 5_000, currency: 'CNY' });
    expect(invoice.body.revision).toBe(paid.revision);
  });

  /** A released order of the commerce-provider account with one planned shipment of two units for lp-sf. */
  async function commerceOrderShipment(reviewer: Client) {
    const body = orderBody(
      {
        accountId: 'acc-gdtel',
        channel: 'COMMERCE_PROVIDER',
        customerPo: `PO-PC-${randomUUID().slice(0, 8)}`,
      },
      {
        modelId: 'TC-M90T-G4',
        optionIds: ['CPU-I7-13700', 'MEM-64G', 'SSD-1T', 'HDD-1T', 'OS-WIN11-PRO', 'WTY-3Y-PC', 'KYD-3Y'],
        quantity: 2,
        deliveryAddress: {
          region: 'Guangdong',
          city: 'Guangzhou',
          address: '天河路1号',
          contact: '陈工',
          phone: '020-1234',
        },
      },
    );
    const placed = await desk.post('/orders', body);
    expect(placed.status).toBe(201);
    const id = placed.body.id as string;
    await eventually(async () => {
      expect((await reviewer.post(`/orders/${id}/contract-review`, { decision: 'APPROVE' })).status).toBe(
        202,
      );
    });
    await eventually(async () => expect((await desk.get(`/orders/${id}`)).body.status).toBe('RELEASED'));
    const planned = await desk.post(`/orders/${id}/shipments`, {
      providerId: 'lp-sf',
      plannedDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
      lines: [{ lineId: 'L1', quantity: 2 }],
    });
    expect(planned.status).toBe(201);
    const shipment = planned.body.id as string;
    await eventually(async () => expect((await logistics.get(`/shipments/${shipment}`)).status).toBe(200));
    return { orderId: id, shipmentId: shipment };
  }
});

/** The gateway of the distributed mode, alone: it answers what it decides itself and retries what it cannot reach. */
describe('partner commands at the distributed gateway', () => {
  const prefix = `kamflow-e2e-pcd-${uniqueSuffix()}`;
  let db: TestDatabase;
  let product: RunningApp;
  let channel: PartnerChannel;

  beforeAll(async () => {
    const [brokers, database] = await Promise.all([ensureKafka(), createTestDatabase('kamflow_pc')]);
    db = database;
    product = await startApp({
      env: {
        MODE: 'distributed',
        DATABASE_URL: db.url,
        KAFKA_BROKERS: brokers,
        KAFKA_TOPIC_PREFIX: prefix,
        DEMO_DATA: 'false',
        COMMAND_TIMEOUT_MS: '300',
      },
    });
    channel = await partnerChannel(prefix);
    const admin = { id: 'system:e2e', roles: [Roles.Admin] };
    await product.app.get(CommandGateway).execute({
      type: 'RegisterProvider',
      data: DEMO_PROVIDERS[0],
      metadata: { actor: admin, now: new Date().toISOString() },
    });
  }, ENSURE_KAFKA_TIMEOUT_MS);

  afterAll(async () => {
    try {
      await channel?.close();
    } finally {
      await product?.close();
      await db?.drop();
    }
  });

  it('rejects a command from a provider it does not know', async () => {
    const result = await channel.send(statusReport('lp-ghost', 'SH-1', 'READY_TO_SHIP'));
    expect(result).toMatchObject({
      outcome: 'REJECTED',
      problem: { status: 401, code: 'AUTH.UNAUTHENTICATED' },
    });
  });

  it('retries a command whose context service does not answer, then dead-letters it without a result', async () => {
    const report = statusReport('lp-sf', 'SH-1', 'READY_TO_SHIP');
    await channel.messaging.producer().send(partnerCommandsTopic(prefix), [{ key: 'SH-1', value: report }]);
    const [letter] = await readTopics(
      channel.messaging,
      [dlqTopic('partner-commands', prefix)],
      (r) => r.length >= 1,
    );
    expect((JSON.parse(letter.value!) as DeadLetter).error).toMatchObject({
      code: 'COMMAND.TIMEOUT',
      class: 'retry',
      attempts: 5,
    });
    expect(channel.results.filter((r) => r.commandId === report.id)).toEqual([]);
  });
});

function statusReport(partner: string, shipmentId: string, status: string): PartnerCommandV1 {
  return {
    id: `${partner}:${randomUUID()}`,
    type: 'ReportShipmentStatus',
    version: 1,
    issuedAt: new Date().toISOString(),
    partner,
    subject: shipmentId,
    data: { status: status as never, at: new Date().toISOString() },
  };
}

interface PartnerChannel {
  messaging: KafkaMessaging;
  /** Every result read so far. */
  results: PartnerCommandResultV1[];
  /** Sends a command keyed by its subject and waits for the `n`-th result carrying its id. */
  send(command: PartnerCommandV1 | Record<string, unknown>, n?: number): Promise<PartnerCommandResultV1>;
  close(): Promise<void>;
}

/** A provider's side of the partner topics under `prefix`: a producer and a reader of the results. */
async function partnerChannel(prefix: string): Promise<PartnerChannel> {
  const messaging = await testMessaging('kamflow-e2e-partner-commands');
  // The product created the partner topics; wait until the broker serves them before using them.
  await messaging.waitForTopics([partnerCommandsTopic(prefix), partnerCommandResultsTopic(prefix)]);
  const producer = messaging.producer();
  const results: PartnerCommandResultV1[] = [];
  const reader = await messaging.consumer().subscribe({
    groupId: `${prefix}.results-reader`,
    topics: [partnerCommandResultsTopic(prefix)],
    handle: async (m) => {
      results.push(JSON.parse(m.value!) as PartnerCommandResultV1);
    },
  });
  return {
    messaging,
    results,
    send: async (command, n = 1) => {
      const { id, subject } = command as { id: string; subject?: string };
      await producer.send(partnerCommandsTopic(prefix), [
        { key: subject ?? null, value: command, headers: { commandId: id } },
      ]);
      const mine = () => results.filter((r) => r.commandId === id);
      await waitUntil(
        () => mine().length >= n,
        30_000,
        () => `result ${n} of ${id}`,
      );
      const result = mine()[n - 1];
      expect(validatePartnerCommandResult(result)).toEqual([]);
      return result;
    },
    close: async () => {
      try {
        await reader.stop();
      } finally {
        await messaging.close();
      }
    },
  };
}
