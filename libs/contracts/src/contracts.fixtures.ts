import { type RecordedEvent } from '@kamflow/eventsourcing';

let position = 0;

/** An internal event as the store records it (test fixture). */
export function recorded(
  type: string,
  streamId: string,
  data: unknown,
  occurredAt = '2026-12-01T08:00:00.000Z',
): RecordedEvent {
  position += 1;
  return {
    eventId: `evt-${type}-${position}`,
    type,
    schemaVersion: 1,
    streamId,
    streamRevision: 0,
    globalPosition: position,
    occurredAt,
    data,
    metadata: { correlationId: 'corr-1', actor: 'user:desk' },
  };
}

/** Money in fen. */
export const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** A delivery address as the internal events carry it. */
export const ADDRESS = {
  region: 'north',
  city: 'Beijing',
  address: '1 Zhongguancun St',
  contact: 'Li Wei',
  phone: '+86 10 5555 0101',
};

const ref = { shipmentId: 'shp-1', orderId: 'ord-1', providerId: 'lp-sf' };

/** Internal delivery, acceptance and fulfilment events that have a public logistics counterpart. */
export const logisticsSources = {
  shipmentPlanned: () =>
    recorded('ShipmentPlanned', 'shipment-shp-1', {
      ...ref,
      accountId: 'acc-1',
      plannedDate: '2026-12-15',
      deliveryAddress: ADDRESS,
      lines: [{ lineId: 'L1', modelId: 'thinkpad-t14', quantity: 3 }],
      plannedAt: '2026-12-01T08:00:00.000Z',
    }),
  replacementPlanned: () =>
    recorded('ShipmentPlanned', 'shipment-shp-2', {
      ...ref,
      shipmentId: 'shp-2',
      accountId: 'acc-1',
      plannedDate: '2026-12-20',
      deliveryAddress: ADDRESS,
      lines: [{ lineId: 'L1', modelId: 'thinkpad-t14', quantity: 1 }],
      replacesShipmentId: 'shp-1',
      plannedAt: '2026-12-17T08:00:00.000Z',
    }),
  reassigned: () =>
    recorded('ShipmentProviderReassigned', 'shipment-shp-1', {
      ...ref,
      providerId: 'lp-jd',
      previousProviderId: 'lp-sf',
      reason: 'capacity',
      reassignedAt: '2026-12-02T08:00:00.000Z',
    }),
  pickUpNote: () =>
    recorded('ShipmentPickUpNoteIssued', 'shipment-shp-1', {
      ...ref,
      pickUpNoteNo: 'PU-shp-1',
      at: '2026-12-15T09:00:00+08:00',
    }),
  cancelled: () =>
    recorded('ShipmentCancelled', 'shipment-shp-1', {
      ...ref,
      lines: [{ lineId: 'L1', modelId: 'thinkpad-t14', quantity: 3 }],
      reason: 'order cancelled',
      cancelledAt: '2026-12-03T08:00:00.000Z',
    }),
  replacementRequested: () =>
    recorded('ReplacementRequested', 'acceptance-shp-1', {
      ...ref,
      receiptId: 'RC-1',
      accountId: 'acc-1',
      lines: [{ lineId: 'L1', modelId: 'thinkpad-t14', quantity: 1 }],
      serials: ['SN-3'],
      defects: [{ serial: 'SN-3', lineId: 'L1', defect: 'cracked screen' }],
      requestedAt: '2026-12-16T15:00:00+08:00',
    }),
  acceptanceOverdue: () =>
    recorded('AcceptanceOverdue', 'orderProcess-ord-1', {
      ...ref,
      deliveredAt: '2026-12-16T10:00:00.000Z',
      acceptanceDueAt: '2026-12-19T10:00:00.000Z',
      detectedAt: '2026-12-19T10:00:05.000Z',
    }),
};

const account = {
  accountId: 'acc-1',
  name: 'Beijing Finance Bureau',
  tier: 'STRATEGIC',
  region: 'north',
  serviceModel: 'COMMERCE_PROVIDER',
  commerceProviderId: 'cp-digital',
  accountManager: 'manager',
};

const invoice = {
  invoiceId: 'inv-1',
  orderId: 'ord-1',
  accountId: 'acc-1',
  receiptId: 'RC-1',
  shipmentId: 'shp-1',
  lines: [{ lineId: 'L1', quantity: 2, unitPrice: cny(650_000), amount: cny(1_300_000) }],
  amount: cny(1_300_000),
  issuedAt: '2026-12-16T16:00:00.000Z',
  dueDate: '2027-01-15',
  paymentTermsDays: 30,
  channel: 'COMMERCE_PROVIDER',
  commerceProviderId: 'cp-digital',
};

