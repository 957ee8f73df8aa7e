import { type InspectionEvent } from '@kamflow/acceptance';
import { type InvoiceEvent } from '@kamflow/billing';
import { type ShipmentEvent } from '@kamflow/delivery';
import { type RecordedEvent, streamCategory } from '@kamflow/eventsourcing';
import { type OrderProcessEvent } from '@kamflow/fulfilment';
import { type OrderEvent } from '@kamflow/ordering';

/** Known event types per stream category; a record so a new event type is a compile error here. */
const ORDER: Record<OrderEvent['type'], true> = {
  OrderPlaced: true,
  ContractApproved: true,
  ContractRejected: true,
  OrderLineConfigured: true,
  OrderLineConfigurationRejected: true,
  OrderCreditApproved: true,
  OrderCreditHeld: true,
  OrderCreditAwaitingSecondSignature: true,
  OrderCreditReleased: true,
  OrderCreditRejected: true,
  OrderReleased: true,
  OrderAmended: true,
  OrderCancelled: true,
  OrderShipmentPlanned: true,
  OrderReplacementShipmentPlanned: true,
  OrderShipmentDispatched: true,
  OrderShipmentCancelled: true,
  OrderUnitsAccepted: true,
  OrderInvoiced: true,
  OrderInvoicePaid: true,
  OrderCompleted: true,
};
const SHIPMENT: Record<ShipmentEvent['type'], true> = {
  ShipmentPlanned: true,
  ShipmentProviderReassigned: true,
  ShipmentReadyToShip: true,
  ShipmentPickUpNoteIssued: true,
  ShipmentDispatched: true,
  ShipmentInTransit: true,
  ShipmentDelivered: true,
  ShipmentDeliveryFailed: true,
  ShipmentRescheduled: true,
  ShipmentCancelled: true,
};
const ACCEPTANCE: Record<InspectionEvent['type'], true> = {
  InspectionOpened: true,
  AcceptanceReceiptSigned: true,
  ReplacementRequested: true,
};
const INVOICE: Record<InvoiceEvent['type'], true> = {
  InvoiceIssued: true,
  PaymentRecorded: true,
  InvoicePaid: true,
  InvoiceOverdue: true,
};
const ORDER_PROCESS: Record<OrderProcessEvent['type'], true> = {
  AcceptanceAwaited: true,
  AcceptanceReceived: true,
  AcceptanceOverdue: true,
};

const BY_CATEGORY = {
  order: ORDER,
  shipment: SHIPMENT,
  acceptance: ACCEPTANCE,
  invoice: INVOICE,
  orderProcess: ORDER_PROCESS,
} as const satisfies Record<string, Record<string, true>>;

export type KnownCategory = keyof typeof BY_CATEGORY;

/** The event narrowed by its stream category, when it is one of the known domain events. */
export type KnownEvent =
  | { category: 'order'; event: OrderEvent }
  | { category: 'shipment'; event: ShipmentEvent }
  | { category: 'acceptance'; event: InspectionEvent }
  | { category: 'invoice'; event: InvoiceEvent }
  | { category: 'orderProcess'; event: OrderProcessEvent };

/** Classifies a recorded event of one of `categories`; undefined for other categories or unknown types. */
export function knownEvent(
  event: RecordedEvent,
  categories: readonly KnownCategory[],
): KnownEvent | undefined {
  const category = streamCategory(event.streamId) as KnownCategory;
  if (!categories.includes(category)) return undefined;
  const types: Record<string, true> = BY_CATEGORY[category];
  if (!types[event.type]) return undefined;
  return { category, event: event as unknown } as KnownEvent;
}
