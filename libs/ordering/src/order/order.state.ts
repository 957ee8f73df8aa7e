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

/** The status the API shows (`GET /orders/{id}`). */
export type OrderStatus =
  'UNDER_REVIEW' | 'CREDIT_HOLD' | 'REJECTED' | 'RELEASED' | 'IN_FULFILMENT' | 'COMPLETED' | 'CANCELLED';

/** Per-line configuration sub-status (特配). */
export type LineConfiguration =
  | { readonly status: 'PENDING' }
  | {
      readonly status: 'VALID';
      readonly catalogVersion: string;
      readonly unitPrice: Money;
      readonly listUnitPrice?: Money;
      readonly lineTotal: Money;
      readonly leadTimeDays: number;
    }
  | {
      readonly status: 'INVALID';
      readonly catalogVersion: string;
      readonly violations: readonly ConfigurationViolation[];
    };

export interface OrderLine extends OrderLineSpec {
  /** Bumped by every amendment of the line; a configuration verdict must name the current round. */
  readonly configurationRound: number;
  readonly configuration: LineConfiguration;
  /** Set on release. */
  readonly promisedDate?: string;
}

/** 合同审核 sub-status. */
export type ContractReview =
  | { readonly status: 'PENDING' }
  | { readonly status: 'APPROVED'; readonly reviewer: string; readonly reviewedAt: string }
  | {
      readonly status: 'REJECTED';
      readonly reviewer: string;
      readonly reason: string;
      readonly reviewedAt: string;
    };

/** 信用审核 sub-status: `PENDING` until the credit context decides (it starts once every line is priced). */
export type CreditReviewStatus =
  'PENDING' | 'APPROVED' | 'HELD' | 'AWAITING_SECOND_SIGNATURE' | 'RELEASED' | 'REJECTED';

export type CreditReview =
  | { readonly status: 'PENDING' }
  | ({ readonly status: Exclude<CreditReviewStatus, 'PENDING'> } & Omit<CreditDecisionData, 'orderId'>);

export type ShipmentStatus = 'PLANNED' | 'DISPATCHED' | 'ACCEPTED' | 'CANCELLED';

export interface OrderShipment {
  readonly shipmentId: string;
  readonly providerId: string;
  readonly plannedDate: string;
  readonly deliveryAddress: DeliveryAddress;
  readonly lines: readonly ShipmentLine[];
  readonly replacesShipmentId?: string;
  readonly status: ShipmentStatus;
  /** Set once the acceptance receipt is recorded. */
  readonly inspection?: readonly InspectedLine[];
}

export interface OrderInvoice {
  readonly invoiceId: string;
  readonly shipmentId: string;
  readonly amount: Money;
  readonly dueDate: string;
  readonly paid: boolean;
}

/** A placed order. `status` is derived from the rest after every event. */
export interface Order {
  readonly status: OrderStatus;
  readonly orderId: string;
  readonly account: OrderAccount;
  readonly channel: OrderChannel;
  readonly signedBy: Signatory;
  readonly customerPo: string;
  readonly placedBy: string;
  readonly placedAt: string;
  readonly lines: readonly OrderLine[];
  /** Last configuration round of removed lines, so a re-added line id never reuses a round. */
  readonly removedLineRounds: Readonly<Record<string, number>>;
  readonly contractReview: ContractReview;
  readonly creditReview: CreditReview;
  /** Credit was approved or released and the reservation not yet given back (rejection, cancel). */
  readonly creditReserved: boolean;
  readonly amendments: number;
  /** Set while the order stands released; cleared by an amendment. */
  readonly release?: {
    readonly releasedAt: string;
    readonly total: Money;
    readonly supplyCommitment: readonly LineCommitment[];
  };
  /** A shipment was dispatched: no more amendments or cancellation. */
  readonly dispatched: boolean;
  readonly shipments: readonly OrderShipment[];
  readonly invoices: readonly OrderInvoice[];
  readonly rejection?: { readonly stage: 'CONTRACT' | 'CREDIT'; readonly reason: string };
  readonly cancellation?: {
    readonly reason: string;
    readonly cancelledBy: string;
    readonly cancelledAt: string;
  };
  readonly completedAt?: string;
}

/** No order has been placed on the stream yet. */
export interface NoOrder {
  readonly status: 'NONE';
}

/** The state of an `order-<id>` stream. */
export type OrderState = NoOrder | Order;

export const initialOrderState = (): OrderState => ({ status: 'NONE' });
