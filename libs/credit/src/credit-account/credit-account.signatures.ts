import { type Actor } from '@kamflow/eventsourcing';
import { hasRole, Roles } from '@kamflow/shared-kernel';
import { requireReason, requireRole } from '../common/credit-guards';
import { type RejectCreditHold, type ReleaseCreditHold } from './credit-account.commands';
import { CreditAccountErrors } from './credit-account.errors';
import { type CreditAccountEvent, type CreditSignature } from './credit-account.events';
import { creditSnapshot, exposureIncrement, needsSecondSignature } from './credit-account.policy';
import { type CreditReview, HELD_REVIEW_STATUSES, type OpenCreditAccountState } from './credit-account.state';

/**
 * A person releases a held order. Within 120 % of the limit one signature (analyst or approver) releases it.
 * Above 120 % two different people must sign and at least one of them must be a credit-approver: the first
 * signature (in either role) is recorded and the review waits for the second.
 */
export function decideRelease(
  command: ReleaseCreditHold,
  state: OpenCreditAccountState,
): CreditAccountEvent[] {
  const { actor, now } = command.metadata;
  requireRole(actor, 'release a credit hold', Roles.CreditAnalyst, Roles.CreditApprover);
  const reason = requireReason(command.data.reason);
  const review = heldReview(state, command.data.orderId);
  const { orderId, amount } = review;
  const snapshot = creditSnapshot(state, exposureIncrement(state, orderId, amount), now);
  const overThreshold = needsSecondSignature(snapshot);
  const signature = signatureOf(actor, reason);
  const base = { accountId: state.accountId, orderId, amount, snapshot };

  const first = review.firstSignature;
  // Exposure may have fallen since the first signature: within 120 % one signature is enough again.
  if (!first || (!overThreshold && first.actor === actor.id)) {
    if (overThreshold) {
      return [{ type: 'CreditReleaseAwaitingSecondSignature', data: { ...base, firstSignature: signature } }];
    }
    return [{ type: 'OrderCreditReleased', data: { ...base, reason, releasedBy: actor.id } }];
  }
  if (first.actor === actor.id) throw CreditAccountErrors.sameSignatory(actor.id);
  const anApproverSigned =
    first.signedAs === Roles.CreditApprover || signature.signedAs === Roles.CreditApprover;
  if (overThreshold && !anApproverSigned) throw CreditAccountErrors.approverSignatureRequired(orderId);
  return [
    {
      type: 'OrderCreditReleased',
      data: {
        ...base,
        reason: first.reason,
        releasedBy: first.actor,
        secondSignatureBy: actor.id,
        secondSignatureReason: reason,
      },
    },
  ];
}

/** A person rejects a held order (also while a release waits for its second signature). */
export function decideReject(command: RejectCreditHold, state: OpenCreditAccountState): CreditAccountEvent[] {
  const { actor, now } = command.metadata;
  requireRole(actor, 'reject a credit hold', Roles.CreditAnalyst, Roles.CreditApprover);
  const reason = requireReason(command.data.reason);
  const { orderId, amount } = heldReview(state, command.data.orderId);
  const snapshot = creditSnapshot(state, exposureIncrement(state, orderId, amount), now);
  return [
    {
      type: 'OrderCreditRejected',
      data: { accountId: state.accountId, orderId, reason, rejectedBy: actor.id, snapshot },
    },
  ];
}

function heldReview(state: OpenCreditAccountState, orderId: string): CreditReview {
  const review = state.reviews[orderId];
  if (!review) throw CreditAccountErrors.reviewNotFound(orderId);
  if (!HELD_REVIEW_STATUSES.includes(review.status))
    throw CreditAccountErrors.reviewNotHeld(orderId, review.status);
  return review;
}

function signatureOf(actor: Actor, reason: string): CreditSignature {
  return {
    actor: actor.id,
    reason,
    signedAs: hasRole(actor, Roles.CreditApprover) ? Roles.CreditApprover : Roles.CreditAnalyst,
  };
}
