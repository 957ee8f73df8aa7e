import { orderBody } from './app-harness';
import { type DemoUser } from './hostile-checks';
import { type KnownIds } from './hostile-fixtures';
import { type HostileRequest } from './hostile-requests';

/** One hand-written hostile request and the answer it must get. */
export interface HostileExample {
  name: string;
  who: DemoUser | 'anonymous';
  method: 'GET' | 'POST';
  path: string | ((ids: KnownIds) => string);
  /** A JSON body (serialized as is) or, with `raw`, the exact body text. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  /** Further request headers (e.g. `accept: text/csv`). */
  headers?: Record<string, string>;
  status: number;
  /** The field `errors[]` must name. */
  field?: string;
  code?: string;
}

/** The request an example sends. */
export function exampleRequest(e: Omit<HostileExample, 'name'>, known: KnownIds): HostileRequest {
  const body = e.raw ?? (e.body === undefined ? undefined : JSON.stringify(e.body));
  return {
    method: e.method,
    url: typeof e.path === 'string' ? e.path : e.path(known),
    headers: {
      ...(body === undefined ? {} : { 'content-type': e.contentType ?? 'application/json' }),
      ...e.headers,
    },
    body,
    touched: e.field ? [e.field] : [],
    rawBody: !!e.raw,
    label: 'example',
  };
}

