import { type RecordedEvent } from '@kamflow/eventsourcing';
import { knownEvent, type KnownCategory } from '../event-types';
import { type Projection, rowOf, type RowRef, streamIdOf } from '../projection';
import {
  evolveInvoiceRow,
  evolveOrderRow,
  evolveShipmentRow,
  type OrderInvoiceRow,
  type OrderRow,
  type OrderShipmentRow,
} from './order-rows';
import { ORDER_INVOICES_TABLE, ORDER_SHIPMENTS_TABLE, ORDERS_TABLE } from './order-tables';

const CATEGORIES: readonly KnownCategory[] = ['order', 'shipment', 'acceptance', 'invoice', 'orderProcess'];

function refOf(event: RecordedEvent): RowRef | undefined {
  const known = knownEvent(event, CATEGORIES);
  if (!known) return undefined;
  switch (known.category) {
    case 'order':
      return { table: ORDERS_TABLE.name, id: streamIdOf(event) };
    case 'shipment':
    case 'acceptance':
      return { table: ORDER_SHIPMENTS_TABLE.name, id: streamIdOf(event) };
    case 'orderProcess':
      return { table: ORDER_SHIPMENTS_TABLE.name, id: known.event.data.shipmentId };
    case 'invoice':
      return { table: ORDER_INVOICES_TABLE.name, id: streamIdOf(event) };
  }
}

/**
 * `orders`: every order with its shipments (status, inspection, awaited acceptance) and invoices,
 * as `GET /orders`, `GET /orders/{id}` and `GET /providers/me/shipments` read them. Each row holds
 * the aggregate's state folded with the domain's own `evolve`, plus the columns queries filter on.
 */
export const ordersProjection: Projection = {
  name: 'orders',
  version: 1,
  tables: [ORDERS_TABLE, ORDER_SHIPMENTS_TABLE, ORDER_INVOICES_TABLE],
  categories: CATEGORIES,
  handles: (event) => knownEvent(event, CATEGORIES) !== undefined,
  keysOf: (event) => {
    const ref = refOf(event);
    return ref ? [ref] : [];
  },
  evolve: (rows, event) => {
    const known = knownEvent(event, CATEGORIES);
    const ref = refOf(event);
    if (!known || !ref) return [];
    switch (known.category) {
      case 'order':
        return evolveOrderRow(rowOf<OrderRow>(rows, ref.table, ref.id), event, known.event);
      case 'invoice':
        return evolveInvoiceRow(rowOf<OrderInvoiceRow>(rows, ref.table, ref.id), event, known.event);
      case 'shipment':
        return evolveShipmentRow(ref.id, rowOf<OrderShipmentRow>(rows, ref.table, ref.id), event, {
          kind: 'shipment',
          event: known.event,
        });
      case 'acceptance':
        return evolveShipmentRow(ref.id, rowOf<OrderShipmentRow>(rows, ref.table, ref.id), event, {
          kind: 'acceptance',
          event: known.event,
        });
      case 'orderProcess':
        return evolveShipmentRow(ref.id, rowOf<OrderShipmentRow>(rows, ref.table, ref.id), event, {
          kind: 'orderProcess',
          event: known.event,
        });
    }
  },
};
