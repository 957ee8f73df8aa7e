import { assertNever } from '@kamflow/eventsourcing';
import { type Money, subtract } from '@kamflow/shared-kernel';
import { type CreditAccountEvent } from './credit-account.events';
import {
  type CreditAccountState,
  type CreditReview,
  type OpenCreditAccountState,
} from './credit-account.state';
import { exposureIncrement } from './credit-account.policy';

/** Folds one event into the credit account. */
export function evolveCreditAccount(
  state: CreditAccountState,
  event: CreditAccountEvent,
): CreditAccountState {
  if (event.type === 'CreditAccountOpened') {
    const { accountId, grade, limit, paymentTermsDays } = event.data;
    return {
      status: 'open',
      accountId,
      grade,
      limit,
      paymentTermsDays,
      reservations: {},
      receivables: {},
      reviews: {},
      appliedChangeIds: [],
      holdCount: 0,
    };
  }
  return state.status === 'open' ? evolveOpen(state, event) : state;
}

/** {@link evolveCreditAccount} for an account known to be open. */
export function evolveOpen(state: OpenCreditAccountState, event: CreditAccountEvent): OpenCreditAccountState {
  switch (event.type) {
    case 'CreditAccountOpened':
      return state;
    case 'OrderCreditApproved': {
      const { orderId, amount, snapshot } = event.data;
      const next = withReview(state, { orderId, status: 'APPROVED', amount, reasons: [] });
      return { ...reserve(next, orderId, amount), policyVersion: snapshot.policyVersion };
    }
    case 'OrderCreditHeld': {
      const { orderId, amount, reasons, heldAt, snapshot } = event.data;
      const holdSequence = state.holdCount + 1;
      const next = withReview(state, { orderId, status: 'HELD', amount, reasons, holdSequence, heldAt });
      return { ...unreserve(next, orderId), holdCount: holdSequence, policyVersion: snapshot.policyVersion };
    }
    case 'CreditReleaseAwaitingSecondSignature':
      return updateReview(state, event.data.orderId, {
        status: 'AWAITING_SECOND_SIGNATURE',
        firstSignature: event.data.firstSignature,
      });
    case 'OrderCreditReleased': {
      const { orderId, amount, snapshot } = event.data;
      const next = updateReview(state, orderId, { status: 'RELEASED', amount, firstSignature: undefined });
      return { ...reserve(next, orderId, amount), policyVersion: snapshot.policyVersion };
    }
    case 'OrderCreditRejected':
      return unreserve(
        updateReview(state, event.data.orderId, { status: 'REJECTED', firstSignature: undefined }),
        event.data.orderId,
      );
    case 'OrderCreditWithdrawn':
      return unreserve(
        updateReview(state, event.data.orderId, { status: 'WITHDRAWN', firstSignature: undefined }),
        event.data.orderId,
      );
    case 'OrderCreditReservationReleased':
      return unreserve(state, event.data.orderId);
    case 'ReceivableOpened': {
      const { invoiceId, orderId, amount, dueDate, reservationReleased } = event.data;
      const receivables = {
        ...state.receivables,
        [invoiceId]: { invoiceId, orderId, amount, outstanding: amount, dueDate },
      };
      const current = state.reservations[orderId];
      const next = { ...state, receivables };
      return current ? setReservation(next, orderId, subtract(current, reservationReleased)) : next;
    }
    case 'ReceivablePaymentApplied': {
      const receivable = state.receivables[event.data.invoiceId];
      if (!receivable) return state;
      const updated = { ...receivable, outstanding: event.data.outstanding };
      return { ...state, receivables: { ...state.receivables, [receivable.invoiceId]: updated } };
    }
    case 'CreditTermsChanged': {
      const { changeId, after } = event.data;
      return { ...state, ...after, appliedChangeIds: [...state.appliedChangeIds, changeId] };
    }
    default:
      return assertNever(event, 'credit account event');
  }
}

function withReview(state: OpenCreditAccountState, review: CreditReview): OpenCreditAccountState {
  return { ...state, reviews: { ...state.reviews, [review.orderId]: review } };
}

function updateReview(
  state: OpenCreditAccountState,
  orderId: string,
  patch: Partial<CreditReview>,
): OpenCreditAccountState {
  const review = state.reviews[orderId];
  if (!review) return state;
  const updated: CreditReview = { ...review, ...patch };
  if (updated.firstSignature === undefined) delete updated.firstSignature;
  return withReview(state, updated);
}

/** Reserves what the order adds to the exposure: its total less what is already invoiced of it. */
function reserve(state: OpenCreditAccountState, orderId: string, amount: Money): OpenCreditAccountState {
  return setReservation(state, orderId, exposureIncrement(state, orderId, amount));
}

function unreserve(state: OpenCreditAccountState, orderId: string): OpenCreditAccountState {
  if (!(orderId in state.reservations)) return state;
  const reservations = { ...state.reservations };
  delete reservations[orderId];
  return { ...state, reservations };
}

function setReservation(
  state: OpenCreditAccountState,
  orderId: string,
  amount: Money,
): OpenCreditAccountState {
  if (amount.amount <= 0) return unreserve(state, orderId);
  return { ...state, reservations: { ...state.reservations, [orderId]: amount } };
}
