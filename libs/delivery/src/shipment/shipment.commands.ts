import { type Command } from '@kamflow/eventsourcing';

/** Where a shipment goes and whom the driver calls. */
export interface DeliveryAddress {
  region: string;
  city: string;
  address: string;
  contact: string;
  phone: string;
}

/** One order line (or part of it) travelling on a shipment. */
export interface ShipmentLine {
  lineId: string;
  modelId: string;
  quantity: number;
}

/** The statuses a logistics provider reports. */
export type ReportableStatus =
  'READY_TO_SHIP' | 'PICKED_UP' | 'DISPATCHED' | 'IN_TRANSIT' | 'DELIVERED' | 'FAILED';

/** Plans a shipment for an order (sent by the process manager once the order allocated the quantities). */
export type PlanShipment = Command<
  'PlanShipment',
  {
    shipmentId: string;
    orderId: string;
    accountId: string;
    providerId: string;
    /** `YYYY-MM-DD`. */
    plannedDate: string;
    deliveryAddress: DeliveryAddress;
    lines: ShipmentLine[];
    /** Set when this shipment replaces units rejected on another shipment (换机). */
    replacesShipmentId?: string;
  }
>;

/** The order desk hands a shipment to another logistics provider (before pick-up only). */
export type ReassignShipmentProvider = Command<
  'ReassignShipmentProvider',
  { shipmentId: string; providerId: string; reason: string }
>;

/** The assigned logistics provider reports progress. */
export type ReportShipmentStatus = Command<
  'ReportShipmentStatus',
  {
    shipmentId: string;
    status: ReportableStatus;
    /** When it happened, ISO 8601. */
    at: string;
    /** Free text; required for `FAILED` (the reason). */
    note?: string;
    /** The 提货单 number for `PICKED_UP`; derived from the shipment id when the provider has none. */
    pickUpNoteNo?: string;
  }
>;

/** The order desk gives a failed (or still planned) shipment a new date. */
export type RescheduleShipment = Command<
  'RescheduleShipment',
  { shipmentId: string; plannedDate: string; reason: string }
>;

/** Cancels a shipment that has not been dispatched (order cancellation compensation, or the desk). */
export type CancelShipment = Command<'CancelShipment', { shipmentId: string; reason: string }>;

/** Every command the shipment aggregate accepts. */
export type ShipmentCommand =
  PlanShipment | ReassignShipmentProvider | ReportShipmentStatus | RescheduleShipment | CancelShipment;
