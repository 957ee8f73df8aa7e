import { type TableSpec } from '../projection';

/** The desk's work queues, in the order the API lists them. */
export const WORK_QUEUES = [
  'contract-review',
  'credit-holds',
  'invalid-configuration',
  'failed-deliveries',
  'acceptance-overdue',
] as const;

export type WorkQueue = (typeof WORK_QUEUES)[number];

/** One item waiting in a queue: `id` is `<queue>:<orderId>` or `<queue>:<shipmentId>`. */
export const WORK_ITEMS_TABLE: TableSpec = {
  name: 'rm_work_items',
  columns: {
    queue: 'text NOT NULL',
    order_id: 'text NOT NULL',
    shipment_id: 'text',
    account_id: 'text',
    account_manager: 'text',
    since: 'timestamptz NOT NULL',
    details: 'jsonb NOT NULL',
  },
  indexes: {
    queue: '(queue, since, id)',
    manager: '(account_manager, queue)',
  },
};

/** The folded order each queue decision is derived from (internal to this projection). */
export const WORK_ORDERS_TABLE: TableSpec = {
  name: 'rm_work_orders',
  columns: {
    account_id: 'text NOT NULL',
    account_manager: 'text NOT NULL',
    doc: 'jsonb NOT NULL',
  },
};
