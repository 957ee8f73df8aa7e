import { type DomainEvent } from '@kamflow/eventsourcing';
import { type DeliveryAddress, type ShipmentLine } from './shipment.commands';
import { type ShipmentStatus } from './shipment.state';

/** Fields every progress event carries, so consumers need not fold the stream. */
interface ShipmentRef {
  shipmentId: string;
  orderId: string;
  providerId: string;
}

/** A shipment was planned for an order and assigned to a logistics provider. */
export type ShipmentPlanned = DomainEvent<
  'ShipmentPlanned',
  ShipmentRef & {
    accountId: string;
    plannedDate: string;
    deliveryAddress: DeliveryAddress;
    lines: ShipmentLine[];
    replacesShipmentId?: string;
    plannedAt: string;
  }
>;

/** The order desk moved the shipment to another provider. */
export type ShipmentProviderReassigned = DomainEvent<
  'ShipmentProviderReassigned',
  ShipmentRef & { previousProviderId: string; reason: string; reassignedAt: string }
>;

/** 可发货: the provider confirmed the goods are ready to leave. */
export type ShipmentReadyToShip = DomainEvent<
  'ShipmentReadyToShip',
  ShipmentRef & { at: string; note?: string }
>;

/** 提货单: the provider picked the goods up against a pick-up note. */
export type ShipmentPickUpNoteIssued = DomainEvent<
  'ShipmentPickUpNoteIssued',
  ShipmentRef & { pickUpNoteNo: string; at: string; note?: string }
>;

/** 发货确认: the goods left. From here the shipment (and its order) can no longer be cancelled. */
export type ShipmentDispatched = DomainEvent<
  'ShipmentDispatched',
  ShipmentRef & { at: string; note?: string }
>;

/** The goods are on their way to the customer. */
export type ShipmentInTransit = DomainEvent<'ShipmentInTransit', ShipmentRef & { at: string; note?: string }>;

/** The goods reached the customer; on-site inspection (验机) is next. */
export type ShipmentDelivered = DomainEvent<
  'ShipmentDelivered',
  ShipmentRef & { accountId: string; lines: ShipmentLine[]; deliveredAt: string; note?: string }
>;

/** The delivery attempt failed; the desk reschedules it. `from` is the status it failed in. */
export type ShipmentDeliveryFailed = DomainEvent<
  'ShipmentDeliveryFailed',
  ShipmentRef & { from: ShipmentStatus; reason: string; failedAt: string }
>;

/** The desk gave the shipment a new date; it starts over from PLANNED. */
export type ShipmentRescheduled = DomainEvent<
  'ShipmentRescheduled',
  ShipmentRef & { plannedDate: string; previousPlannedDate: string; reason: string; rescheduledAt: string }
>;

/** The shipment will not happen; `lines` go back to the order. */
export type ShipmentCancelled = DomainEvent<
  'ShipmentCancelled',
  ShipmentRef & { lines: ShipmentLine[]; reason: string; cancelledAt: string }
>;

/** Every event of the shipment stream. */
export type ShipmentEvent =
  | ShipmentPlanned
  | ShipmentProviderReassigned
  | ShipmentReadyToShip
  | ShipmentPickUpNoteIssued
  | ShipmentDispatched
  | ShipmentInTransit
  | ShipmentDelivered
  | ShipmentDeliveryFailed
  | ShipmentRescheduled
  | ShipmentCancelled;