const cny = (amount: unknown) => ({ amount, currency: 'CNY' });
export const account = (over: Record<string, unknown> = {}, credit: Record<string, unknown> = {}) => ({
  name: '某高校 hostile',
  industry: 'education',
  tier: 'CORE',
  region: 'Wuhan',
  accountManager: 'manager',
  serviceModel: 'DIRECT',
  credit: { grade: 'A', limit: cny(1_000_000), paymentTermsDays: 30, ...credit },
  ...over,
});
const without = (o: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const payment = { amount: cny(100), receivedAt: '2026-12-01T10:00:00+08:00', reference: 'BANK-HOSTILE' };
const invoice = (ids: KnownIds) => `/invoices/${ids.invoices[0]}/payments`;
const status = (ids: KnownIds) => `/shipments/${ids.shipments[1]}/status`;

/** Bodies from the hostile-input report and their neighbours: nested objects, money, dates, lists. */
export const BODY_EXAMPLES: HostileExample[] = [
  // Nested objects: missing, wrong type, null.
  {
    name: 'an account whose credit limit is []',
    who: 'admin',
    method: 'POST',
    path: '/accounts',
    body: account({}, { limit: [] }),
    status: 400,
    field: 'credit.limit',
  },
  {
    name: 'an account without credit',
    who: 'admin',
    method: 'POST',
    path: '/accounts',
    body: without(account(), 'credit'),
    status: 400,
    field: 'credit',
  },
  {
    name: 'an account whose credit has no limit',
    who: 'admin',
    method: 'POST',
    path: '/accounts',
    body: account({ credit: { grade: 'A', paymentTermsDays: 30 } }),
    status: 400,
    field: 'credit.limit',
  },
  {
    name: 'an account whose credit limit is null',
    who: 'admin',
    method: 'POST',
    path: '/accounts',
    body: account({}, { limit: null }),
    status: 400,
    field: 'credit.limit',
  },
  {
    name: 'an account whose credit is a number',
    who: 'admin',
    method: 'POST',
    path: '/accounts',
    body: account({ credit: 5 }),
    status: 400,
    field: 'credit',
  },
  {
    name: 'an account whose credit limit is 10^16 fen',
    who: 'admin',
    method: 'POST',
    path: '/accounts',
    body: account({}, { limit: cny(1e16) }),
    status: 400,
    field: 'credit.limit.amount',
  },
  {
    name: 'an account whose credit limit is in USD',
    who: 'admin',
    method: 'POST',
    path: '/accounts',
    body: account({}, { limit: { amount: 1, currency: 'USD' } }),
    status: 400,
    field: 'credit.limit.currency',
  },
  {
    name: 'an account with agents: null',
    who: 'admin',
    method: 'POST',
    path: '/accounts',
    body: account({ agents: null }),
    status: 400,
    field: 'agents',
  },
  {
    name: 'a credit change with limit: null',
    who: 'analyst',
    method: 'POST',
    path: '/accounts/acc-sgcc/credit-changes',
    body: { limit: null, reason: 'x' },
    status: 400,
    field: 'limit',
  },
  {
    name: 'a credit change with limit: []',
    who: 'analyst',
    method: 'POST',
    path: '/accounts/acc-sgcc/credit-changes',
    body: { limit: [], reason: 'x' },
    status: 400,
    field: 'limit',
  },
  {
    name: 'a payment without amount',
    who: 'finance',
    method: 'POST',
    path: invoice,
    body: without(payment, 'amount'),
    status: 400,
    field: 'amount',
  },
  {
    name: 'a payment whose amount is a number',
    who: 'finance',
    method: 'POST',
    path: invoice,
    body: { ...payment, amount: 100 },
    status: 400,
    field: 'amount',
  },
  {
    name: 'a payment of 1.5 fen',
    who: 'finance',
    method: 'POST',
    path: invoice,
    body: { ...payment, amount: cny(1.5) },
    status: 400,
    field: 'amount.amount',
  },
  {
    name: 'a payment received on 2026-02-30',
    who: 'finance',
    method: 'POST',
    path: invoice,
    body: { ...payment, receivedAt: '2026-02-30' },
    status: 400,
    field: 'receivedAt',
  },
  {
    name: 'an order line with requestedDate 2026-02-30',
    who: 'desk',
    method: 'POST',
    path: '/orders',
    body: orderBody({}, { requestedDate: '2026-02-30' }),
    status: 400,
    field: 'lines[0].requestedDate',
  },
  {
    name: 'an order line with quantity -1',
    who: 'desk',
    method: 'POST',
    path: '/orders',
    body: orderBody({}, { quantity: -1 }),
    status: 400,
    field: 'lines[0].quantity',
  },
  {
    name: 'an order line without deliveryAddress',
    who: 'desk',
    method: 'POST',
    path: '/orders',
    body: orderBody({}, { deliveryAddress: undefined }),
    status: 400,
    field: 'lines[0].deliveryAddress',
  },
  {
    name: 'an order line whose deliveryAddress is []',
    who: 'desk',
    method: 'POST',
    path: '/orders',
    body: orderBody({}, { deliveryAddress: [] }),
    status: 400,
    field: 'lines[0].deliveryAddress',
  },
  {
    name: 'an order whose lines are [null]',
    who: 'desk',
    method: 'POST',
    path: '/orders',
    body: orderBody({ lines: [null] }),
    status: 400,
    field: 'lines',
  },
  {
    name: 'an order with 201 lines',
    who: 'desk',
    method: 'POST',
    path: '/orders',
    body: orderBody({ lines: new Array(201).fill(orderBody().lines[0]) }),
    status: 400,
    field: 'lines',
  },
  {
    name: 'a status report at 25:00',
    who: 'logistics',
    method: 'POST',
    path: status,
    body: { status: 'READY_TO_SHIP', at: '2026-12-15T25:00:00Z' },
    status: 400,
    field: 'at',
  },
  {
    name: 'a status report at a time without offset',
    who: 'logistics',
    method: 'POST',
    path: status,
    body: { status: 'READY_TO_SHIP', at: '2026-12-15T09:30:00' },
    status: 400,
    field: 'at',
  },
  {
    name: 'a status report with note: null',
    who: 'logistics',
    method: 'POST',
    path: status,
    body: { status: 'READY_TO_SHIP', at: '2026-12-15T09:30:00Z', note: null },
    status: 400,
    field: 'note',
  },
];
