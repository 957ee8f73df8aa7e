import { assertNever } from '@kamflow/eventsourcing';
import { type CreditDecisionData } from './order.values';
import { type OrderEvent } from './order.events';
import { deriveOrderStatus } from './order.queries';
import {
  type CreditReview,
  type Order,
  type OrderLine,
  type OrderShipment,
  type OrderState,
} from './order.state';

type Changes = Partial<Omit<Order, 'status'>>;

function update(order: Order, changes: Changes): Order {
  const next = { ...order, ...changes };
  return { ...next, status: deriveOrderStatus(next) };
}

function updateLine(order: Order, lineId: string, change: (line: OrderLine) => OrderLine): Changes {
  return { lines: order.lines.map((l) => (l.lineId === lineId ? change(l) : l)) };
}

function updateShipment(
  order: Order,
  shipmentId: string,
  change: (s: OrderShipment) => OrderShipment,
): Changes {
  return { shipments: order.shipments.map((s) => (s.shipmentId === shipmentId ? change(s) : s)) };
}

function credit(status: Exclude<CreditReview['status'], 'PENDING'>, data: CreditDecisionData): CreditReview {
  const { orderId: _orderId, ...decision } = data;
  return { status, ...decision };
}

/** Folds one event into the order. Invariants are checked in `decide`, never here. */
export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderPlaced') {
    const { lines, ...placed } = event.data;
    const order: Omit<Order, 'status'> = {
      ...placed,
      lines: lines.map((l) => ({ ...l, configuration: { status: 'PENDING' } })),
      removedLineRounds: {},
      contractReview: { status: 'PENDING' },
      creditReview: { status: 'PENDING' },
      creditReserved: false,
      amendments: 0,
      dispatched: false,
      shipments: [],
      invoices: [],
    };
    return { ...order, status: deriveOrderStatus(order) };
  }
  if (state.status === 'NONE') return state;
  const order = state;
  switch (event.type) {
    case 'ContractApproved':
      return update(order, { contractReview: { status: 'APPROVED', ...omitOrderId(event.data) } });
    case 'ContractRejected':
      return update(order, {
        contractReview: { status: 'REJECTED', ...omitOrderId(event.data) },
        rejection: { stage: 'CONTRACT', reason: event.data.reason },
      });
    case 'OrderLineConfigured': {
      const { orderId: _o, lineId, configurationRound: _r, ...priced } = event.data;
      return update(
        order,
        updateLine(order, lineId, (l) => ({ ...l, configuration: { status: 'VALID', ...priced } })),
      );
    }
    case 'OrderLineConfigurationRejected': {
      const { lineId, catalogVersion, violations } = event.data;
      return update(
        order,
        updateLine(order, lineId, (l) => ({
          ...l,
          configuration: { status: 'INVALID', catalogVersion, violations },
        })),
      );
    }
    case 'OrderCreditApproved':
      return update(order, { creditReview: credit('APPROVED', event.data), creditReserved: true });
    case 'OrderCreditReleased':
      return update(order, { creditReview: credit('RELEASED', event.data), creditReserved: true });
    case 'OrderCreditHeld':
      return update(order, { creditReview: credit('HELD', event.data) });
    case 'OrderCreditAwaitingSecondSignature':
      return update(order, { creditReview: credit('AWAITING_SECOND_SIGNATURE', event.data) });
    case 'OrderCreditRejected':
      return update(order, {
        creditReview: credit('REJECTED', event.data),
        creditReserved: false,
        rejection: { stage: 'CREDIT', reason: event.data.reason ?? 'credit rejected' },
      });
    case 'OrderReleased': {
      const { orderId: _o, ...release } = event.data;
      const promised = new Map(release.supplyCommitment.map((c) => [c.lineId, c.promisedDate]));
      return update(order, {
        release,
        lines: order.lines.map((l) => ({ ...l, promisedDate: promised.get(l.lineId) })),
      });
    }
    case 'OrderAmended':
      return update(order, amended(order, event.data));
    case 'OrderCancelled': {
      const { reason, cancelledBy, cancelledAt, plannedShipmentIds } = event.data;
      const cancelled = new Set(plannedShipmentIds);
      return update(order, {
        cancellation: { reason, cancelledBy, cancelledAt },
        creditReserved: false,
        shipments: order.shipments.map((s) =>
          cancelled.has(s.shipmentId) ? { ...s, status: 'CANCELLED' } : s,
        ),
      });
    }
    case 'OrderShipmentPlanned':
    case 'OrderReplacementShipmentPlanned': {
      const { orderId: _o, ...shipment } = event.data;
      return update(order, { shipments: [...order.shipments, { ...shipment, status: 'PLANNED' }] });
    }
    case 'OrderShipmentDispatched':
      return update(order, {
        dispatched: true,
        ...updateShipment(order, event.data.shipmentId, (s) => ({ ...s, status: 'DISPATCHED' })),
      });
    case 'OrderShipmentCancelled':
      return update(
        order,
        updateShipment(order, event.data.shipmentId, (s) => ({ ...s, status: 'CANCELLED' })),
      );
    case 'OrderUnitsAccepted':
      return update(order, {
        dispatched: true,
        ...updateShipment(order, event.data.shipmentId, (s) => ({
          ...s,
          status: 'ACCEPTED',
          inspection: event.data.lines,
        })),
      });
    case 'OrderInvoiced': {
      const { orderId: _o, ...invoice } = event.data;
      return update(order, { invoices: [...order.invoices, { ...invoice, paid: false }] });
    }
    case 'OrderInvoicePaid':
      return update(order, {
        invoices: order.invoices.map((i) =>
          i.invoiceId === event.data.invoiceId ? { ...i, paid: true } : i,
        ),
      });
    case 'OrderCompleted':
      return update(order, { completedAt: event.data.completedAt });
    default:
      return assertNever(event, 'order event');
  }
}

function omitOrderId<T extends { orderId: string }>(data: T): Omit<T, 'orderId'> {
  const { orderId: _orderId, ...rest } = data;
  return rest;
}

function amended(order: Order, data: Extract<OrderEvent, { type: 'OrderAmended' }>['data']): Changes {
  const changed = new Map(data.lines.map((l) => [l.lineId, l]));
  const removed = new Set(data.removedLineIds);
  const removedLineRounds = { ...order.removedLineRounds };
  const lines: OrderLine[] = [];
  for (const line of order.lines) {
    if (removed.has(line.lineId)) {
      removedLineRounds[line.lineId] = line.configurationRound;
      continue;
    }
    const change = changed.get(line.lineId);
    lines.push(change ? { ...change, configuration: { status: 'PENDING' } } : line);
    changed.delete(line.lineId);
  }
  for (const added of changed.values()) {
    lines.push({ ...added, configuration: { status: 'PENDING' } });
    delete removedLineRounds[added.lineId];
  }
  return {
    lines: lines.map(({ promisedDate: _p, ...l }) => l),
    removedLineRounds,
    amendments: data.amendmentNumber,
    creditReview: { status: 'PENDING' },
    release: undefined,
  };
}
