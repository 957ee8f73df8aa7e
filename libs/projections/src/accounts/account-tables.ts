import { type TableSpec } from '../projection';

/** One row per key account: profile and credit numbers (the credit account folded in `credit`). */
export const ACCOUNTS_TABLE: TableSpec = {
  name: 'rm_accounts',
  columns: {
    name: 'text',
    industry: 'text',
    tier: 'text',
    region: 'text',
    account_manager: 'text',
    service_model: 'text',
    grade: 'text',
    limit_amount: 'bigint',
    payment_terms_days: 'integer',
    reserved_amount: 'bigint NOT NULL',
    receivable_amount: 'bigint NOT NULL',
    exposure_amount: 'bigint NOT NULL',
    utilisation_bp: 'integer',
    currency: 'text NOT NULL',
    credit: 'jsonb',
    registered_at: 'timestamptz',
    updated_at: 'timestamptz NOT NULL',
  },
  indexes: {
    manager: '(account_manager, id)',
    exposure: '(exposure_amount DESC, id)',
    utilisation: '(utilisation_bp DESC, id)',
  },
};

/** One row per order of an account: its status and since when, and the promised vs requested dates. */
export const ACCOUNT_ORDERS_TABLE: TableSpec = {
  name: 'rm_account_orders',
  columns: {
    account_id: 'text NOT NULL',
    status: 'text NOT NULL',
    status_since: 'timestamptz NOT NULL',
    customer_po: 'text NOT NULL',
    placed_at: 'timestamptz NOT NULL',
    lines: 'jsonb NOT NULL',
    slipping: 'boolean NOT NULL',
    doc: 'jsonb NOT NULL',
    updated_at: 'timestamptz NOT NULL',
  },
  indexes: { account_status: '(account_id, status, status_since)' },
};

/** Activity rows kept per account. */
export const ACCOUNT_ACTIVITY_KEPT = 100;

/** The latest events concerning each account (the dashboard shows 20; older ones are dropped). */
export const ACCOUNT_ACTIVITY_TABLE: TableSpec = {
  name: 'rm_account_activity',
  columns: {
    account_id: 'text NOT NULL',
    position: 'bigint NOT NULL',
    type: 'text NOT NULL',
    occurred_at: 'timestamptz NOT NULL',
    actor: 'text',
    order_id: 'text',
  },
  indexes: { account_recent: '(account_id, position DESC)' },
  retain: { partitionBy: 'account_id', orderBy: 'position', keep: ACCOUNT_ACTIVITY_KEPT },
};
