import { evolveInspection, initialInspectionState, type Inspection } from '@kamflow/acceptance';
import { evolveInvoice, initialInvoiceState, type Invoice } from '@kamflow/billing';
import { evolveShipment, initialShipmentState, nextStep, type Shipment } from '@kamflow/delivery';
import { orderProcessDecider, type OrderProcessEvent, type OrderProcessState } from '@kamflow/fulfilment';
import { evolveOrder, initialOrderState, type Order, type OrderEvent, orderTotal } from '@kamflow/ordering';
import { type RecordedEvent } from '@kamflow/eventsourcing';
import { type InspectionEvent } from '@kamflow/acceptance';
import { type InvoiceEvent } from '@kamflow/billing';
import { type ShipmentEvent } from '@kamflow/delivery';
import { put, type Row, type RowChange } from '../projection';
import { ORDER_INVOICES_TABLE, ORDER_SHIPMENTS_TABLE, ORDERS_TABLE } from './order-tables';

/** The acceptance the fulfilment process awaits for one delivered shipment. */
export type AwaitedAcceptance = OrderProcessState['acceptances'][string];

/** A row of `rm_orders`. */
export interface OrderRow extends Row {
  status: Order['status'];
  account_id: string;
  account_name: string;
  account_manager: string;
  customer_po: string;
  placed_at: string;
  total_amount: number | null;
  currency: string | null;
  /** Revision of the `order-<id>` stream (the ETag of `GET /orders/{id}`). */
  revision: number;
  doc: Order;
  updated_at: string;
}

/** A row of `rm_order_shipments`: documents are null until their stream has an event. */
export interface OrderShipmentRow extends Row {
  order_id: string | null;
  provider_id: string | null;
  status: Shipment['status'] | null;
  planned_date: string | null;
  next_step: string | null;
  shipment: Shipment | null;
  inspection: Inspection | null;
  acceptance: AwaitedAcceptance | null;
  updated_at: string;
}

/** A row of `rm_order_invoices`. */
export interface OrderInvoiceRow extends Row {
  order_id: string;
  account_id: string;
  status: Invoice['status'];
  invoice: Invoice;
  updated_at: string;
}

export function evolveOrderRow(
  row: OrderRow | undefined,
  recorded: RecordedEvent,
  event: OrderEvent,
): RowChange[] {
  const order = evolveOrder(row?.doc ?? initialOrderState(), event);
  if (order.status === 'NONE') return [];
  const total = orderTotal(order);
  const next: OrderRow = {
    id: order.orderId,
    status: order.status,
    account_id: order.account.accountId,
    account_name: order.account.name,
    account_manager: order.account.accountManager,
    customer_po: order.customerPo,
    placed_at: order.placedAt,
    total_amount: total?.amount ?? null,
    currency: total?.currency ?? null,
    revision: recorded.streamRevision,
    doc: order,
    updated_at: recorded.occurredAt,
  };
  return [put(ORDERS_TABLE.name, next)];
}

type ShipmentSide =
  | { kind: 'shipment'; event: ShipmentEvent }
  | { kind: 'acceptance'; event: InspectionEvent }
  | { kind: 'orderProcess'; event: OrderProcessEvent };

export function evolveShipmentRow(
  id: string,
  row: OrderShipmentRow | undefined,
  recorded: RecordedEvent,
  side: ShipmentSide,
): RowChange[] {
  let shipment = row?.shipment ?? null;
  let inspection = row?.inspection ?? null;
  let acceptance = row?.acceptance ?? null;
  switch (side.kind) {
    case 'shipment': {
      const s = evolveShipment(shipment ?? initialShipmentState(), side.event);
      shipment = s.status === 'NONE' ? null : s;
      break;
    }
    case 'acceptance': {
      const i = evolveInspection(inspection ?? initialInspectionState(), side.event);
      inspection = i.status === 'NONE' ? null : i;
      break;
    }
    case 'orderProcess': {
      const state = orderProcessDecider.evolve(
        { acceptances: acceptance ? { [id]: acceptance } : {} },
        side.event,
      );
      acceptance = state.acceptances[id] ?? null;
      break;
    }
  }
  const orderId =
    shipment?.orderId ?? inspection?.orderId ?? (recorded.data as { orderId?: string }).orderId ?? null;
  const next: OrderShipmentRow = {
    id,
    order_id: orderId,
    provider_id: shipment?.providerId ?? null,
    status: shipment?.status ?? null,
    planned_date: shipment?.plannedDate ?? null,
    next_step: shipment ? nextStep(shipment, { acceptanceSigned: inspection?.status === 'SIGNED' }) : null,
    shipment,
    inspection,
    acceptance,
    updated_at: recorded.occurredAt,
  };
  return [put(ORDER_SHIPMENTS_TABLE.name, next)];
}

export function evolveInvoiceRow(
  row: OrderInvoiceRow | undefined,
  recorded: RecordedEvent,
  event: InvoiceEvent,
): RowChange[] {
  const invoice = evolveInvoice(row?.invoice ?? initialInvoiceState(), event);
  if (invoice.status === 'NONE') return [];
  const next: OrderInvoiceRow = {
    id: invoice.invoiceId,
    order_id: invoice.orderId,
    account_id: invoice.accountId,
    status: invoice.status,
    invoice,
    updated_at: recorded.occurredAt,
  };
  return [put(ORDER_INVOICES_TABLE.name, next)];
}
