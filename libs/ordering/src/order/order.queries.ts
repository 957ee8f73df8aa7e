import { type Money, sum } from '@kamflow/shared-kernel';
import { type Order, type OrderShipment, type OrderState, type OrderStatus } from './order.state';

/** The status an order is in, from its reviews, release, shipments and invoices. */
export function deriveOrderStatus(order: Omit<Order, 'status'>): OrderStatus {
  if (order.cancellation) return 'CANCELLED';
  if (order.rejection) return 'REJECTED';
  if (order.completedAt) return 'COMPLETED';
  if (order.dispatched) return 'IN_FULFILMENT';
  if (order.release) return 'RELEASED';
  const credit = order.creditReview.status;
  if (credit === 'HELD' || credit === 'AWAITING_SECOND_SIGNATURE') return 'CREDIT_HOLD';
  return 'UNDER_REVIEW';
}

/** The API status of the order; undefined when no order was placed on the stream. */
export function orderStatus(state: OrderState): OrderStatus | undefined {
  return state.status === 'NONE' ? undefined : state.status;
}

/** Cancelled, rejected or completed: nothing more happens to the order's terms. */
export function isClosed(order: Order): boolean {
  return order.status === 'CANCELLED' || order.status === 'REJECTED' || order.status === 'COMPLETED';
}

/** The priced total of the order; undefined until every line is configured and priced. */
export function orderTotal(state: OrderState): Money | undefined {
  if (state.status === 'NONE') return undefined;
  const totals: Money[] = [];
  for (const line of state.lines) {
    if (line.configuration.status !== 'VALID') return undefined;
    totals.push(line.configuration.lineTotal);
  }
  return sum(totals, totals[0]?.currency);
}

/**
 * True when the credit review should run: the order is open, every line is configured
 * and priced, and credit has not been decided for the current terms.
 */
export function readyForCreditReview(state: OrderState): boolean {
  if (state.status === 'NONE' || isClosed(state)) return false;
  return state.creditReview.status === 'PENDING' && orderTotal(state) !== undefined;
}

/** True when contract, configuration and credit all passed and the order is not yet released. */
export function readyForRelease(state: OrderState): boolean {
  if (state.status === 'NONE' || isClosed(state) || state.release) return false;
  const credit = state.creditReview.status;
  return (
    state.contractReview.status === 'APPROVED' &&
    (credit === 'APPROVED' || credit === 'RELEASED') &&
    orderTotal(state) !== undefined
  );
}

function lineQuantity(shipment: OrderShipment, lineId: string): number {
  return shipment.lines.find((l) => l.lineId === lineId)?.quantity ?? 0;
}

/** Units of a line rejected on `shipment`'s inspection and not yet covered by an active replacement. */
export function unreplacedRejected(order: Order, shipment: OrderShipment, lineId: string): number {
  const rejected = shipment.inspection?.find((l) => l.lineId === lineId)?.rejected ?? 0;
  const replaced = order.shipments
    .filter((s) => s.replacesShipmentId === shipment.shipmentId && s.status !== 'CANCELLED')
    .reduce((n, s) => n + lineQuantity(s, lineId), 0);
  return Math.max(0, rejected - replaced);
}

/**
 * Units of a line the desk can no longer plan: on the way, accepted, or rejected and reserved
 * for their (automatic) replacement. Cancelled shipments free their units.
 */
export function allocatedUnits(order: Order, lineId: string): number {
  let allocated = 0;
  for (const shipment of order.shipments) {
    if (shipment.status === 'CANCELLED') continue;
    const inspected = shipment.inspection?.find((l) => l.lineId === lineId);
    allocated += inspected
      ? inspected.accepted + unreplacedRejected(order, shipment, lineId)
      : lineQuantity(shipment, lineId);
  }
  return allocated;
}

/** Units of a line accepted on site, over all shipments. */
export function acceptedUnits(order: Order, lineId: string): number {
  return order.shipments.reduce(
    (n, s) => n + (s.inspection?.find((l) => l.lineId === lineId)?.accepted ?? 0),
    0,
  );
}

/** Every ordered unit accepted, every shipment with accepted units invoiced, every invoice paid. */
export function isFullyAcceptedAndPaid(order: Order): boolean {
  const allAccepted = order.lines.every((line) => acceptedUnits(order, line.lineId) >= line.quantity);
  const allInvoiced = order.shipments
    .filter((s) => (s.inspection ?? []).some((l) => l.accepted > 0))
    .every((s) => order.invoices.some((i) => i.shipmentId === s.shipmentId));
  return allAccepted && allInvoiced && order.invoices.length > 0 && order.invoices.every((i) => i.paid);
}
