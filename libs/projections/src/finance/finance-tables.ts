import { type TableSpec } from '../projection';

/** Invoices as finance ages and collects them. */
export const FIN_INVOICES_TABLE: TableSpec = {
  name: 'rm_fin_invoices',
  columns: {
    order_id: 'text NOT NULL',
    account_id: 'text NOT NULL',
    status: 'text NOT NULL',
    amount: 'bigint NOT NULL',
    outstanding: 'bigint NOT NULL',
    currency: 'text NOT NULL',
    issued_at: 'timestamptz NOT NULL',
    due_date: 'date NOT NULL',
    paid_at: 'timestamptz',
    channel: 'text NOT NULL',
    commerce_provider_id: 'text',
    dunning_level: 'integer NOT NULL',
    updated_at: 'timestamptz NOT NULL',
  },
  indexes: {
    open_due: '(due_date, id) WHERE outstanding > 0',
    account_due: '(account_id, due_date)',
    issued: '(issued_at, account_id)',
    account_issued: '(account_id, issued_at)',
  },
};

/** Payments received (回款), one row per payment. */
export const FIN_PAYMENTS_TABLE: TableSpec = {
  name: 'rm_fin_payments',
  columns: {
    invoice_id: 'text NOT NULL',
    order_id: 'text NOT NULL',
    account_id: 'text NOT NULL',
    amount: 'bigint NOT NULL',
    currency: 'text NOT NULL',
    received_at: 'timestamptz NOT NULL',
    reference: 'text NOT NULL',
  },
  indexes: { received: '(received_at, id)', account_received: '(account_id, received_at)' },
};

/** A provider's statement for one month: the sums of its fee accruals. */
export const FIN_PROVIDER_MONTHS_TABLE: TableSpec = {
  name: 'rm_fin_provider_months',
  columns: {
    provider_id: 'text NOT NULL',
    month: 'text NOT NULL',
    jobs: 'integer NOT NULL',
    units: 'integer NOT NULL',
    delivered_units: 'integer NOT NULL',
    satisfaction_sum: 'integer NOT NULL',
    base_fee: 'bigint NOT NULL',
    fee: 'bigint NOT NULL',
    currency: 'text NOT NULL',
    updated_at: 'timestamptz NOT NULL',
  },
  indexes: { provider_month: '(provider_id, month)', month: '(month, provider_id)' },
};

/** Providers by id, for their names on statements. */
export const FIN_PROVIDERS_TABLE: TableSpec = {
  name: 'rm_fin_providers',
  columns: { name: 'text NOT NULL', kind: 'text NOT NULL', updated_at: 'timestamptz NOT NULL' },
};
