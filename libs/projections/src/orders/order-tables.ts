import { type TableSpec } from '../projection';

/** Orders as the desk searches them, with the folded order state in `doc`. */
export const ORDERS_TABLE: TableSpec = {
  name: 'rm_orders',
  columns: {
    status: 'text NOT NULL',
    account_id: 'text NOT NULL',
    account_name: 'text NOT NULL',
    account_manager: 'text NOT NULL',
    customer_po: 'text NOT NULL',
    placed_at: 'timestamptz NOT NULL',
    total_amount: 'bigint',
    currency: 'text',
    revision: 'integer NOT NULL',
    doc: 'jsonb NOT NULL',
    updated_at: 'timestamptz NOT NULL',
  },
  indexes: {
    placed: '(placed_at DESC, id)',
    status: '(status, placed_at DESC)',
    account: '(account_id, placed_at DESC)',
    manager: '(account_manager, placed_at DESC)',
    po: '(customer_po)',
    total: '(total_amount)',
  },
};

/** Shipments with their inspection and awaited acceptance; serves order detail and providers. */
export const ORDER_SHIPMENTS_TABLE: TableSpec = {
  name: 'rm_order_shipments',
  columns: {
    order_id: 'text',
    provider_id: 'text',
    status: 'text',
    planned_date: 'text',
    next_step: 'text',
    shipment: 'jsonb',
    inspection: 'jsonb',
    acceptance: 'jsonb',
    updated_at: 'timestamptz NOT NULL',
  },
  indexes: {
    provider: '(provider_id, planned_date, id)',
    order: '(order_id)',
  },
};

/** Invoices of orders, folded. */
export const ORDER_INVOICES_TABLE: TableSpec = {
  name: 'rm_order_invoices',
  columns: {
    order_id: 'text NOT NULL',
    account_id: 'text NOT NULL',
    status: 'text NOT NULL',
    invoice: 'jsonb NOT NULL',
    updated_at: 'timestamptz NOT NULL',
  },
  indexes: { order: '(order_id)' },
};
