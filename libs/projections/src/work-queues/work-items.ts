import { evolveOrder, initialOrderState, type Order, type OrderEvent } from '@kamflow/ordering';
import { type RecordedEvent } from '@kamflow/eventsourcing';
import { put, remove, type Row, type RowChange, type Rows, rowOf } from '../projection';
import { WORK_ITEMS_TABLE, WORK_ORDERS_TABLE, type WorkQueue } from './work-queue-tables';

/** A row of `rm_work_items`. */
export interface WorkItemRow extends Row {
  queue: WorkQueue;
  order_id: string;
  shipment_id: string | null;
  account_id: string | null;
  account_manager: string | null;
  /** When the item entered the queue (its age is measured from here). */
  since: string;
  details: Record<string, unknown>;
}

/** A row of `rm_work_orders`. */
export interface WorkOrderRow extends Row {
  account_id: string;
  account_manager: string;
  doc: Order;
}

/** The queues an order's own state puts it in. */
export const ORDER_QUEUES = [
  'contract-review',
  'credit-holds',
  'invalid-configuration',
] as const satisfies readonly WorkQueue[];

export const itemId = (queue: WorkQueue, id: string) => `${queue}:${id}`;

const CLOSED: readonly Order['status'][] = ['REJECTED', 'CANCELLED', 'COMPLETED'];

/** Whether (and since when, and with what) the order waits in `queue`; `since` undefined = when first seen. */
export function orderQueueEntry(order: Order, queue: (typeof ORDER_QUEUES)[number]) {
  if (CLOSED.includes(order.status)) return undefined;
  const summary = { accountName: order.account.name, customerPo: order.customerPo, status: order.status };
  switch (queue) {
    case 'contract-review':
      return order.contractReview.status === 'PENDING'
        ? { since: order.placedAt, details: summary }
        : undefined;
    case 'credit-holds': {
      const review = order.creditReview;
      if (review.status !== 'HELD' && review.status !== 'AWAITING_SECOND_SIGNATURE') return undefined;
      const { status: creditStatus, ...decision } = review;
      return { since: review.decidedAt, details: { ...summary, creditStatus, ...decision } };
    }
    case 'invalid-configuration': {
      const lines = order.lines.flatMap((l) =>
        l.configuration.status === 'INVALID'
          ? [
              {
                lineId: l.lineId,
                modelId: l.modelId,
                optionIds: l.optionIds,
                catalogVersion: l.configuration.catalogVersion,
                violations: l.configuration.violations,
              },
            ]
          : [],
      );
      return lines.length ? { since: undefined, details: { ...summary, lines } } : undefined;
    }
  }
}

/** Folds an order event into the work order and puts / removes the order's items in the order queues. */
export function evolveOrderItems(
  rows: Rows,
  recorded: RecordedEvent,
  event: OrderEvent,
  orderId: string,
): RowChange[] {
  const prev = rowOf<WorkOrderRow>(rows, WORK_ORDERS_TABLE.name, orderId);
  const order = evolveOrder(prev?.doc ?? initialOrderState(), event);
  if (order.status === 'NONE') return [];
  const account = { account_id: order.account.accountId, account_manager: order.account.accountManager };
  const changes: RowChange[] = [
    put(WORK_ORDERS_TABLE.name, { id: orderId, ...account, doc: order } satisfies WorkOrderRow),
  ];
  for (const queue of ORDER_QUEUES) {
    const id = itemId(queue, orderId);
    const existing = rowOf<WorkItemRow>(rows, WORK_ITEMS_TABLE.name, id);
    const entry = orderQueueEntry(order, queue);
    if (!entry) {
      if (existing) changes.push(remove(WORK_ITEMS_TABLE.name, id));
      continue;
    }
    const since = entry.since ?? existing?.since ?? recorded.occurredAt;
    const item: WorkItemRow = {
      id,
      queue,
      order_id: orderId,
      shipment_id: null,
      ...account,
      since,
      details: entry.details,
    };
    changes.push(put(WORK_ITEMS_TABLE.name, item));
  }
  return changes;
}

/** Puts a shipment's item into `queue`, with the account taken from the work order. */
export function shipmentItem(
  rows: Rows,
  queue: WorkQueue,
  ref: { orderId: string; shipmentId: string },
  since: string,
  details: Record<string, unknown>,
): RowChange {
  const order = rowOf<WorkOrderRow>(rows, WORK_ORDERS_TABLE.name, ref.orderId);
  const item: WorkItemRow = {
    id: itemId(queue, ref.shipmentId),
    queue,
    order_id: ref.orderId,
    shipment_id: ref.shipmentId,
    account_id: order?.account_id ?? null,
    account_manager: order?.account_manager ?? null,
    since,
    details,
  };
  return put(WORK_ITEMS_TABLE.name, item);
}