/** Internal ordering and billing events with public commerce (and finance) counterparts. */
export const commerceSources = {
  orderPlaced: (provider: string | null = 'cp-digital') =>
    recorded('OrderPlaced', 'order-ord-1', {
      orderId: 'ord-1',
      account: {
        ...account,
        commerceProviderId: provider ?? undefined,
        serviceModel: provider ? 'COMMERCE_PROVIDER' : 'DIRECT',
      },
      channel: provider ? 'COMMERCE_PROVIDER' : 'DIRECT',
      signedBy: { kind: 'ORDER_DESK', name: 'desk' },
      customerPo: 'PO-2026-001',
      lines: [
        {
          lineId: 'L1',
          modelId: 'thinkpad-t14',
          optionIds: ['cpu-i7', 'ram-32'],
          quantity: 3,
          requestedDate: '2026-12-15',
          deliveryAddress: ADDRESS,
          configurationRound: 1,
        },
      ],
      placedBy: 'user:desk',
      placedAt: '2026-12-01T08:00:00.000Z',
    }),
  invoiceIssued: (provider: string | null = 'cp-digital') =>
    recorded('InvoiceIssued', 'invoice-inv-1', {
      ...invoice,
      commerceProviderId: provider ?? undefined,
      channel: provider ? 'COMMERCE_PROVIDER' : 'DIRECT',
    }),
  invoicePaid: (commerceProviderId?: string) =>
    recorded('InvoicePaid', 'invoice-inv-1', {
      invoiceId: 'inv-1',
      orderId: 'ord-1',
      accountId: 'acc-1',
      amount: cny(1_300_000),
      paidAt: '2027-01-10T10:00:00.000Z',
      ...(commerceProviderId ? { commerceProviderId } : {}),
    }),
  invoiceOverdue: (provider: string | null = 'cp-digital') =>
    recorded('InvoiceOverdue', 'invoice-inv-1', {
      invoiceId: 'inv-1',
      orderId: 'ord-1',
      accountId: 'acc-1',
      commerceProviderId: provider ?? undefined,
      dueDate: '2027-01-15',
      daysOverdue: 8,
      dunningLevel: 1,
      outstanding: cny(300_000),
      checkedAt: '2027-01-23T00:00:00.000Z',
    }),
};

const snapshot = {
  grade: 'B',
  limit: cny(10_000_000),
  paymentTermsDays: 30,
  reserved: cny(2_000_000),
  receivable: cny(1_000_000),
  exposure: cny(3_000_000),
  orderAmount: cny(6_000_000),
  exposureAfter: cny(9_000_000),
  utilisationBp: 9_000,
  oldestOverdueDays: 0,
  policyVersion: 'credit-policy-1',
  asOf: '2026-12-01T09:00:00.000Z',
};

/** Internal billing and credit events with public finance counterparts. */
export const financeSources = {
  paymentRecorded: () =>
    recorded('PaymentRecorded', 'invoice-inv-1', {
      invoiceId: 'inv-1',
      orderId: 'ord-1',
      accountId: 'acc-1',
      paymentId: 'pay-1',
      amount: cny(1_000_000),
      receivedAt: '2027-01-05T10:00:00+08:00',
      reference: 'ICBC-20270105-0042',
      outstanding: cny(300_000),
    }),
  feeAccrued: () =>
    recorded('ProviderFeeAccrued', 'providerLedger-lp-sf', {
      providerId: 'lp-sf',
      jobId: 'shp-1',
      orderId: 'ord-1',
      month: '2026-12',
      units: 3,
      deliveredUnits: 3,
      satisfaction: 5,
      deliveryFee: cny(15_000),
      inspectionFee: cny(9_000),
      baseFee: cny(24_000),
      factorBp: 11_000,
      fee: cny(26_400),
      accruedAt: '2026-12-16T15:00:00.000Z',
    }),
  creditApproved: () =>
    recorded('OrderCreditApproved', 'creditAccount-acc-1', {
      accountId: 'acc-1',
      orderId: 'ord-1',
      amount: cny(6_000_000),
      snapshot,
      automatic: true,
    }),
  creditHeld: () =>
    recorded('OrderCreditHeld', 'creditAccount-acc-1', {
      accountId: 'acc-1',
      orderId: 'ord-1',
      amount: cny(6_000_000),
      reasons: ['OVER_80_PERCENT'],
      snapshot,
      heldAt: '2026-12-01T09:00:00.000Z',
    }),
  creditAwaitingSecond: () =>
    recorded('CreditReleaseAwaitingSecondSignature', 'creditAccount-acc-1', {
      accountId: 'acc-1',
      orderId: 'ord-1',
      amount: cny(6_000_000),
      firstSignature: { actor: 'user:analyst', reason: 'long-standing customer', signedAs: 'credit-analyst' },
      snapshot,
    }),
  creditReleased: () =>
    recorded('OrderCreditReleased', 'creditAccount-acc-1', {
      accountId: 'acc-1',
      orderId: 'ord-1',
      amount: cny(6_000_000),
      reason: 'long-standing customer',
      releasedBy: 'user:analyst',
      snapshot,
    }),
  creditRejected: () =>
    recorded('OrderCreditRejected', 'creditAccount-acc-1', {
      accountId: 'acc-1',
      orderId: 'ord-1',
      reason: 'too risky',
      rejectedBy: 'user:analyst',
      snapshot,
    }),
};
