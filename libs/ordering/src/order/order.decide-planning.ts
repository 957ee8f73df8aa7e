import { addBusinessDays, dateOf, Roles } from '@kamflow/shared-kernel';
import { type PlanReplacementShipment, type PlanShipment } from './order.commands';
import { requireDate, requireText } from './order.decide-place';
import { OrderError, requireOrder, requireRole, requireShipment } from './order.errors';
import { type OrderEvent } from './order.events';
import { allocatedUnits, isClosed, unreplacedRejected } from './order.queries';
import { type Order, type OrderState } from './order.state';
import { type ShipmentLine } from './order.values';

function validateShipmentLines(order: Order, lines: readonly ShipmentLine[]): void {
  if (lines.length === 0)
    throw new OrderError('ORDER.NO_LINES', 'A shipment carries at least one line', { field: 'lines' });
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (seen.has(line.lineId)) {
      throw new OrderError('ORDER.DUPLICATE_LINE', `Line ${line.lineId} appears twice`, {
        field: `lines[${i}].lineId`,
      });
    }
    seen.add(line.lineId);
    if (!order.lines.some((l) => l.lineId === line.lineId)) {
      throw new OrderError('ORDER.LINE_NOT_FOUND', `Order ${order.orderId} has no line ${line.lineId}`, {
        field: `lines[${i}].lineId`,
      });
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw new OrderError('ORDER.INVALID_QUANTITY', 'Quantity must be a whole number ≥ 1', {
        field: `lines[${i}].quantity`,
      });
    }
  });
}

/** 配送: allocates units of a released order to a shipment; never more than was ordered. */
export function planShipment(command: PlanShipment, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'plan shipments', Roles.OrderDesk);
  if (!order.release || isClosed(order)) {
    throw new OrderError('ORDER.NOT_RELEASED', `Order ${order.orderId} is ${order.status}, not released`, {
      status: order.status,
    });
  }
  if (order.shipments.some((s) => s.shipmentId === data.shipmentId)) {
    throw new OrderError('ORDER.SHIPMENT_ALREADY_PLANNED', `Shipment ${data.shipmentId} is already planned`, {
      shipmentId: data.shipmentId,
    });
  }
  requireText(data.providerId, 'providerId');
  requireText(data.deliveryAddress?.address, 'deliveryAddress.address');
  requireDate(data.plannedDate, 'plannedDate');
  if (data.plannedDate < dateOf(metadata.now)) {
    throw new OrderError('ORDER.PLANNED_DATE_IN_PAST', `Planned date ${data.plannedDate} has passed`, {
      field: 'plannedDate',
    });
  }
  validateShipmentLines(order, data.lines);
  data.lines.forEach((planned, i) => {
    const ordered = order.lines.find((l) => l.lineId === planned.lineId)?.quantity ?? 0;
    const allocated = allocatedUnits(order, planned.lineId);
    if (allocated + planned.quantity > ordered) {
      throw new OrderError(
        'ORDER.QUANTITY_EXCEEDS_ORDER',
        `Line ${planned.lineId}: ${ordered} ordered, ${allocated} already planned`,
        {
          field: `lines[${i}].quantity`,
          ordered,
          allocated,
        },
      );
    }
  });
  const { orderId, shipmentId, providerId, plannedDate, deliveryAddress, lines } = data;
  return [
    {
      type: 'OrderShipmentPlanned',
      data: { orderId, shipmentId, providerId, plannedDate, deliveryAddress, lines },
    },
  ];
}

/** 换机: a replacement for units rejected on inspection and not yet replaced. Repeats change nothing. */
export function planReplacementShipment(command: PlanReplacementShipment, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'plan replacement shipments', Roles.System, Roles.OrderDesk);
  const existing = order.shipments.find((s) => s.shipmentId === data.shipmentId);
  if (existing?.replacesShipmentId === data.replacesShipmentId) return [];
  if (existing) {
    throw new OrderError('ORDER.SHIPMENT_ALREADY_PLANNED', `Shipment ${data.shipmentId} is already planned`, {
      shipmentId: data.shipmentId,
    });
  }
  if (isClosed(order))
    throw new OrderError('ORDER.CLOSED', `Order ${order.orderId} is ${order.status}`, {
      status: order.status,
    });
  const replaced = requireShipment(order, data.replacesShipmentId);
  if (!replaced.inspection) {
    throw new OrderError(
      'ORDER.SHIPMENT_NOT_INSPECTED',
      `Shipment ${replaced.shipmentId} has no acceptance receipt yet`,
      {
        shipmentId: replaced.shipmentId,
      },
    );
  }
  validateShipmentLines(order, data.lines);
  data.lines.forEach((line, i) => {
    const open = unreplacedRejected(order, replaced, line.lineId);
    if (line.quantity > open) {
      throw new OrderError(
        'ORDER.REPLACEMENT_EXCEEDS_REJECTED',
        `Line ${line.lineId}: only ${open} rejected units await replacement`,
        {
          field: `lines[${i}].quantity`,
          open,
        },
      );
    }
  });
  if (data.plannedDate !== undefined) requireDate(data.plannedDate, 'plannedDate');
  return [
    {
      type: 'OrderReplacementShipmentPlanned',
      data: {
        orderId: order.orderId,
        shipmentId: data.shipmentId,
        replacesShipmentId: replaced.shipmentId,
        providerId: data.providerId ?? replaced.providerId,
        plannedDate: data.plannedDate ?? addBusinessDays(dateOf(metadata.now), 1),
        deliveryAddress: data.deliveryAddress ?? replaced.deliveryAddress,
        lines: data.lines,
      },
    },
  ];
}
