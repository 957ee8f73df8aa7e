import { type DomainEvent } from '@kamflow/eventsourcing';
import { type Money } from '@kamflow/shared-kernel';
import {
  type ConfigurationViolation,
  type CreditDecisionData,
  type DeliveryAddress,
  type InspectedLine,
  type LineCommitment,
  type OrderAccount,
  type OrderChannel,
  type OrderLineSpec,
  type ShipmentLine,
  type Signatory,
} from './order.values';

/** A line placed or amended, with the configuration round its verdict must name. */
export interface OrderLineRecord extends OrderLineSpec {
  readonly configurationRound: number;
}

/** 销售订单: the order was signed and captured; every line awaits configuration (round 1). */
export type OrderPlaced = DomainEvent<
  'OrderPlaced',
  {
    orderId: string;
    account: OrderAccount;
    channel: OrderChannel;
    signedBy: Signatory;
    customerPo: string;
    lines: readonly OrderLineRecord[];
    placedBy: string;
    placedAt: string;
  }
>;

export type ContractApproved = DomainEvent<
  'ContractApproved',
  { orderId: string; reviewer: string; reviewedAt: string }
>;

/** The contract was rejected: the order is rejected. */
export type ContractRejected = DomainEvent<
  'ContractRejected',
  { orderId: string; reviewer: string; reason: string; reviewedAt: string }
>;

export type OrderLineConfigured = DomainEvent<
  'OrderLineConfigured',
  {
    orderId: string;
    lineId: string;
    configurationRound: number;
    catalogVersion: string;
    unitPrice: Money;
    listUnitPrice?: Money;
    lineTotal: Money;
    leadTimeDays: number;
  }
>;

/** The line's configuration is invalid: it cannot proceed until amended. */
export type OrderLineConfigurationRejected = DomainEvent<
  'OrderLineConfigurationRejected',
  {
    orderId: string;
    lineId: string;
    configurationRound: number;
    catalogVersion: string;
    violations: readonly ConfigurationViolation[];
  }
>;

export type OrderCreditApproved = DomainEvent<'OrderCreditApproved', CreditDecisionData>;
export type OrderCreditHeld = DomainEvent<'OrderCreditHeld', CreditDecisionData>;
export type OrderCreditAwaitingSecondSignature = DomainEvent<
  'OrderCreditAwaitingSecondSignature',
  CreditDecisionData
>;
/** A hold was released by an analyst (and, far over the limit, a director). */
export type OrderCreditReleased = DomainEvent<'OrderCreditReleased', CreditDecisionData>;
/** Credit was refused: the order is rejected. */
export type OrderCreditRejected = DomainEvent<'OrderCreditRejected', CreditDecisionData>;

/** 供货承诺: the order is committed, with a promised date per line. */
export type OrderReleased = DomainEvent<
  'OrderReleased',
  { orderId: string; total: Money; supplyCommitment: readonly LineCommitment[]; releasedAt: string }
>;

/**
 * Lines were changed, added or removed. Changed and added lines await configuration again
 * (their new round is in `lines`); credit is reviewed again; the contract approval stands.
 */
export type OrderAmended = DomainEvent<
  'OrderAmended',
  {
    orderId: string;
    amendmentNumber: number;
    lines: readonly OrderLineRecord[];
    removedLineIds: readonly string[];
    amendedBy: string;
    amendedAt: string;
  }
>;

/** The order was cancelled; the planned shipments must be cancelled and reserved credit freed. */
export type OrderCancelled = DomainEvent<
  'OrderCancelled',
  {
    orderId: string;
    reason: string;
    plannedShipmentIds: readonly string[];
    creditReserved: boolean;
    cancelledBy: string;
    cancelledAt: string;
  }
>;

export type OrderShipmentPlanned = DomainEvent<
  'OrderShipmentPlanned',
  {
    orderId: string;
    shipmentId: string;
    providerId: string;
    plannedDate: string;
    deliveryAddress: DeliveryAddress;
    lines: readonly ShipmentLine[];
  }
>;

/** 换机: a shipment replacing units rejected on inspection. */
export type OrderReplacementShipmentPlanned = DomainEvent<
  'OrderReplacementShipmentPlanned',
  {
    orderId: string;
    shipmentId: string;
    replacesShipmentId: string;
    providerId: string;
    plannedDate: string;
    deliveryAddress: DeliveryAddress;
    lines: readonly ShipmentLine[];
  }
>;

export type OrderShipmentDispatched = DomainEvent<
  'OrderShipmentDispatched',
  { orderId: string; shipmentId: string }
>;
export type OrderShipmentCancelled = DomainEvent<
  'OrderShipmentCancelled',
  { orderId: string; shipmentId: string }
>;

export type OrderUnitsAccepted = DomainEvent<
  'OrderUnitsAccepted',
  { orderId: string; shipmentId: string; lines: readonly InspectedLine[] }
>;

export type OrderInvoiced = DomainEvent<
  'OrderInvoiced',
  { orderId: string; invoiceId: string; shipmentId: string; amount: Money; dueDate: string }
>;

export type OrderInvoicePaid = DomainEvent<'OrderInvoicePaid', { orderId: string; invoiceId: string }>;

/** Every unit accepted and every invoice paid. */
export type OrderCompleted = DomainEvent<'OrderCompleted', { orderId: string; completedAt: string }>;

/** Every event of the order stream. */
export type OrderEvent =
  | OrderPlaced
  | ContractApproved
  | ContractRejected
  | OrderLineConfigured
  | OrderLineConfigurationRejected
  | OrderCreditApproved
  | OrderCreditHeld
  | OrderCreditAwaitingSecondSignature
  | OrderCreditReleased
  | OrderCreditRejected
  | OrderReleased
  | OrderAmended
  | OrderCancelled
  | OrderShipmentPlanned
  | OrderReplacementShipmentPlanned
  | OrderShipmentDispatched
  | OrderShipmentCancelled
  | OrderUnitsAccepted
  | OrderInvoiced
  | OrderInvoicePaid
  | OrderCompleted;

/** Event type names, e.g. for subscriptions and upcaster registration. */
export const ORDER_EVENT_TYPES: readonly OrderEvent['type'][] = [
  'OrderPlaced',
  'ContractApproved',
  'ContractRejected',
  'OrderLineConfigured',
  'OrderLineConfigurationRejected',
  'OrderCreditApproved',
  'OrderCreditHeld',
  'OrderCreditAwaitingSecondSignature',
  'OrderCreditReleased',
  'OrderCreditRejected',
  'OrderReleased',
  'OrderAmended',
  'OrderCancelled',
  'OrderShipmentPlanned',
  'OrderReplacementShipmentPlanned',
  'OrderShipmentDispatched',
  'OrderShipmentCancelled',
  'OrderUnitsAccepted',
  'OrderInvoiced',
  'OrderInvoicePaid',
  'OrderCompleted',
];
