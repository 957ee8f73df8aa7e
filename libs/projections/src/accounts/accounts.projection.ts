import { type KeyAccountEvent } from '@kamflow/accounts';
import { type CreditAccountEvent } from '@kamflow/credit';
import { type RecordedEvent, streamCategory } from '@kamflow/eventsourcing';
import { knownEvent } from '../event-types';
import {
  put,
  type Projection,
  rowOf,
  type RowChange,
  type RowRef,
  type Rows,
  streamIdOf,
} from '../projection';
import {
  type AccountOrderRow,
  type AccountRow,
  evolveAccountOrderRow,
  evolveAccountRow,
} from './account-rows';
import { ACCOUNT_ACTIVITY_TABLE, ACCOUNT_ORDERS_TABLE, ACCOUNTS_TABLE } from './account-tables';

const ACCOUNT_TYPES = new Set<string>(['KeyAccountRegistered', 'KeyAccountChanged']);
const CREDIT_TYPES: Record<CreditAccountEvent['type'], boolean> = {
  CreditAccountOpened: true,
  OrderCreditApproved: true,
  OrderCreditHeld: true,
  CreditReleaseAwaitingSecondSignature: true,
  OrderCreditReleased: true,
  OrderCreditRejected: true,
  OrderCreditWithdrawn: true,
  OrderCreditReservationReleased: true,
  ReceivableOpened: true,
  ReceivablePaymentApplied: true,
  CreditTermsChanged: true,
};
/** Credit events shown as activity; the others repeat what the order and invoice streams already say. */
const CREDIT_ACTIVITY = new Set<string>(['CreditAccountOpened', 'CreditTermsChanged']);
const ORDER_SIDE = ['shipment', 'acceptance', 'orderProcess'] as const;

type Classified =
  | { kind: 'account'; accountId: string; event: KeyAccountEvent }
  | { kind: 'credit'; accountId: string; event: CreditAccountEvent }
  | {
      kind: 'order';
      orderId: string;
      event: Extract<ReturnType<typeof knownEvent>, { category: 'order' }>['event'];
    }
  | { kind: 'orderSide'; orderId: string }
  | { kind: 'invoice'; accountId: string; orderId: string };

function classify(event: RecordedEvent): Classified | undefined {
  const category = streamCategory(event.streamId);
  if (category === 'account') {
    if (!ACCOUNT_TYPES.has(event.type)) return undefined;
    return { kind: 'account', accountId: streamIdOf(event), event: event as unknown as KeyAccountEvent };
  }
  if (category === 'creditAccount') {
    if (!(CREDIT_TYPES as Record<string, boolean>)[event.type]) return undefined;
    return { kind: 'credit', accountId: streamIdOf(event), event: event as unknown as CreditAccountEvent };
  }
  const known = knownEvent(event, ['order', 'invoice', ...ORDER_SIDE]);
  if (!known) return undefined;
  switch (known.category) {
    case 'order':
      return { kind: 'order', orderId: streamIdOf(event), event: known.event };
    case 'invoice':
      return { kind: 'invoice', accountId: known.event.data.accountId, orderId: known.event.data.orderId };
    case 'shipment':
    case 'acceptance':
    case 'orderProcess':
      return { kind: 'orderSide', orderId: known.event.data.orderId };
  }
}

function keysOf(event: RecordedEvent): RowRef[] {
  const c = classify(event);
  if (!c) return [];
  switch (c.kind) {
    case 'account':
    case 'credit':
      return [{ table: ACCOUNTS_TABLE.name, id: c.accountId }];
    case 'order':
    case 'orderSide':
      return [{ table: ACCOUNT_ORDERS_TABLE.name, id: c.orderId }];
    case 'invoice':
      return [];
  }
}

/** The activity row of `event` for `accountId` (ids are zero-padded positions, so they sort in log order). */
function activity(event: RecordedEvent, accountId: string, orderId: string | null): RowChange {
  const actor = event.metadata?.actor;
  return put(ACCOUNT_ACTIVITY_TABLE.name, {
    id: String(event.globalPosition).padStart(15, '0'),
    account_id: accountId,
    position: event.globalPosition,
    type: event.type,
    occurred_at: event.occurredAt,
    actor: typeof actor === 'string' ? actor : null,
    order_id: orderId,
  });
}

function evolve(rows: Rows, event: RecordedEvent): RowChange[] {
  const c = classify(event);
  if (!c) return [];
  switch (c.kind) {
    case 'account':
    case 'credit': {
      const row = rowOf<AccountRow>(rows, ACCOUNTS_TABLE.name, c.accountId);
      const changes = evolveAccountRow(row, c.accountId, event, c);
      const shown = c.kind === 'account' || CREDIT_ACTIVITY.has(event.type);
      return shown ? [...changes, activity(event, c.accountId, null)] : changes;
    }
    case 'order': {
      const row = rowOf<AccountOrderRow>(rows, ACCOUNT_ORDERS_TABLE.name, c.orderId);
      const { change, row: next } = evolveAccountOrderRow(row, event, c.event);
      return next ? [...change, activity(event, next.account_id, c.orderId)] : change;
    }
    case 'orderSide': {
      const order = rowOf<AccountOrderRow>(rows, ACCOUNT_ORDERS_TABLE.name, c.orderId);
      return order ? [activity(event, order.account_id, c.orderId)] : [];
    }
    case 'invoice':
      return [activity(event, c.accountId, c.orderId)];
  }
}

/**
 * `accounts`: what an account manager watches per key account: profile, credit numbers (the credit
 * account folded with the credit context's own `evolveCreditAccount` and exposure helpers), every order
 * with its status and since when it has been in it, promised vs requested dates, and an activity
 * timeline (orders, shipments, acceptance, invoices, account and credit-terms events).
 */
export const accountsProjection: Projection = {
  name: 'accounts',
  version: 2,
  tables: [ACCOUNTS_TABLE, ACCOUNT_ORDERS_TABLE, ACCOUNT_ACTIVITY_TABLE],
  categories: ['account', 'creditAccount', 'order', 'invoice', ...ORDER_SIDE],
  handles: (event) => classify(event) !== undefined,
  keysOf,
  evolve,
};
