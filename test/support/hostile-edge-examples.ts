import { orderBody } from './app-harness';
import { type DemoUser } from './hostile-checks';
import { account, type HostileExample } from './hostile-examples';

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

/** Query values, text that is not storable or not Unicode, and bodies that are not JSON objects. */
export const EDGE_EXAMPLES: HostileExample[] = [
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
  ...(
    [
      '/finance/receivables',
      '/finance/collections',
      '/finance/credit-exposure',
      '/finance/provider-statements',
    ] as const
  ).map((path): HostileExample => ({
    name: `${path} as CSV (every row, bound limit)`,
    who: 'finance',
    method: 'GET',
    path,
    headers: { accept: 'text/csv' },
    status: 200,
  })),
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
