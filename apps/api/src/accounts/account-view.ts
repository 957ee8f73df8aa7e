import {
  keyAccountDecider,
  type KeyAccountEvent,
  type KeyAccountProfile,
  type KeyAccountRegistered,
  type KeyAccountState,
} from '@kamflow/accounts';
import {
  CREDIT_POLICY_VERSION,
  type CreditTerms,
  creditSnapshot,
  HELD_REVIEW_STATUSES,
  type OpenCreditAccountState,
} from '@kamflow/credit';
import { type RecordedEvent } from '@kamflow/eventsourcing';
import { type Money, subtract, zero } from '@kamflow/shared-kernel';

/** The credit side of an account as the API shows it. */
export interface CreditView {
  /** `OPENING`: the account is registered, the process has not opened its credit account yet. */
  status: 'OPEN' | 'OPENING';
  grade: CreditTerms['grade'];
  limit: Money;
  paymentTermsDays: number;
  reserved: Money;
  receivable: Money;
  /** reserved + receivable (信用占用). */
  exposure: Money;
  /** limit − exposure; negative when a release took the account over its limit. */
  headroom: Money;
  /** exposure / limit as basis points (null for a zero limit). */
  utilisationBp: number | null;
  /** exposure / limit as a ratio (0.4523 = 45.23 %), null for a zero limit. */
  utilisation: number | null;
  oldestOverdueDays: number;
  openReceivables: number;
  policyVersion: string;
  heldReviews: {
    orderId: string;
    status: string;
    amount: Money;
    reasons: readonly string[];
    heldAt?: string;
    firstSignature?: unknown;
  }[];
}

/** The numbers of an open credit account at `now`, using the credit policy's own snapshot. */
export function openCreditView(state: OpenCreditAccountState, now: string): CreditView {
  const snap = creditSnapshot(state, zero(state.limit.currency), now);
  const held = Object.values(state.reviews)
    .filter((r) => HELD_REVIEW_STATUSES.includes(r.status))
    .sort((a, b) => (a.holdSequence ?? 0) - (b.holdSequence ?? 0));
  return {
    status: 'OPEN',
    grade: state.grade,
    limit: state.limit,
    paymentTermsDays: state.paymentTermsDays,
    reserved: snap.reserved,
    receivable: snap.receivable,
    exposure: snap.exposure,
    headroom: subtract(state.limit, snap.exposure),
    utilisationBp: snap.utilisationBp,
    utilisation: snap.utilisationBp === null ? null : snap.utilisationBp / 10_000,
    oldestOverdueDays: snap.oldestOverdueDays,
    openReceivables: Object.values(state.receivables).filter((r) => r.outstanding.amount > 0).length,
    policyVersion: state.policyVersion ?? CREDIT_POLICY_VERSION,
    heldReviews: held.map((r) => ({
      orderId: r.orderId,
      status: r.status,
      amount: r.amount,
      reasons: r.reasons,
      ...(r.heldAt ? { heldAt: r.heldAt } : {}),
      ...(r.firstSignature ? { firstSignature: r.firstSignature } : {}),
    })),
  };
}

/** The terms registered with the account, before the process opened its credit account. */
export function openingCreditView(terms: CreditTerms): CreditView {
  const none = zero(terms.limit.currency);
  return {
    status: 'OPENING',
    grade: terms.grade,
    limit: terms.limit,
    paymentTermsDays: terms.paymentTermsDays,
    reserved: none,
    receivable: none,
    exposure: none,
    headroom: terms.limit,
    utilisationBp: terms.limit.amount === 0 ? null : 0,
    utilisation: terms.limit.amount === 0 ? null : 0,
    oldestOverdueDays: 0,
    openReceivables: 0,
    policyVersion: CREDIT_POLICY_VERSION,
    heldReviews: [],
  };
}

/** One row of the account list. */
export interface AccountListItem extends KeyAccountProfile {
  registeredAt: string;
  updatedAt: string;
}

/** Folds the `account` category of the log (KeyAccountRegistered / KeyAccountChanged) into one row per account. */
export function accountsFromLog(events: readonly RecordedEvent[]): AccountListItem[] {
  const rows = new Map<string, { state: KeyAccountState; registeredAt: string; updatedAt: string }>();
  for (const e of events) {
    if (e.type !== 'KeyAccountRegistered' && e.type !== 'KeyAccountChanged') continue;
    const row = rows.get(e.streamId) ?? { state: keyAccountDecider.initialState(), registeredAt: e.occurredAt, updatedAt: e.occurredAt };
    row.state = keyAccountDecider.evolve(row.state, e as unknown as KeyAccountEvent);
    row.updatedAt = e.occurredAt;
    rows.set(e.streamId, row);
  }
  return [...rows.values()].flatMap(({ state, registeredAt, updatedAt }) =>
    state.status === 'active' ? [{ ...state.profile, registeredAt, updatedAt }] : [],
  );
}

/** The credit terms an account was registered with, from its stream. */
export function registeredTerms(events: readonly RecordedEvent[]): CreditTerms | undefined {
  const registered = events.find((e) => e.type === 'KeyAccountRegistered');
  return (registered?.data as KeyAccountRegistered['data'] | undefined)?.credit;
}
