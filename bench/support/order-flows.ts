/**
 * Realistic order-to-cash flows for benchmarks: per order its order, credit-account, shipment, acceptance,
 * order-process, invoice and provider-ledger events, in the shapes the domain writes them. Deterministic
 * for a seed. The flows of many orders are interleaved the way concurrent work fills the global log.
 */
import { randomUUID } from 'node:crypto';
import { cny, type FlowEvent, masterData, PROVIDERS, random } from './master-data';

export { type FlowEvent, masterData, random };

const STATUSES = ['READY_TO_SHIP', 'PICK_UP', 'DISPATCHED', 'IN_TRANSIT'] as const;

/** The events of one order from placement to payment (some stop on the way, some are held first). */
export function orderFlow(n: number, accounts: number, rnd: () => number, start: number): FlowEvent[] {
  const orderId = `SO-${n}`;
  const accountId = `acc-${Math.floor(rnd() ** 2 * accounts)}`;
  const quantity = 1 + Math.floor(rnd() * 20);
  const unit = 450_000 + Math.floor(rnd() * 100) * 1_000;
  const total = cny(unit * quantity);
  let clock = start;
  const at = (minutes = 1 + rnd() * 60) => new Date((clock += minutes * 60_000)).toISOString();
  const out: FlowEvent[] = [];
  const e = (streamId: string, type: string, data: Record<string, unknown>, actor: string, time = at()) =>
    out.push({ streamId, type, data, occurredAt: time, actor });
  const o = (type: string, data: Record<string, unknown>, actor = 'system:fulfilment') =>
    e(`order-${orderId}`, type, { orderId, ...data }, actor);
  const requestedDate = new Date(start + 20 * 86_400_000).toISOString().slice(0, 10);
  const promisedDate = new Date(start + (15 + Math.floor(rnd() * 10)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const address = {
    region: 'Beijing',
    city: '北京',
    address: '西长安街86号',
    contact: '王工',
    phone: '010-6660',
  };
  const placedAt = at(0);
  o(
    'OrderPlaced',
    {
      account: {
        accountId,
        name: `大客户 ${accountId}`,
        tier: 'CORE',
        region: 'Beijing',
        serviceModel: 'DIRECT',
        accountManager: 'manager',
      },
      channel: 'DIRECT',
      signedBy: { kind: 'ORDER_DESK', name: '张敏' },
      customerPo: `PO-${n}`,
      lines: [
        {
          lineId: 'L1',
          modelId: 'TC-M70T-G4',
          optionIds: ['CPU-I5-13500', 'MEM-16G'],
          quantity,
          requestedDate,
          deliveryAddress: address,
          configurationRound: 1,
        },
      ],
      placedBy: 'user:desk',
      placedAt,
    },
    'user:desk',
  );
  o('ContractApproved', { reviewer: 'user:reviewer', reviewedAt: at() }, 'user:reviewer');
  o('OrderLineConfigured', {
    lineId: 'L1',
    configurationRound: 1,
    catalogVersion: 'v1',
    unitPrice: cny(unit),
    lineTotal: total,
    leadTimeDays: 5,
  });
  if (rnd() < 0.05) {
    o('OrderCancelled', { reason: '客户取消', cancelledBy: 'user:desk', cancelledAt: at() }, 'user:desk');
    return out;
  }
  const snapshot = {
    grade: 'A',
    limit: cny(5_000_000_000),
    paymentTermsDays: 30,
    reserved: cny(0),
    receivable: cny(0),
    exposure: cny(0),
    orderAmount: total,
    exposureAfter: total,
    utilisationBp: 1,
    oldestOverdueDays: 0,
    policyVersion: '2026-1',
    asOf: placedAt,
  };
  const credit = (type: string, data: Record<string, unknown>, actor = 'system:credit') =>
    e(`creditAccount-${accountId}`, type, { accountId, orderId, amount: total, snapshot, ...data }, actor);
  if (rnd() < 0.1) {
    const heldAt = at();
    credit('OrderCreditHeld', { reasons: ['OVER_80_PERCENT'], heldAt });
    o('OrderCreditHeld', { amount: total, snapshot, reason: 'OVER_80_PERCENT', decidedAt: heldAt });
    credit('OrderCreditReleased', { reason: 'ok', releasedBy: 'user:analyst' }, 'user:analyst');
    o(
      'OrderCreditReleased',
      { amount: total, snapshot, reason: 'ok', decidedBy: 'user:analyst', decidedAt: at() },
      'user:analyst',
    );
  } else {
    credit('OrderCreditApproved', { automatic: true });
    o('OrderCreditApproved', { amount: total, snapshot, reason: 'auto', decidedAt: at() });
  }
  o('OrderReleased', {
    total,
    supplyCommitment: [{ lineId: 'L1', leadTimeDays: 5, requestedDate, promisedDate }],
    releasedAt: at(),
  });
  if (rnd() < 0.1) return out;
  const shipmentId = `SH-${n}`;
  const providerId = PROVIDERS[Math.floor(rnd() * PROVIDERS.length)];
  const ref = { shipmentId, orderId, providerId };
  const lines = [{ lineId: 'L1', quantity }];
  const s = (type: string, data: Record<string, unknown>) =>
    e(`shipment-${shipmentId}`, type, { ...ref, ...data }, `provider:${providerId}`);
  const plannedDate = promisedDate;
  o(
    'OrderShipmentPlanned',
    { shipmentId, providerId, plannedDate, deliveryAddress: address, lines },
    'user:desk',
  );
  s('ShipmentPlanned', { accountId, plannedDate, deliveryAddress: address, lines, plannedAt: at() });
  for (const status of STATUSES) {
    if (status === 'PICK_UP') s('ShipmentPickUpNoteIssued', { pickUpNoteNo: `PU-${n}`, at: at() });
    else
      s(
        status === 'READY_TO_SHIP'
          ? 'ShipmentReadyToShip'
          : status === 'DISPATCHED'
            ? 'ShipmentDispatched'
            : 'ShipmentInTransit',
        { at: at() },
      );
    if (status === 'DISPATCHED') o('OrderShipmentDispatched', { shipmentId });
  }
  const deliveredAt = at(600);
  s('ShipmentDelivered', { accountId, lines, deliveredAt });
  e(
    `acceptance-${shipmentId}`,
    'InspectionOpened',
    {
      ...ref,
      accountId,
      lines: [{ lineId: 'L1', modelId: 'TC-M70T-G4', quantity }],
      deliveredAt,
      openedAt: deliveredAt,
    },
    'system:acceptance',
    deliveredAt,
  );
  e(
    `orderProcess-${orderId}`,
    'AcceptanceAwaited',
    { ...ref, deliveredAt, acceptanceDueAt: new Date(clock + 3 * 86_400_000).toISOString() },
    'system:fulfilment',
    deliveredAt,
  );
  if (rnd() < 0.1) return out;
  const signedAt = at(120);
  const satisfaction = 3 + Math.floor(rnd() * 3);
  e(
    `acceptance-${shipmentId}`,
    'AcceptanceReceiptSigned',
    {
      ...ref,
      receiptId: `RC-${n}`,
      accountId,
      signatory: '李主任',
      signedAt,
      satisfaction,
      units: [],
      lines: [],
      acceptedUnits: quantity,
      rejectedUnits: 0,
    },
    `provider:${providerId}`,
    signedAt,
  );
  e(
    `orderProcess-${orderId}`,
    'AcceptanceReceived',
    { orderId, shipmentId, signedAt },
    'system:fulfilment',
    signedAt,
  );
  o('OrderUnitsAccepted', { shipmentId, lines: [{ lineId: 'L1', accepted: quantity, rejected: 0 }] });
  const fee = 2_000 * quantity;
  e(
    `providerLedger-${providerId}`,
    'ProviderFeeAccrued',
    {
      providerId,
      jobId: shipmentId,
      orderId,
      month: signedAt.slice(0, 7),
      units: quantity,
      deliveredUnits: quantity,
      satisfaction,
      deliveryFee: cny(fee / 2),
      inspectionFee: cny(fee / 2),
      baseFee: cny(fee),
      factorBp: 10_000,
      fee: cny(fee),
      accruedAt: signedAt,
    },
    'system:billing',
    signedAt,
  );
  const invoiceId = `INV-${n}`;
  const dueDate = new Date(clock + 30 * 86_400_000).toISOString().slice(0, 10);
  const inv = { invoiceId, orderId, accountId };
  e(
    `invoice-${invoiceId}`,
    'InvoiceIssued',
    {
      ...inv,
      receiptId: `RC-${n}`,
      shipmentId,
      lines: [],
      amount: total,
      issuedAt: signedAt,
      dueDate,
      paymentTermsDays: 30,
      channel: 'DIRECT',
    },
    'system:billing',
    signedAt,
  );
  e(
    `creditAccount-${accountId}`,
    'ReceivableOpened',
    { accountId, invoiceId, orderId, amount: total, dueDate, reservationReleased: total },
    'system:credit',
  );
  o('OrderInvoiced', { invoiceId, shipmentId, amount: total, dueDate });
  if (rnd() < 0.25) return out;
  const receivedAt = at(60 * 24 * 20);
  e(
    `invoice-${invoiceId}`,
    'PaymentRecorded',
    {
      ...inv,
      paymentId: `PAY-${n}`,
      amount: total,
      receivedAt,
      reference: `BANK-${randomUUID().slice(0, 8)}`,
      outstanding: cny(0),
    },
    'user:finance',
    receivedAt,
  );
  e(
    `creditAccount-${accountId}`,
    'ReceivablePaymentApplied',
    { accountId, invoiceId, amount: total, outstanding: cny(0), receivedAt },
    'system:credit',
  );
  e(
    `invoice-${invoiceId}`,
    'InvoicePaid',
    { ...inv, amount: total, paidAt: receivedAt },
    'system:billing',
    receivedAt,
  );
  o('OrderInvoicePaid', { invoiceId });
  o('OrderCompleted', { completedAt: at() });
  return out;
}

/**
 * At least `target` events: master data, then the flows of orders interleaved `concurrency` at a time
 * (each step takes the next event of a random order in flight).
 */
export function* interleavedLog(
  target: number,
  seed = 42,
  accounts = 200,
  concurrency = 500,
): Generator<FlowEvent> {
  const rnd = random(seed);
  const start = Date.parse('2026-01-05T01:00:00.000Z');
  let emitted = 0;
  for (const e of masterData(accounts, new Date(start))) {
    emitted++;
    yield e;
  }
  let next = 1;
  const inFlight: { events: FlowEvent[]; i: number }[] = [];
  while (emitted < target || inFlight.length) {
    while (emitted < target && inFlight.length < concurrency) {
      inFlight.push({ events: orderFlow(next, accounts, rnd, start + next * 60_000), i: 0 });
      next++;
    }
    const k = Math.floor(rnd() * inFlight.length);
    const flow = inFlight[k];
    emitted++;
    yield flow.events[flow.i++];
    if (flow.i >= flow.events.length) inFlight.splice(k, 1);
  }
}
