import { orderBody } from './app-harness';
import { type DemoUser } from './hostile-checks';
import { type KnownIds } from './hostile-fixtures';

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
  status: number;
  /** The field `errors[]` must name. */
  field?: string;
  code?: string;
}

const cny = (amount: unknown) => ({ amount, currency: 'CNY' });
const account = (over: Record<string, unknown> = {}, credit: Record<string, unknown> = {}) => ({
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

/** The list routes and who may read them (for the unbounded-number reproductions). */
export const LIST_ROUTES: [DemoUser, string][] = [
  ['desk', '/orders'],
  ['desk', '/accounts'],
  ['desk', '/accounts/ranking'],
  ['finance', '/finance/receivables'],
  ['finance', '/finance/collections'],
  ['finance', '/finance/credit-exposure'],
  ['finance', '/finance/provider-statements'],
  ['logistics', '/providers/me/shipments'],
  ['desk', '/work-queues/contract-review'],
];

/** The reproductions of the hostile-input report, and their neighbours. */
export const EXAMPLES: HostileExample[] = [
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
  // Query values.
  {
    name: 'receivables as of 2026-13-45',
    who: 'finance',
    method: 'GET',
    path: '/finance/receivables?asOf=2026-13-45',
    status: 400,
    field: 'asOf',
  },
  {
    name: 'receivables as of 2026-02-30',
    who: 'finance',
    method: 'GET',
    path: '/finance/receivables?asOf=2026-02-30',
    status: 400,
    field: 'asOf',
  },
  {
    name: 'receivables as of 2028-02-29 (a leap day)',
    who: 'finance',
    method: 'GET',
    path: '/finance/receivables?asOf=2028-02-29',
    status: 200,
  },
  {
    name: 'provider statements for month 2026-13',
    who: 'finance',
    method: 'GET',
    path: '/finance/provider-statements?month=2026-13',
    status: 400,
    field: 'month',
  },
  {
    name: 'orders from 2026-02-30',
    who: 'desk',
    method: 'GET',
    path: '/orders?from=2026-02-30',
    status: 400,
    field: 'from',
  },
  {
    name: 'orders from week 2026-W01',
    who: 'desk',
    method: 'GET',
    path: '/orders?from=2026-W01',
    status: 400,
    field: 'from',
  },
  {
    name: 'orders to an instant with offset',
    who: 'desk',
    method: 'GET',
    path: '/orders?to=2026-12-15T09:30:00%2B08:00',
    status: 200,
  },
  {
    name: 'provider shipments on page 1.797e308',
    who: 'logistics',
    method: 'GET',
    path: '/providers/me/shipments?page=1.797e308',
    status: 400,
    field: 'page',
  },
  {
    name: 'provider shipments on the last allowed page',
    who: 'logistics',
    method: 'GET',
    path: '/providers/me/shipments?page=1000000&pageSize=200',
    status: 200,
  },
  {
    name: 'orders with minPosition past 2^53',
    who: 'desk',
    method: 'GET',
    path: '/orders?minPosition=9007199254740993',
    status: 400,
    field: 'minPosition',
  },
  {
    name: 'orders with minPosition=0x10',
    who: 'desk',
    method: 'GET',
    path: '/orders?minPosition=0x10',
    status: 400,
    field: 'minPosition',
  },
  // Text the database cannot store (NUL) and text that is not Unicode (lone surrogates).
  { name: 'GET /orders/%00', who: 'desk', method: 'GET', path: '/orders/%00', status: 400 },
  {
    name: 'orders searched for ?q=%00',
    who: 'desk',
    method: 'GET',
    path: '/orders?q=%00',
    status: 400,
    field: 'q',
  },
  {
    name: 'a login whose username holds NUL',
    who: 'anonymous',
    method: 'POST',
    path: '/auth/login',
    body: { username: 'desk\u0000', password: 'demo123' },
    status: 400,
    field: 'username',
  },
  {
    name: 'a cancellation reason that is a lone surrogate',
    who: 'desk',
    method: 'POST',
    path: (ids) => `/orders/${ids.orders[1]}/cancel`,
    raw: '{"reason":"\\ud800"}',
    status: 400,
    field: 'reason',
  },
  {
    name: 'an account name with NUL',
    who: 'admin',
    method: 'POST',
    path: '/accounts',
    body: account({ name: 'a\u0000b' }),
    status: 400,
    field: 'name',
  },
  // Bodies that are not JSON objects, even without a token.
  ...['{', '{"a":1,}', 'null', '123', '"s"', 'true', '[]'].map((raw): HostileExample => ({
    name: `the body ${raw} without a token`,
    who: 'anonymous',
    method: 'POST',
    path: '/orders',
    raw,
    status: 400,
  })),
  {
    name: 'a 2 MB body',
    who: 'desk',
    method: 'POST',
    path: '/orders',
    raw: JSON.stringify({ ...orderBody(), customerPo: 'x'.repeat(2_000_000) }),
    status: 413,
  },
];
