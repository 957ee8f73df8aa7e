import { type Actor } from '@kamflow/eventsourcing';
import { money, type Money, Roles } from '@kamflow/shared-kernel';
import { type OrderCommand, type PlaceOrder } from './order.commands';
import { type OrderEvent } from './order.events';
import { type Order, type OrderState } from './order.state';
import { type OrderAccount, type OrderLineSpec } from './order.values';

/* Test data shared by the order specs. Not exported from the library. */

/** Thursday 26 November 2026, the order date. */
export const NOW = '2026-11-26T09:00:00Z';
/** Friday 27 November 2026, the release date. */
export const RELEASE_TIME = '2026-11-27T10:00:00Z';
export const ORDER_ID = 'o-1';

export const actors = {
  desk: { id: 'user:desk', roles: [Roles.OrderDesk] },
  agent: { id: 'agent:huabei', roles: [Roles.Agent] },
  manager: { id: 'user:manager', roles: [Roles.AccountManager] },
  managerAtDesk: { id: 'user:li', roles: [Roles.AccountManager, Roles.OrderDesk] },
  reviewer: { id: 'user:reviewer', roles: [Roles.ContractReviewer] },
  finance: { id: 'user:finance', roles: [Roles.Finance] },
  system: { id: 'system:fulfilment', roles: [Roles.System] },
} satisfies Record<string, Actor>;

type CommandOf<T extends OrderCommand['type']> = Extract<OrderCommand, { type: T }>;
type EventOf<T extends OrderEvent['type']> = Extract<OrderEvent, { type: T }>;

/** A command as the edge or the process manager would send it. */
export function command<T extends OrderCommand['type']>(
  type: T,
  data: CommandOf<T>['data'],
  actor: Actor = actors.desk,
  now = NOW,
): CommandOf<T> {
  return { type, data, metadata: { now, actor } } as CommandOf<T>;
}

/** A command of the process manager. */
export function system<T extends OrderCommand['type']>(
  type: T,
  data: CommandOf<T>['data'],
  now = NOW,
): CommandOf<T> {
  return command(type, data, actors.system, now);
}

export function event<T extends OrderEvent['type']>(type: T, data: EventOf<T>['data']): EventOf<T> {
  return { type, data } as EventOf<T>;
}

export const account: OrderAccount = {
  accountId: 'acc-1',
  name: '中国银行北京分行',
  tier: 'STRATEGIC',
  region: 'north',
  serviceModel: 'DIRECT',
  accountManager: 'user:manager',
};

export const address = {
  region: 'north',
  city: '北京',
  address: '复兴门内大街1号',
  contact: '王工',
  phone: '010-1',
};

/** Ten desktops for 1 December and two servers for 20 December (a Sunday). */
export const lines: OrderLineSpec[] = [
  {
    lineId: 'L1',
    modelId: 'TC-M90',
    optionIds: ['cpu-i7', 'ram-16'],
    quantity: 10,
    requestedDate: '2026-12-01',
    deliveryAddress: address,
  },
  {
    lineId: 'L2',
    modelId: 'TS-SR650',
    optionIds: ['ram-64'],
    quantity: 2,
    requestedDate: '2026-12-20',
    deliveryAddress: address,
  },
];

export const placeOrderData: PlaceOrder['data'] = {
  orderId: ORDER_ID,
  account,
  channel: 'DIRECT',
  signedBy: { kind: 'ORDER_DESK', name: '张三' },
  customerPo: 'PO-2026-001',
  lines,
};

export const placed = event('OrderPlaced', {
  ...placeOrderData,
  lines: lines.map((l) => ({ ...l, configurationRound: 1 })),
  placedBy: actors.desk.id,
  placedAt: NOW,
});

export const contractApproved = event('ContractApproved', {
  orderId: ORDER_ID,
  reviewer: actors.reviewer.id,
  reviewedAt: NOW,
});

export const UNIT_PRICE = { L1: money(500_000), L2: money(1_200_000) };
/** 10 × 5 000.00 + 2 × 12 000.00 CNY. */
export const TOTAL = money(7_400_000);

export function configured(
  lineId: 'L1' | 'L2',
  round = 1,
  quantity = lineId === 'L1' ? 10 : 2,
  leadTimeDays = 5,
) {
  const unitPrice = UNIT_PRICE[lineId];
  return event('OrderLineConfigured', {
    orderId: ORDER_ID,
    lineId,
    configurationRound: round,
    catalogVersion: 'cat-7',
    unitPrice,
    lineTotal: money(unitPrice.amount * quantity),
    leadTimeDays,
  });
}

export function credit(
  type:
    'OrderCreditApproved' | 'OrderCreditHeld' | 'OrderCreditReleased' | 'OrderCreditAwaitingSecondSignature',
  amount: Money = TOTAL,
) {
  return event(type, { orderId: ORDER_ID, amount, snapshot: { grade: 'A' }, decidedAt: NOW });
}

export const released = event('OrderReleased', {
  orderId: ORDER_ID,
  total: TOTAL,
  supplyCommitment: [
    { lineId: 'L1', leadTimeDays: 5, requestedDate: '2026-12-01', promisedDate: '2026-12-04' },
    { lineId: 'L2', leadTimeDays: 5, requestedDate: '2026-12-20', promisedDate: '2026-12-20' },
  ],
  releasedAt: RELEASE_TIME,
});

/** Placed, contract approved, both lines configured, credit approved. */
export const reviewed: OrderEvent[] = [
  placed,
  contractApproved,
  configured('L1'),
  configured('L2'),
  credit('OrderCreditApproved'),
];

/** Reviewed and released. */
export const releasedOrder: OrderEvent[] = [...reviewed, released];

export function shipmentPlanned(shipmentId: string, quantities: { L1?: number; L2?: number }) {
  return event('OrderShipmentPlanned', {
    orderId: ORDER_ID,
    shipmentId,
    providerId: 'lp-sf',
    plannedDate: '2026-12-01',
    deliveryAddress: address,
    lines: Object.entries(quantities).map(([lineId, quantity]) => ({ lineId, quantity })),
  });
}

export const dispatched = (shipmentId: string) =>
  event('OrderShipmentDispatched', { orderId: ORDER_ID, shipmentId });

export function accepted(
  shipmentId: string,
  ...results: [lineId: string, accepted: number, rejected: number][]
) {
  return event('OrderUnitsAccepted', {
    orderId: ORDER_ID,
    shipmentId,
    lines: results.map(([lineId, a, r]) => ({ lineId, accepted: a, rejected: r })),
  });
}

export const invoiced = (invoiceId: string, shipmentId: string, amount: Money) =>
  event('OrderInvoiced', { orderId: ORDER_ID, invoiceId, shipmentId, amount, dueDate: '2027-01-30' });

export const invoicePaid = (invoiceId: string) => event('OrderInvoicePaid', { orderId: ORDER_ID, invoiceId });

export const cancelled = event('OrderCancelled', {
  orderId: ORDER_ID,
  reason: '客户撤单',
  plannedShipmentIds: [],
  creditReserved: false,
  cancelledBy: actors.desk.id,
  cancelledAt: NOW,
});

/** The placed order of a state, for assertions on its detail. */
export function orderOf(state: OrderState): Order {
  if (state.status === 'NONE') throw new Error('no order was placed');
  return state;
}
