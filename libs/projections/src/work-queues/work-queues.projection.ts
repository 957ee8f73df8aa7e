import { type RecordedEvent } from '@kamflow/eventsourcing';
import { knownEvent, type KnownCategory } from '../event-types';
import { type Projection, remove, type RowChange, type RowRef, streamIdOf } from '../projection';
import { WORK_ITEMS_TABLE, WORK_ORDERS_TABLE } from './work-queue-tables';
import { evolveOrderItems, itemId, ORDER_QUEUES, shipmentItem } from './work-items';

const CATEGORIES: readonly KnownCategory[] = ['order', 'shipment', 'orderProcess'];
const items = WORK_ITEMS_TABLE.name;

function keysOf(event: RecordedEvent): RowRef[] {
  const known = knownEvent(event, CATEGORIES);
  if (!known) return [];
  switch (known.category) {
    case 'order': {
      const orderId = streamIdOf(event);
      return [
        { table: WORK_ORDERS_TABLE.name, id: orderId },
        ...ORDER_QUEUES.map((q) => ({ table: items, id: itemId(q, orderId) })),
      ];
    }
    case 'shipment':
      return [
        { table: WORK_ORDERS_TABLE.name, id: known.event.data.orderId },
        { table: items, id: itemId('failed-deliveries', known.event.data.shipmentId) },
      ];
    case 'orderProcess':
      return [
        { table: WORK_ORDERS_TABLE.name, id: known.event.data.orderId },
        { table: items, id: itemId('acceptance-overdue', known.event.data.shipmentId) },
      ];
    case 'acceptance':
    case 'invoice':
      return [];
  }
}

/**
 * `work-queues`: what the order desk has to chase. Order queues (contract review, credit holds,
 * invalid configurations) follow from the folded order; failed deliveries from the shipment status
 * (until rescheduled or cancelled); acceptance-overdue from `AcceptanceOverdue` of the order process
 * (until `AcceptanceReceived`). Every item keeps `since`, when it entered its queue.
 */
export const workQueuesProjection: Projection = {
  name: 'work-queues',
  version: 1,
  tables: [WORK_ITEMS_TABLE, WORK_ORDERS_TABLE],
  categories: CATEGORIES,
  handles: (event) => knownEvent(event, CATEGORIES) !== undefined,
  keysOf,
  evolve: (rows, event): RowChange[] => {
    const known = knownEvent(event, CATEGORIES);
    if (!known) return [];
    switch (known.category) {
      case 'order':
        return evolveOrderItems(rows, event, known.event, streamIdOf(event));
      case 'shipment': {
        const e = known.event;
        if (e.type === 'ShipmentDeliveryFailed') {
          const { providerId, from, reason, failedAt } = e.data;
          return [
            shipmentItem(rows, 'failed-deliveries', e.data, failedAt, { providerId, from, reason, failedAt }),
          ];
        }
        if (e.type === 'ShipmentRescheduled' || e.type === 'ShipmentCancelled') {
          return [remove(items, itemId('failed-deliveries', e.data.shipmentId))];
        }
        return [];
      }
      case 'orderProcess': {
        const e = known.event;
        if (e.type === 'AcceptanceOverdue') {
          const { orderId: _o, shipmentId: _s, ...details } = e.data;
          return [shipmentItem(rows, 'acceptance-overdue', e.data, e.data.acceptanceDueAt, details)];
        }
        if (e.type === 'AcceptanceReceived')
          return [remove(items, itemId('acceptance-overdue', e.data.shipmentId))];
        return [];
      }
      case 'acceptance':
      case 'invoice':
        return [];
    }
  },
};
