/** An event of the scenario: its stream, type, data and when it happened. */
export interface ScenarioEvent {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const address = {
  region: 'north',
  city: '北京',
  address: '复兴门内大街1号',
  contact: '王工',
  phone: '010-1',
};
const line = (lineId: string, quantity: number) => ({
  lineId,
  modelId: 'TC-M90',
  optionIds: ['cpu-i7'],
  quantity,
  requestedDate: '2026-12-01',
  deliveryAddress: address,
  configurationRound: 1,
});
const account = (accountId: string, name: string, accountManager: string) => ({
  accountId,
  name,
  tier: 'STRATEGIC',
  region: 'north',
  serviceModel: 'DIRECT',
  accountManager,
});

function placed(orderId: string, acc: ReturnType<typeof account>, po: string, at: string): ScenarioEvent {
  return {
    streamId: `order-${orderId}`,
    type: 'OrderPlaced',
    occurredAt: at,
    data: {
      orderId,
      account: acc,
      channel: 'DIRECT',
      signedBy: { kind: 'ORDER_DESK', name: '张敏' },
      customerPo: po,
      lines: [line('L1', 2)],
      placedBy: 'user:desk',
      placedAt: at,
    },
  };
}

const credit = (orderId: string, at: string, decidedBy?: string) => ({
  orderId,
  amount: cny(200_000),
  snapshot: { grade: 'C', limit: 1_000_000, exposure: 0, policyVersion: 1 },
  reason: 'grade C',
  ...(decidedBy ? { decidedBy } : {}),
  decidedAt: at,
});

/**
 * A small desk day: SO-1 (account acc-1, manager `manager`) goes from placement through a credit hold,
 * release, a failed and rescheduled delivery, an overdue acceptance, a signed receipt and a paid invoice;
 * SO-2 (acc-2, manager `other`) has an invalid line and awaits contract review; SO-3 (acc-1) is held.
 */
export function deskScenario(): ScenarioEvent[] {
  const o = (type: string, data: Record<string, unknown>, at: string, id = 'SO-1'): ScenarioEvent => ({
    streamId: `order-${id}`,
    type,
    data: { orderId: id, ...data },
    occurredAt: at,
  });
  const ref = { shipmentId: 'SH-1', orderId: 'SO-1', providerId: 'lp-sf' };
  const s = (type: string, data: Record<string, unknown>, at: string): ScenarioEvent => ({
    streamId: 'shipment-SH-1',
    type,
    data: { ...ref, ...data },
    occurredAt: at,
  });
  const p = (type: string, data: Record<string, unknown>, at: string): ScenarioEvent => ({
    streamId: 'orderProcess-SO-1',
    type,
    data: { ...ref, ...data },
    occurredAt: at,
  });
  const delivered = '2026-12-03T10:00:00.000Z';
  return [
    placed('SO-1', account('acc-1', '中国银行北京分行', 'manager'), 'PO-100', '2026-11-26T09:00:00.000Z'),
    placed('SO-2', account('acc-2', '国家电网', 'other'), 'PO-200', '2026-11-27T09:00:00.000Z'),
    o(
      'ContractApproved',
      { reviewer: 'user:reviewer', reviewedAt: '2026-11-26T10:00:00.000Z' },
      '2026-11-26T10:00:00.000Z',
    ),
    o(
      'OrderLineConfigured',
      {
        lineId: 'L1',
        configurationRound: 1,
        catalogVersion: 'v1',
        unitPrice: cny(100_000),
        lineTotal: cny(200_000),
        leadTimeDays: 3,
      },
      '2026-11-26T10:00:01.000Z',
    ),
    o(
      'OrderLineConfigurationRejected',
      {
        lineId: 'L1',
        configurationRound: 1,
        catalogVersion: 'v1',
        violations: [{ code: 'RULE.EXCLUDES', message: 'x excludes y' }],
      },
      '2026-11-27T09:00:01.000Z',
      'SO-2',
    ),
    o('OrderCreditHeld', credit('SO-1', '2026-11-26T10:00:02.000Z'), '2026-11-26T10:00:02.000Z'),
    placed('SO-3', account('acc-1', '中国银行北京分行', 'manager'), 'PO-300', '2026-11-28T09:00:00.000Z'),
    o(
      'OrderCreditReleased',
      credit('SO-1', '2026-11-26T11:00:00.000Z', 'user:analyst'),
      '2026-11-26T11:00:00.000Z',
    ),
    o(
      'OrderReleased',
      {
        total: cny(200_000),
        supplyCommitment: [
          { lineId: 'L1', leadTimeDays: 3, requestedDate: '2026-12-01', promisedDate: '2026-12-01' },
        ],
        releasedAt: '2026-11-26T11:00:01.000Z',
      },
      '2026-11-26T11:00:01.000Z',
    ),
    o(
      'OrderShipmentPlanned',
      {
        shipmentId: 'SH-1',
        providerId: 'lp-sf',
        plannedDate: '2026-11-30',
        deliveryAddress: address,
        lines: [{ lineId: 'L1', quantity: 2 }],
      },
      '2026-11-26T12:00:00.000Z',
    ),
    s(
      'ShipmentPlanned',
      {
        accountId: 'acc-1',
        plannedDate: '2026-11-30',
        deliveryAddress: address,
        lines: [{ lineId: 'L1', quantity: 2 }],
        plannedAt: '2026-11-26T12:00:00.000Z',
      },
      '2026-11-26T12:00:00.100Z',
    ),
    s('ShipmentReadyToShip', { at: '2026-11-30T08:00:00.000Z' }, '2026-11-30T08:00:00.000Z'),
    s(
      'ShipmentDeliveryFailed',
      { from: 'READY_TO_SHIP', reason: '车辆故障', failedAt: '2026-11-30T09:00:00.000Z' },
      '2026-11-30T09:00:00.000Z',
    ),
    o('OrderCreditHeld', credit('SO-3', '2026-11-28T09:00:05.000Z'), '2026-11-28T09:00:05.000Z', 'SO-3'),
    s(
      'ShipmentRescheduled',
      {
        plannedDate: '2026-12-02',
        previousPlannedDate: '2026-11-30',
        reason: '改期',
        rescheduledAt: '2026-11-30T10:00:00.000Z',
      },
      '2026-11-30T10:00:00.000Z',
    ),
    s('ShipmentReadyToShip', { at: '2026-12-02T08:00:00.000Z' }, '2026-12-02T08:00:00.000Z'),
    s(
      'ShipmentPickUpNoteIssued',
      { pickUpNoteNo: 'PU-1', at: '2026-12-02T09:00:00.000Z' },
      '2026-12-02T09:00:00.000Z',
    ),
    s('ShipmentDispatched', { at: '2026-12-02T10:00:00.000Z' }, '2026-12-02T10:00:00.000Z'),
    o('OrderShipmentDispatched', { shipmentId: 'SH-1' }, '2026-12-02T10:00:01.000Z'),
    s('ShipmentInTransit', { at: '2026-12-02T11:00:00.000Z' }, '2026-12-02T11:00:00.000Z'),
    s(
      'ShipmentDelivered',
      { accountId: 'acc-1', lines: [{ lineId: 'L1', quantity: 2 }], deliveredAt: delivered },
      delivered,
    ),
    {
      streamId: 'acceptance-SH-1',
      type: 'InspectionOpened',
      occurredAt: delivered,
      data: {
        ...ref,
        accountId: 'acc-1',
        lines: [{ lineId: 'L1', modelId: 'TC-M90', quantity: 2 }],
        deliveredAt: delivered,
        openedAt: delivered,
      },
    },
    p(
      'AcceptanceAwaited',
      { deliveredAt: delivered, acceptanceDueAt: '2026-12-06T10:00:00.000Z' },
      delivered,
    ),
    p(
      'AcceptanceOverdue',
      {
        deliveredAt: delivered,
        acceptanceDueAt: '2026-12-06T10:00:00.000Z',
        detectedAt: '2026-12-06T10:00:01.000Z',
      },
      '2026-12-06T10:00:01.000Z',
    ),
  ];
}
