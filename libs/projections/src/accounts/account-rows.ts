import { type KeyAccountEvent, type KeyAccountProfile } from '@kamflow/accounts';
import {
  type CreditAccountEvent,
  evolveCreditAccount,
  exposure,
  initialCreditAccountState,
  type OpenCreditAccountState,
  receivable,
  reserved,
} from '@kamflow/credit';
import { type RecordedEvent } from '@kamflow/eventsourcing';
import { evolveOrder, initialOrderState, type Order, type OrderEvent } from '@kamflow/ordering';
import { CNY } from '@kamflow/shared-kernel';
import { put, type Row, type RowChange } from '../projection';
import { ACCOUNT_ORDERS_TABLE, ACCOUNTS_TABLE } from './account-tables';

/** A row of `rm_accounts`; profile columns are null until the account's own events are seen. */
export interface AccountRow extends Row {
  name: string | null;
  industry: string | null;
  tier: string | null;
  region: string | null;
  account_manager: string | null;
  service_model: string | null;
  grade: string | null;
  limit_amount: number | null;
  payment_terms_days: number | null;
  reserved_amount: number;
  receivable_amount: number;
  exposure_amount: number;
  /** exposure / limit in basis points (null for a zero or unknown limit). */
  utilisation_bp: number | null;
  currency: string;
  /** The open credit account, without settled receivables and decided reviews (see {@link workingCredit}). */
  credit: OpenCreditAccountState | null;
  registered_at: string | null;
  updated_at: string;
}

/** One line's dates as the account manager compares them. */
export interface OrderLineDates {
  lineId: string;
  requestedDate: string;
  promisedDate: string | null;
  slipping: boolean;
}

/** A row of `rm_account_orders`. */
export interface AccountOrderRow extends Row {
  account_id: string;
  status: Order['status'];
  status_since: string;
  customer_po: string;
  placed_at: string;
  lines: OrderLineDates[];
  slipping: boolean;
  doc: Order;
  updated_at: string;
}

function emptyAccount(id: string, at: string): AccountRow {
  return {
    id,
    name: null,
    industry: null,
    tier: null,
    region: null,
    account_manager: null,
    service_model: null,
    grade: null,
    limit_amount: null,
    payment_terms_days: null,
    reserved_amount: 0,
    receivable_amount: 0,
    exposure_amount: 0,
    utilisation_bp: null,
    currency: CNY,
    credit: null,
    registered_at: null,
    updated_at: at,
  };
}

function withProfile(row: AccountRow, p: KeyAccountProfile): AccountRow {
  return {
    ...row,
    name: p.name,
    industry: p.industry,
    tier: p.tier,
    region: p.region,
    account_manager: p.accountManager,
    service_model: p.serviceModel,
  };
}

const utilisation = (exposureAmount: number, limit: number | null) =>
  limit ? Math.round((exposureAmount * 10_000) / limit) : null;

/**
 * The part of the credit account that later events can still change: receivables with something
 * outstanding (or whose order still holds a reservation, which `exposureIncrement` nets against) and
 * reviews not yet decided for good. Keeps the row small however long the account lives.
 */
export function workingCredit(state: OpenCreditAccountState): OpenCreditAccountState {
  const receivables = Object.fromEntries(
    Object.entries(state.receivables).filter(
      ([, r]) => r.outstanding.amount > 0 || r.orderId in state.reservations,
    ),
  );
  const reviews = Object.fromEntries(
    Object.entries(state.reviews).filter(
      ([, r]) => r.status === 'HELD' || r.status === 'AWAITING_SECOND_SIGNATURE',
    ),
  );
  return { ...state, receivables, reviews };
}

/** Folds a key-account or credit-account event into the account row. */
export function evolveAccountRow(
  row: AccountRow | undefined,
  id: string,
  recorded: RecordedEvent,
  event: { kind: 'account'; event: KeyAccountEvent } | { kind: 'credit'; event: CreditAccountEvent },
): RowChange[] {
  let next: AccountRow = {
    ...(row ?? emptyAccount(id, recorded.occurredAt)),
    updated_at: recorded.occurredAt,
  };
  if (event.kind === 'account') {
    const e = event.event;
    if (e.type === 'KeyAccountRegistered') {
      next = withProfile({ ...next, registered_at: recorded.occurredAt }, e.data);
      if (!next.credit) {
        const { grade, limit, paymentTermsDays } = e.data.credit;
        next = {
          ...next,
          grade,
          limit_amount: limit.amount,
          payment_terms_days: paymentTermsDays,
          currency: limit.currency,
          utilisation_bp: utilisation(0, limit.amount),
        };
      }
    } else next = withProfile(next, e.data.profile);
    return [put(ACCOUNTS_TABLE.name, next)];
  }
  const state = evolveCreditAccount(next.credit ?? initialCreditAccountState(), event.event);
  if (state.status !== 'open') return row ? [] : [put(ACCOUNTS_TABLE.name, next)];
  const exposed = exposure(state).amount;
  next = {
    ...next,
    grade: state.grade,
    limit_amount: state.limit.amount,
    payment_terms_days: state.paymentTermsDays,
    reserved_amount: reserved(state).amount,
    receivable_amount: receivable(state).amount,
    exposure_amount: exposed,
    utilisation_bp: utilisation(exposed, state.limit.amount),
    currency: state.limit.currency,
    credit: workingCredit(state),
  };
  return [put(ACCOUNTS_TABLE.name, next)];
}

/** Folds an order event into the account's order row; `status_since` moves only when the status changes. */
export function evolveAccountOrderRow(
  row: AccountOrderRow | undefined,
  recorded: RecordedEvent,
  event: OrderEvent,
): { change: RowChange[]; row?: AccountOrderRow } {
  const order = evolveOrder(row?.doc ?? initialOrderState(), event);
  if (order.status === 'NONE') return { change: [] };
  const lines = order.lines.map((l) => {
    const promisedDate = l.promisedDate ?? null;
    return {
      lineId: l.lineId,
      requestedDate: l.requestedDate,
      promisedDate,
      slipping: promisedDate !== null && promisedDate > l.requestedDate,
    };
  });
  const next: AccountOrderRow = {
    id: order.orderId,
    account_id: order.account.accountId,
    status: order.status,
    status_since: row && row.status === order.status ? row.status_since : recorded.occurredAt,
    customer_po: order.customerPo,
    placed_at: order.placedAt,
    lines,
    slipping: lines.some((l) => l.slipping),
    doc: order,
    updated_at: recorded.occurredAt,
  };
  return { change: [put(ACCOUNT_ORDERS_TABLE.name, next)], row: next };
}
