import { Roles } from '@kamflow/shared-kernel';
import { requirePositiveAmount, requireRole, validateTerms } from '../common/credit-guards';
import {
  type OpenCreditAccount,
  type ReviewOrderCredit,
  type WithdrawOrderCredit,
} from './credit-account.commands';
import { CreditAccountErrors } from './credit-account.errors';
import {
  type CreditAccountEvent,
  type OrderCreditApproved,
  type OrderCreditHeld,
  type OrderCreditReservationReleased,
  type OrderCreditWithdrawn,
} from './credit-account.events';
import { evolveOpen } from './credit-account.evolve';
import { evaluatePolicy, exposureIncrement } from './credit-account.policy';
import { withReevaluation } from './credit-account.reevaluation';
import {
  ACTIVE_REVIEW_STATUSES,
  type CreditAccountState,
  type OpenCreditAccountState,
} from './credit-account.state';

/** Opens the account with all three terms; an open account cannot be opened again. */
export function decideOpen(command: OpenCreditAccount, state: CreditAccountState): CreditAccountEvent[] {
  requireRole(command.metadata.actor, 'open a credit account', Roles.Admin, Roles.System);
  const { accountId, grade, limit, paymentTermsDays } = command.data;
  if (state.status === 'open') throw CreditAccountErrors.accountExists(accountId);
  validateTerms({ grade, limit, paymentTermsDays }, true);
  return [{ type: 'CreditAccountOpened', data: { accountId, grade, limit, paymentTermsDays } }];
}

/**
 * Decides an order's credit. A repeat for the same order and total changes nothing; a new total (amendment)
 * first frees the previous reservation so the order is never counted twice, then decides afresh.
 */
export function decideReview(
  command: ReviewOrderCredit,
  state: OpenCreditAccountState,
): CreditAccountEvent[] {
  requireRole(command.metadata.actor, 'review order credit', Roles.System);
  const { orderId, amount } = command.data;
  requirePositiveAmount(amount, state.limit.currency);
  const previous = state.reviews[orderId];
  const active = previous !== undefined && ACTIVE_REVIEW_STATUSES.includes(previous.status);
  if (active && previous.amount.amount === amount.amount) return [];

  const events: CreditAccountEvent[] = [];
  let working = state;
  const previousReservation = state.reservations[orderId];
  if (previousReservation) {
    const freed: OrderCreditReservationReleased = {
      type: 'OrderCreditReservationReleased',
      data: { accountId: state.accountId, orderId, releasedAmount: previousReservation, cause: 'RE_REVIEW' },
    };
    events.push(freed);
    working = evolveOpen(working, freed);
  }
  const now = command.metadata.now;
  const { approve, reasons, snapshot } = evaluatePolicy(
    working,
    exposureIncrement(working, orderId, amount),
    now,
  );
  const base = { accountId: state.accountId, orderId, amount, snapshot };
  const decision: OrderCreditApproved | OrderCreditHeld = approve
    ? { type: 'OrderCreditApproved', data: { ...base, automatic: true } }
    : { type: 'OrderCreditHeld', data: { ...base, reasons, heldAt: now } };
  // A smaller new total frees headroom other held orders may now use.
  return previousReservation ? withReevaluation(state, [...events, decision], now) : [...events, decision];
}

/**
 * Compensation: the order is gone, so is its review and reservation. Nothing active → nothing happens.
 * A freed reservation re-evaluates the held orders.
 */
export function decideWithdraw(
  command: WithdrawOrderCredit,
  state: OpenCreditAccountState,
): CreditAccountEvent[] {
  requireRole(command.metadata.actor, 'withdraw order credit', Roles.System);
  const { orderId, reason } = command.data;
  const review = state.reviews[orderId];
  if (!review || !ACTIVE_REVIEW_STATUSES.includes(review.status)) return [];
  const releasedAmount = state.reservations[orderId] ?? { amount: 0, currency: state.limit.currency };
  const withdrawn: OrderCreditWithdrawn = {
    type: 'OrderCreditWithdrawn',
    data: { accountId: state.accountId, orderId, releasedAmount, reason },
  };
  // Freed headroom goes to held orders at once, as a payment would.
  return releasedAmount.amount > 0 ? withReevaluation(state, [withdrawn], command.metadata.now) : [withdrawn];
}
