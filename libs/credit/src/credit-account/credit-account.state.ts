import { type Money } from '@kamflow/shared-kernel';
import { type CreditHoldReason, type CreditSignature, type CreditTerms } from './credit-account.events';

/** Where an order's credit review stands. */
export type CreditReviewStatus =
  'APPROVED' | 'HELD' | 'AWAITING_SECOND_SIGNATURE' | 'REJECTED' | 'RELEASED' | 'WITHDRAWN';

/** Reviews that still count: a decision in force or a hold waiting for a person. */
export const ACTIVE_REVIEW_STATUSES: readonly CreditReviewStatus[] = [
  'APPROVED',
  'RELEASED',
  'HELD',
  'AWAITING_SECOND_SIGNATURE',
];

/** Reviews a person can still release or reject, and re-evaluation may approve. */
export const HELD_REVIEW_STATUSES: readonly CreditReviewStatus[] = ['HELD', 'AWAITING_SECOND_SIGNATURE'];

/** One order's credit review on the account. */
export interface CreditReview {
  orderId: string;
  status: CreditReviewStatus;
  /** The order total the review was asked for. */
  amount: Money;
  /** The policy's reasons of the latest hold; empty once approved. */
  reasons: readonly CreditHoldReason[];
  /** Increases with every hold: re-evaluation serves held orders in this order. */
  holdSequence?: number;
  heldAt?: string;
  /** Set while the release waits for a second signature. */
  firstSignature?: CreditSignature;
}

/** An open invoice of the account as credit sees it. */
export interface Receivable {
  invoiceId: string;
  orderId: string;
  amount: Money;
  outstanding: Money;
  /** `YYYY-MM-DD`. */
  dueDate: string;
}

/** An open credit account (信用账户): terms, reservations, receivables and the reviews decided on them. */
export interface OpenCreditAccountState extends CreditTerms {
  status: 'open';
  accountId: string;
  /** Credit reserved per order id by approved or released orders, less what has been invoiced. */
  reservations: Readonly<Record<string, Money>>;
  receivables: Readonly<Record<string, Receivable>>;
  reviews: Readonly<Record<string, CreditReview>>;
  /** Change ids already applied (ApplyCreditTerms is idempotent per change). */
  appliedChangeIds: readonly string[];
  holdCount: number;
  /** Policy version of the latest decision. */
  policyVersion?: string;
}

/** The credit account aggregate's state: not opened yet, or open. */
export type CreditAccountState = { status: 'none' } | OpenCreditAccountState;

export const initialCreditAccountState = (): CreditAccountState => ({ status: 'none' });

/** Stream of a credit account: `creditAccount-<accountId>`. */
export const creditAccountStreamId = (accountId: string): string => `creditAccount-${accountId}`;
