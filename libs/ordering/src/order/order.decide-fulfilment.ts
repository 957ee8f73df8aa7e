import { Roles } from '@kamflow/shared-kernel';
import {
  type RecordAcceptance,
  type RecordInvoiceIssued,
  type RecordInvoicePaid,
  type RecordShipmentCancelled,
  type RecordShipmentDispatched,
} from './order.commands';
import { requireDate } from './order.decide-place';
import { OrderError, requireOrder, requireRole, requireShipment } from './order.errors';
import { type OrderEvent } from './order.events';
import { evolveOrder } from './order.evolve';
import { isFullyAcceptedAndPaid } from './order.queries';
import { type OrderShipment, type OrderState } from './order.state';

function refuseCancelledShipment(shipment: OrderShipment): void {
  if (shipment.status === 'CANCELLED') {
    throw new OrderError('ORDER.SHIPMENT_CANCELLED', `Shipment ${shipment.shipmentId} was cancelled`, {
      shipmentId: shipment.shipmentId,
    });
  }
}

/** 发货确认: the first dispatch closes the order to amendment and cancellation. Repeats change nothing. */
export function recordShipmentDispatched(command: RecordShipmentDispatched, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'record dispatches', Roles.System);
  const shipment = requireShipment(order, data.shipmentId);
  refuseCancelledShipment(shipment);
  if (shipment.status !== 'PLANNED') return [];
  return [
    { type: 'OrderShipmentDispatched', data: { orderId: order.orderId, shipmentId: shipment.shipmentId } },
  ];
}

/** A cancelled shipment (e.g. after a failed delivery) frees its units for planning. Repeats change nothing. */
export function recordShipmentCancelled(command: RecordShipmentCancelled, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'record shipment cancellations', Roles.System);
  const shipment = requireShipment(order, data.shipmentId);
  if (shipment.status === 'CANCELLED') return [];
  if (shipment.status === 'ACCEPTED') {
    throw new OrderError(
      'ORDER.SHIPMENT_ALREADY_ACCEPTED',
      `Shipment ${shipment.shipmentId} was already accepted`,
      {
        shipmentId: shipment.shipmentId,
      },
    );
  }
  return [
    { type: 'OrderShipmentCancelled', data: { orderId: order.orderId, shipmentId: shipment.shipmentId } },
  ];
}

/** 验机回执: every unit of the shipment was inspected, accepted or rejected. Repeats change nothing. */
export function recordAcceptance(command: RecordAcceptance, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'record acceptances', Roles.System);
  const shipment = requireShipment(order, data.shipmentId);
  refuseCancelledShipment(shipment);
  if (shipment.status === 'ACCEPTED') return [];
  const inspected = new Map(data.lines.map((l) => [l.lineId, l]));
  const count = (n: number) => Number.isInteger(n) && n >= 0;
  const lines = shipment.lines.map((planned) => inspected.get(planned.lineId));
  const matches =
    inspected.size === data.lines.length &&
    data.lines.length === shipment.lines.length &&
    lines.every(
      (result, i) =>
        result !== undefined &&
        count(result.accepted) &&
        count(result.rejected) &&
        result.accepted + result.rejected === shipment.lines[i]?.quantity,
    );
  if (!matches) {
    throw new OrderError(
      'ORDER.ACCEPTANCE_QUANTITY_MISMATCH',
      'Every unit shipped must be accepted or rejected',
      {
        field: 'lines',
        shipped: shipment.lines,
      },
    );
  }
  const results = lines.filter((l) => l !== undefined);
  return [
    {
      type: 'OrderUnitsAccepted',
      data: { orderId: order.orderId, shipmentId: shipment.shipmentId, lines: results },
    },
  ];
}

/** 发票: an invoice for the accepted units of one shipment. Repeats change nothing. */
export function recordInvoiceIssued(command: RecordInvoiceIssued, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'record invoices', Roles.System);
  if (order.invoices.some((i) => i.invoiceId === data.invoiceId)) return [];
  const shipment = requireShipment(order, data.shipmentId);
  if (!(shipment.inspection ?? []).some((l) => l.accepted > 0)) {
    throw new OrderError(
      'ORDER.NOTHING_TO_INVOICE',
      `Shipment ${shipment.shipmentId} has no accepted units`,
      {
        shipmentId: shipment.shipmentId,
      },
    );
  }
  requireDate(data.dueDate, 'dueDate');
  const { orderId, invoiceId, shipmentId, amount, dueDate } = data;
  return [{ type: 'OrderInvoiced', data: { orderId, invoiceId, shipmentId, amount, dueDate } }];
}

/** 回款: an invoice paid; the last one, with every unit accepted, completes the order. Repeats change nothing. */
export function recordInvoicePaid(command: RecordInvoicePaid, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'record payments', Roles.System);
  const invoice = order.invoices.find((i) => i.invoiceId === data.invoiceId);
  if (!invoice) {
    throw new OrderError(
      'ORDER.INVOICE_NOT_FOUND',
      `Order ${order.orderId} has no invoice ${data.invoiceId}`,
      {
        invoiceId: data.invoiceId,
      },
    );
  }
  if (invoice.paid) return [];
  const paid: OrderEvent = {
    type: 'OrderInvoicePaid',
    data: { orderId: order.orderId, invoiceId: invoice.invoiceId },
  };
  const after = evolveOrder(order, paid);
  if (after.status === 'NONE' || !isFullyAcceptedAndPaid(after)) return [paid];
  return [paid, { type: 'OrderCompleted', data: { orderId: order.orderId, completedAt: metadata.now } }];
}
