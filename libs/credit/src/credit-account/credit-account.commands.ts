import { type Command } from '@kamflow/eventsourcing';
import { type CreditGrade, type Money } from '@kamflow/shared-kernel';

/** Opens the credit account of a key account (admin, or the system on the admin's behalf). */
export type OpenCreditAccount = Command<
  'OpenCreditAccount',
  { accountId: string; grade: CreditGrade; limit: Money; paymentTermsDays: number }
>;

/** Decides an order's credit by the policy (system: the fulfilment process). A repeat with a new amount re-reviews. */
export type ReviewOrderCredit = Command<
  'ReviewOrderCredit',
  { accountId: string; orderId: string; amount: Money }
>;

/** Releases a held order (credit-analyst / credit-approver); above 120 % of the limit it needs two signatures. */
export type ReleaseCreditHold = Command<
  'ReleaseCreditHold',
  { accountId: string; orderId: string; reason: string }
>;

/** Rejects a held order (credit-analyst / credit-approver). */
export type RejectCreditHold = Command<
  'RejectCreditHold',
  { accountId: string; orderId: string; reason: string }
>;

/** Compensation when the order is cancelled or rejected: drops the review and its reservation (system). */
export type WithdrawOrderCredit = Command<
  'WithdrawOrderCredit',
  { accountId: string; orderId: string; reason: string }
>;

/** An invoice turns (part of) the order's reservation into a receivable (system). */
export type OpenReceivable = Command<
  'OpenReceivable',
  { accountId: string; invoiceId: string; orderId: string; amount: Money; dueDate: string }
>;

/** A payment collected on an invoice reduces the receivable (system). */
export type RecordReceivablePayment = Command<
  'RecordReceivablePayment',
  { accountId: string; invoiceId: string; amount: Money; receivedAt: string }
>;

/** Makes an approved credit change take effect (system: the process manager). */
export type ApplyCreditTerms = Command<
  'ApplyCreditTerms',
  { accountId: string; changeId: string; grade?: CreditGrade; limit?: Money; paymentTermsDays?: number }
>;

/** Re-runs the policy on held orders, e.g. from the daily timer as receivables age (system). */
export type ReevaluateHeldOrders = Command<'ReevaluateHeldOrders', { accountId: string }>;

/** Every command of the credit account aggregate. */
export type CreditAccountCommand =
  | OpenCreditAccount
  | ReviewOrderCredit
  | ReleaseCreditHold
  | RejectCreditHold
  | WithdrawOrderCredit
  | OpenReceivable
  | RecordReceivablePayment
  | ApplyCreditTerms
  | ReevaluateHeldOrders;
