import { type DomainEvent } from '@kamflow/eventsourcing';
import { type CreditGrade, type Money } from '@kamflow/shared-kernel';

/** The numbers a credit decision was made on, computed at the command's `metadata.now`. */
export interface CreditSnapshot {
  grade: CreditGrade;
  limit: Money;
  paymentTermsDays: number;
  /** Reserved by approved/released orders not yet invoiced (this order's previous reservation excluded). */
  reserved: Money;
  /** Outstanding receivables. */
  receivable: Money;
  /** reserved + receivable. */
  exposure: Money;
  /** What this decision adds to the exposure: the order total less what is already invoiced of it. */
  orderAmount: Money;
  /** exposure + orderAmount. */
  exposureAfter: Money;
  /** exposureAfter / limit in basis points (10 000 = 100 %), rounded; null when the limit is zero. */
  utilisationBp: number | null;
  /** Days past due of the oldest unpaid receivable; 0 when nothing is overdue. */
  oldestOverdueDays: number;
  policyVersion: string;
  /** The decision time (`metadata.now`) the overdue days were counted at. */
  asOf: string;
}

/** Why the policy holds an order, in the order they are listed. */
export type CreditHoldReason =
  'RECEIVABLE_OVERDUE_30' | 'RECEIVABLE_OVERDUE' | 'GRADE_C' | 'OVER_80_PERCENT' | 'OVER_LIMIT';

/** Grade, limit and terms of an account. */
export interface CreditTerms {
  grade: CreditGrade;
  limit: Money;
  paymentTermsDays: number;
}

/** A person's signature on a release. */
export interface CreditSignature {
  actor: string;
  reason: string;
  /** The capacity the person signed in: `credit-approver` when they hold that role. */
  signedAs: 'credit-analyst' | 'credit-approver';
}

export type CreditAccountOpened = DomainEvent<
  'CreditAccountOpened',
  { accountId: string; grade: CreditGrade; limit: Money; paymentTermsDays: number }
>;

/** The order passed the policy (or re-evaluation): its amount is reserved. */
export type OrderCreditApproved = DomainEvent<
  'OrderCreditApproved',
  {
    accountId: string;
    orderId: string;
    amount: Money;
    snapshot: CreditSnapshot;
    automatic: true;
    reevaluated?: true;
  }
>;

/** The order waits for a credit analyst. */
export type OrderCreditHeld = DomainEvent<
  'OrderCreditHeld',
  {
    accountId: string;
    orderId: string;
    amount: Money;
    reasons: CreditHoldReason[];
    snapshot: CreditSnapshot;
    heldAt: string;
  }
>;

/** A release above 120 % of the limit has its first signature and waits for the second. */
export type CreditReleaseAwaitingSecondSignature = DomainEvent<
  'CreditReleaseAwaitingSecondSignature',
  {
    accountId: string;
    orderId: string;
    amount: Money;
    firstSignature: CreditSignature;
    snapshot: CreditSnapshot;
  }
>;

/** A person released the hold: the amount is reserved. */
export type OrderCreditReleased = DomainEvent<
  'OrderCreditReleased',
  {
    accountId: string;
    orderId: string;
    amount: Money;
    /** The first (or only) signer's reason. */
    reason: string;
    releasedBy: string;
    secondSignatureBy?: string;
    secondSignatureReason?: string;
    snapshot: CreditSnapshot;
  }
>;

export type OrderCreditRejected = DomainEvent<
  'OrderCreditRejected',
  { accountId: string; orderId: string; reason: string; rejectedBy: string; snapshot: CreditSnapshot }
>;

/** The order was cancelled or rejected: its review ends and its reservation is freed. */
export type OrderCreditWithdrawn = DomainEvent<
  'OrderCreditWithdrawn',
  { accountId: string; orderId: string; releasedAmount: Money; reason: string }
>;

/** A re-review (the order total changed) frees the previous reservation before deciding again. */
export type OrderCreditReservationReleased = DomainEvent<
  'OrderCreditReservationReleased',
  { accountId: string; orderId: string; releasedAmount: Money; cause: 'RE_REVIEW' }
>;

/** An invoice: `reservationReleased` of the order's reservation became this receivable. */
export type ReceivableOpened = DomainEvent<
  'ReceivableOpened',
  {
    accountId: string;
    invoiceId: string;
    orderId: string;
    amount: Money;
    dueDate: string;
    reservationReleased: Money;
  }
>;

/** `amount` (capped at what was outstanding) was applied; `outstanding` is what remains. */
export type ReceivablePaymentApplied = DomainEvent<
  'ReceivablePaymentApplied',
  { accountId: string; invoiceId: string; amount: Money; outstanding: Money; receivedAt: string }
>;

/** An approved change took effect. */
export type CreditTermsChanged = DomainEvent<
  'CreditTermsChanged',
  { accountId: string; changeId: string; before: CreditTerms; after: CreditTerms }
>;

/** Every event of the credit account aggregate. */
export type CreditAccountEvent =
  | CreditAccountOpened
  | OrderCreditApproved
  | OrderCreditHeld
  | CreditReleaseAwaitingSecondSignature
  | OrderCreditReleased
  | OrderCreditRejected
  | OrderCreditWithdrawn
  | OrderCreditReservationReleased
  | ReceivableOpened
  | ReceivablePaymentApplied
  | CreditTermsChanged;
