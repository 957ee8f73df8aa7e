import { daysBetween, type Money, sum } from '@kamflow/shared-kernel';
import { type CreditHoldReason, type CreditSnapshot } from './credit-account.events';
import { type OpenCreditAccountState } from './credit-account.state';

/** Version of the credit policy below; every decision's snapshot records it. */
export const CREDIT_POLICY_VERSION = '2026-1';

/** Basis points of the limit a grade B account may use automatically (80 %). */
export const GRADE_B_AUTO_APPROVAL_BP = 8_000;
/** Basis points of the limit above which a release needs two signatures (120 %). */
export const SECOND_SIGNATURE_THRESHOLD_BP = 12_000;
/** Days past due after which any account's orders are held. */
export const OVERDUE_HOLD_DAYS = 30;

/** The policy's verdict on an amount and the numbers it was reached on. */
export interface PolicyEvaluation {
  approve: boolean;
  /** Empty exactly when `approve` is true. */
  reasons: CreditHoldReason[];
  snapshot: CreditSnapshot;
}

/** Credit reserved by approved or released orders not yet invoiced. */
export function reserved(state: OpenCreditAccountState): Money {
  return sum(Object.values(state.reservations), state.limit.currency);
}

/** Outstanding receivables. */
export function receivable(state: OpenCreditAccountState): Money {
  return sum(
    Object.values(state.receivables).map((r) => r.outstanding),
    state.limit.currency,
  );
}

/** Exposure (信用占用) = reserved + open receivables. */
export function exposure(state: OpenCreditAccountState): Money {
  return sum([reserved(state), receivable(state)], state.limit.currency);
}

/** Days past due of the oldest receivable with something outstanding at `now`; 0 when none is overdue. */
export function oldestOverdueDays(state: OpenCreditAccountState, now: string): number {
  return Object.values(state.receivables)
    .filter((r) => r.outstanding.amount > 0)
    .reduce((oldest, r) => Math.max(oldest, daysBetween(r.dueDate, now)), 0);
}

/** What an order of `amount` adds to the exposure: the total less what has been invoiced of it already. */
export function exposureIncrement(state: OpenCreditAccountState, orderId: string, amount: Money): Money {
  const invoiced = Object.values(state.receivables)
    .filter((r) => r.orderId === orderId)
    .reduce((total, r) => total + r.amount.amount, 0);
  return { amount: Math.max(0, amount.amount - invoiced), currency: amount.currency };
}

/** The numbers a decision on `orderAmount` more exposure is made on, at `now`. */
export function creditSnapshot(
  state: OpenCreditAccountState,
  orderAmount: Money,
  now: string,
): CreditSnapshot {
  const reservedNow = reserved(state);
  const receivableNow = receivable(state);
  const exposureNow = sum([reservedNow, receivableNow], state.limit.currency);
  const exposureAfter = sum([exposureNow, orderAmount], state.limit.currency);
  return {
    grade: state.grade,
    limit: state.limit,
    paymentTermsDays: state.paymentTermsDays,
    reserved: reservedNow,
    receivable: receivableNow,
    exposure: exposureNow,
    orderAmount,
    exposureAfter,
    utilisationBp:
      state.limit.amount === 0 ? null : Math.round((exposureAfter.amount * 10_000) / state.limit.amount),
    oldestOverdueDays: oldestOverdueDays(state, now),
    policyVersion: CREDIT_POLICY_VERSION,
    asOf: now,
  };
}

/**
 * The credit policy (DOMAIN.md, version {@link CREDIT_POLICY_VERSION}) on `amount` more exposure at `now`:
 * anything overdue more than 30 days holds; grade A approves up to 100 % of the limit; grade B up to 80 %
 * with nothing overdue; grade C always goes to an analyst. Every reason that applies is listed.
 */
export function evaluatePolicy(state: OpenCreditAccountState, amount: Money, now: string): PolicyEvaluation {
  const snapshot = creditSnapshot(state, amount, now);
  const { grade, oldestOverdueDays: overdueDays } = snapshot;
  const after = snapshot.exposureAfter.amount;
  const limit = state.limit.amount;
  const reasons: CreditHoldReason[] = [];
  if (overdueDays > OVERDUE_HOLD_DAYS) reasons.push('RECEIVABLE_OVERDUE_30');
  else if (grade === 'B' && overdueDays > 0) reasons.push('RECEIVABLE_OVERDUE');
  if (grade === 'C') reasons.push('GRADE_C');
  if (grade === 'B' && !withinBasisPoints(after, limit, GRADE_B_AUTO_APPROVAL_BP))
    reasons.push('OVER_80_PERCENT');
  if (!withinBasisPoints(after, limit, 10_000)) reasons.push('OVER_LIMIT');
  return { approve: reasons.length === 0, reasons, snapshot };
}

/** True when a release on this snapshot needs a second signature: exposure after it above 120 % of the limit. */
export function needsSecondSignature(snapshot: CreditSnapshot): boolean {
  return !withinBasisPoints(
    snapshot.exposureAfter.amount,
    snapshot.limit.amount,
    SECOND_SIGNATURE_THRESHOLD_BP,
  );
}

/** value ≤ limit × bp / 10 000, exactly (BigInt: no float rounding at the fen boundary). */
function withinBasisPoints(value: number, limit: number, basisPoints: number): boolean {
  return BigInt(value) * 10_000n <= BigInt(limit) * BigInt(basisPoints);
}
