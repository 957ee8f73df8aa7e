import { type Inspection } from '@kamflow/acceptance';
import { type Invoice } from '@kamflow/billing';
import { type Shipment } from '@kamflow/delivery';
import { type Order, orderTotal } from '@kamflow/ordering';
import { type AwaitedAcceptance } from '@kamflow/projections';

/** What the order detail is shaped from: the order and the folded states of its shipments and invoices. */
export interface OrderDetailSource {
  order: Order;
  /** Revision of the order stream (the ETag). */
  revision: number;
  shipments: ReadonlyMap<
    string,
    { shipment: Shipment | null; inspection: Inspection | null; acceptance: AwaitedAcceptance | null }
  >;
  invoices: ReadonlyMap<string, Invoice | null>;
}

/** `GET /orders/{id}`: the order with lines, reviews, promised dates, shipments, receipts, invoices and payments. */
export function orderDetailView({
  order,
  revision,
  shipments: states,
  invoices: invoiceStates,
}: OrderDetailSource) {
  const shipments = order.shipments.map((s) => {
    const {
      shipment: state = null,
      inspection = null,
      acceptance: awaited = null,
    } = states.get(s.shipmentId) ?? {};
    return {
      id: s.shipmentId,
      status: state ? state.status : 'PLANNED',
      providerId: state ? state.providerId : s.providerId,
      plannedDate: state ? state.plannedDate : s.plannedDate,
      deliveryAddress: s.deliveryAddress,
      lines: s.lines,
      ...(s.replacesShipmentId ? { replacesShipmentId: s.replacesShipmentId } : {}),
      ...(state?.deliveredAt ? { deliveredAt: state.deliveredAt } : {}),
      ...(state?.lastFailure ? { lastFailure: state.lastFailure } : {}),
      ...(state?.pickUpNotes.length ? { pickUpNotes: state.pickUpNotes } : {}),
      ...(awaited ? { acceptanceDueAt: awaited.acceptanceDueAt, acceptanceOverdue: awaited.overdue } : {}),
      inspection: inspection ?? undefined,
    };
  });
  const receipts = shipments.flatMap((s) =>
    s.inspection?.status === 'SIGNED' && s.inspection.receipt
      ? [
          {
            shipmentId: s.id,
            ...s.inspection.receipt,
            lines: order.shipments.find((x) => x.shipmentId === s.id)?.inspection,
          },
        ]
      : [],
  );
  const invoices = order.invoices.map((i) => {
    const state = invoiceStates.get(i.invoiceId);
    if (!state) return { id: i.invoiceId, amount: i.amount, dueDate: i.dueDate, status: 'ISSUING' };
    return {
      id: state.invoiceId,
      shipmentId: i.shipmentId,
      receiptId: state.receiptId,
      amount: state.amount,
      paid: { amount: state.amount.amount - state.outstanding.amount, currency: state.amount.currency },
      outstanding: state.outstanding,
      dueDate: state.dueDate,
      status: state.status === 'PAID' ? 'PAID' : state.dunningLevel > 0 ? 'OVERDUE' : 'OPEN',
      dunningLevel: state.dunningLevel,
      channel: state.channel,
      ...(state.commerceProviderId ? { commerceProviderId: state.commerceProviderId } : {}),
      payments: state.payments.map((p) => ({
        ...p,
        amount: { amount: p.amount, currency: state.amount.currency },
      })),
    };
  });
  return {
    id: order.orderId,
    revision,
    status: order.status,
    account: order.account,
    channel: order.channel,
    signedBy: order.signedBy,
    customerPo: order.customerPo,
    placedBy: order.placedBy,
    placedAt: order.placedAt,
    total: orderTotal(order) ?? null,
    lines: order.lines.map((l) => ({
      lineId: l.lineId,
      modelId: l.modelId,
      optionIds: l.optionIds,
      quantity: l.quantity,
      requestedDate: l.requestedDate,
      deliveryAddress: l.deliveryAddress,
      configuration: l.configuration,
      ...(l.promisedDate ? { promisedDate: l.promisedDate } : {}),
    })),
    contractReview: order.contractReview,
    creditReview: order.creditReview,
    ...(order.release ? { release: order.release } : {}),
    shipments: shipments.map(({ inspection: _i, ...s }) => s),
    acceptanceReceipts: receipts,
    invoices,
    ...(order.rejection ? { rejection: order.rejection } : {}),
    ...(order.cancellation ? { cancellation: order.cancellation } : {}),
    ...(order.completedAt ? { completedAt: order.completedAt } : {}),
  };
}

export type OrderDetail = ReturnType<typeof orderDetailView>;
