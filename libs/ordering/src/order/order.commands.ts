import { type Command } from '@kamflow/eventsourcing';
import { type Money } from '@kamflow/shared-kernel';
import {
  type ConfigurationViolation,
  type CreditOutcome,
  type DeliveryAddress,
  type InspectedLine,
  type OrderAccount,
  type OrderChannel,
  type OrderLineSpec,
  type ShipmentLine,
  type Signatory,
} from './order.values';

/** Places (signs) an order. Order desk or an agent principal; never an account manager alone. */
export type PlaceOrder = Command<
  'PlaceOrder',
  {
    orderId: string;
    account: OrderAccount;
    channel: OrderChannel;
    signedBy: Signatory;
    customerPo: string;
    lines: readonly OrderLineSpec[];
  }
>;

/** 合同审核: a contract reviewer approves, or rejects with a reason. */
export type ReviewContract = Command<
  'ReviewContract',
  { orderId: string; decision: 'APPROVE' | 'REJECT'; reason?: string }
>;

/**
 * Records the configuration context's verdict on one line (process manager). Stale verdicts,
 * for a `configurationRound` the line has moved past, are ignored.
 */
export type RecordLineConfiguration = Command<
  'RecordLineConfiguration',
  {
    orderId: string;
    lineId: string;
    configurationRound: number;
    valid: boolean;
    catalogVersion: string;
    unitPrice?: Money;
    listUnitPrice?: Money;
    /** Defaults to unitPrice × quantity. */
    lineTotal?: Money;
    leadTimeDays?: number;
    violations?: readonly ConfigurationViolation[];
  }
>;

/** Records the credit context's decision (process manager). Decisions on another amount are stale. */
export type RecordCreditDecision = Command<
  'RecordCreditDecision',
  {
    orderId: string;
    outcome: CreditOutcome;
    amount: Money;
    snapshot: Readonly<Record<string, unknown>>;
    reason?: string;
    decidedBy?: string;
  }
>;

/** Releases the order once all three reviews passed (process manager); computes promised dates. */
export type ReleaseOrder = Command<'ReleaseOrder', { orderId: string }>;

/** Changes or adds lines (quantity 0 removes a line); order desk, until the first dispatch. */
export type AmendOrder = Command<'AmendOrder', { orderId: string; lines: readonly OrderLineSpec[] }>;

/** Cancels the order; order desk, until the first dispatch. */
export type CancelOrder = Command<'CancelOrder', { orderId: string; reason: string }>;

/** Allocates units of released lines to a shipment; order desk. */
export type PlanShipment = Command<
  'PlanOrderShipment',
  {
    orderId: string;
    shipmentId: string;
    providerId: string;
    /** `YYYY-MM-DD`. */
    plannedDate: string;
    deliveryAddress: DeliveryAddress;
    lines: readonly ShipmentLine[];
  }
>;

/**
 * Plans a replacement for units rejected on inspection (换机); process manager or order desk.
 * Provider and address default to the replaced shipment's, the date to the next business day.
 */
export type PlanReplacementShipment = Command<
  'PlanReplacementShipment',
  {
    orderId: string;
    shipmentId: string;
    replacesShipmentId: string;
    lines: readonly ShipmentLine[];
    providerId?: string;
    plannedDate?: string;
    deliveryAddress?: DeliveryAddress;
  }
>;

/** Process manager: the shipment was dispatched (发货确认). */
export type RecordShipmentDispatched = Command<
  'RecordShipmentDispatched',
  { orderId: string; shipmentId: string }
>;

/** Process manager: the shipment was cancelled; its units are free to plan again. */
export type RecordShipmentCancelled = Command<
  'RecordShipmentCancelled',
  { orderId: string; shipmentId: string }
>;

/** Process manager: the acceptance receipt of a shipment was signed (验机回执). */
export type RecordAcceptance = Command<
  'RecordAcceptance',
  { orderId: string; shipmentId: string; lines: readonly InspectedLine[] }
>;

/** Process manager: an invoice was issued for the accepted units of a shipment. */
export type RecordInvoiceIssued = Command<
  'RecordInvoiceIssued',
  { orderId: string; invoiceId: string; shipmentId: string; amount: Money; dueDate: string }
>;

/** Process manager: an invoice was paid in full. */
export type RecordInvoicePaid = Command<'RecordInvoicePaid', { orderId: string; invoiceId: string }>;

/** Every command the order aggregate accepts. */
export type OrderCommand =
  | PlaceOrder
  | ReviewContract
  | RecordLineConfiguration
  | RecordCreditDecision
  | ReleaseOrder
  | AmendOrder
  | CancelOrder
  | PlanShipment
  | PlanReplacementShipment
  | RecordShipmentDispatched
  | RecordShipmentCancelled
  | RecordAcceptance
  | RecordInvoiceIssued
  | RecordInvoicePaid;
