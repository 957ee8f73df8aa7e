import { Roles } from '@kamflow/shared-kernel';
import { requireCurrency, requireRole, validateTerms } from '../common/credit-guards';
import { type ApplyCreditTerms, type ReevaluateHeldOrders } from './credit-account.commands';
import { CreditAccountErrors } from './credit-account.errors';
import {
  type CreditAccountEvent,
  type CreditTermsChanged,
  type OrderCreditApproved,
} from './credit-account.events';
import { evolveOpen } from './credit-account.evolve';
import { evaluatePolicy, exposureIncrement } from './credit-account.policy';
import { HELD_REVIEW_STATUSES, type OpenCreditAccountState } from './credit-account.state';

/**
 * Runs the policy again on every held order (also those awaiting a second signature), earliest hold first,
 * reserving each approval before the next is judged so two held orders never share the same headroom.
 * A held order that still does not fit does not block a later, smaller one.
 */
export function reevaluateHeld(state: OpenCreditAccountState, now: string): OrderCreditApproved[] {
  const held = Object.values(state.reviews)
    .filter((review) => HELD_REVIEW_STATUSES.includes(review.status))
    .sort((a, b) => (a.holdSequence ?? 0) - (b.holdSequence ?? 0));
  const approvals: OrderCreditApproved[] = [];
  let working = state;
  for (const { orderId, amount } of held) {
    const { approve, snapshot } = evaluatePolicy(working, exposureIncrement(working, orderId, amount), now);
    if (!approve) continue;
    const approved: OrderCreditApproved = {
      type: 'OrderCreditApproved',
      data: { accountId: state.accountId, orderId, amount, snapshot, automatic: true, reevaluated: true },
    };
    approvals.push(approved);
    working = evolveOpen(working, approved);
  }
  return approvals;
}

/** Emits `events` and the approvals re-evaluation finds on the state they lead to. */
export function withReevaluation(
  state: OpenCreditAccountState,
  events: CreditAccountEvent[],
  now: string,
): CreditAccountEvent[] {
  const after = events.reduce(evolveOpen, state);
  return [...events, ...reevaluateHeld(after, now)];
}

/** An approved credit change takes effect once per change id; held orders are re-evaluated on the new terms. */
export function decideApplyTerms(
  command: ApplyCreditTerms,
  state: OpenCreditAccountState,
): CreditAccountEvent[] {
  requireRole(command.metadata.actor, 'apply credit terms', Roles.System);
  const { changeId, grade, limit, paymentTermsDays } = command.data;
  if (state.appliedChangeIds.includes(changeId)) return [];
  if (grade === undefined && limit === undefined && paymentTermsDays === undefined) {
    throw CreditAccountErrors.noChange(changeId);
  }
  validateTerms({ grade, limit, paymentTermsDays });
  if (limit) requireCurrency(limit, state.limit.currency, 'limit');
  const before = { grade: state.grade, limit: state.limit, paymentTermsDays: state.paymentTermsDays };
  const after = {
    grade: grade ?? state.grade,
    limit: limit ?? state.limit,
    paymentTermsDays: paymentTermsDays ?? state.paymentTermsDays,
  };
  const changed: CreditTermsChanged = {
    type: 'CreditTermsChanged',
    data: { accountId: state.accountId, changeId, before, after },
  };
  return withReevaluation(state, [changed], command.metadata.now);
}

/** The daily timer: receivables age with time, so held orders are judged again at `now`. */
export function decideReevaluate(
  command: ReevaluateHeldOrders,
  state: OpenCreditAccountState,
): CreditAccountEvent[] {
  requireRole(command.metadata.actor, 're-evaluate held orders', Roles.System);
  return reevaluateHeld(state, command.metadata.now);
}
