import { Roles } from '@kamflow/shared-kernel';
import { type AmendOrder, type CancelOrder } from './order.commands';
import { lineSpec, validateLines } from './order.decide-place';
import { OrderError, requireOrder, requireReason, requireRole } from './order.errors';
import { type OrderEvent, type OrderLineRecord } from './order.events';
import { allocatedUnits, isClosed } from './order.queries';
import { type Order, type OrderState } from './order.state';
import { type OrderLineSpec } from './order.values';

function sameLine(a: OrderLineSpec, b: OrderLineSpec): boolean {
  const options = (l: OrderLineSpec) => JSON.stringify([...l.optionIds].sort());
  const address = (l: OrderLineSpec) => {
    const { region, city, address: street, contact, phone } = l.deliveryAddress;
    return JSON.stringify([region, city, street, contact, phone]);
  };
  return (
    a.modelId === b.modelId &&
    a.quantity === b.quantity &&
    a.requestedDate === b.requestedDate &&
    options(a) === options(b) &&
    address(a) === address(b)
  );
}

function refuseBelowPlanned(order: Order, line: OrderLineSpec, index: number): void {
  const planned = allocatedUnits(order, line.lineId);
  if (line.quantity < planned) {
    throw new OrderError(
      'ORDER.QUANTITY_BELOW_PLANNED',
      `Line ${line.lineId} has ${planned} units planned for shipment`,
      {
        field: `lines[${index}].quantity`,
        planned,
      },
    );
  }
}

/**
 * Changes, adds or removes lines until the first dispatch. Changed and added lines go back to
 * configuration (next round), credit is reviewed again, the contract approval stands. Lines
 * sent back unchanged keep their configuration; an amendment that changes nothing records nothing.
 */
export function amendOrder(command: AmendOrder, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'amend orders', Roles.OrderDesk);
  if (isClosed(order) || order.dispatched) {
    throw new OrderError('ORDER.NOT_AMENDABLE', `Order ${order.orderId} can no longer be amended`, {
      status: order.status,
      dispatched: order.dispatched,
    });
  }
  if (data.lines.length === 0)
    throw new OrderError('ORDER.NO_LINES', 'Name at least one line to amend', { field: 'lines' });
  const current = new Map(order.lines.map((l) => [l.lineId, l]));
  const unchanged = (line: OrderLineSpec) => {
    const existing = current.get(line.lineId);
    return existing !== undefined && sameLine(existing, line);
  };
  validateLines(data.lines, metadata, { minQuantity: 0, unchanged });

  const lines: OrderLineRecord[] = [];
  const removedLineIds: string[] = [];
  data.lines.forEach((line, index) => {
    if (unchanged(line)) return;
    const existing = current.get(line.lineId);
    if (line.quantity === 0 && !existing) {
      throw new OrderError('ORDER.LINE_NOT_FOUND', `Order ${order.orderId} has no line ${line.lineId}`, {
        field: `lines[${index}].lineId`,
      });
    }
    refuseBelowPlanned(order, line, index);
    if (line.quantity === 0) {
      removedLineIds.push(line.lineId);
      return;
    }
    const previousRound = existing?.configurationRound ?? order.removedLineRounds[line.lineId] ?? 0;
    lines.push({ ...lineSpec(line), configurationRound: previousRound + 1 });
  });
  if (lines.length === 0 && removedLineIds.length === 0) return [];
  const remaining =
    order.lines.filter((l) => !removedLineIds.includes(l.lineId)).length +
    lines.filter((l) => !current.has(l.lineId)).length;
  if (remaining === 0) {
    throw new OrderError(
      'ORDER.NO_LINES',
      'An amendment cannot remove every line; cancel the order instead',
      {
        field: 'lines',
      },
    );
  }
  return [
    {
      type: 'OrderAmended',
      data: {
        orderId: order.orderId,
        amendmentNumber: order.amendments + 1,
        lines,
        removedLineIds,
        amendedBy: metadata.actor.id,
        amendedAt: metadata.now,
      },
    },
  ];
}

/**
 * Cancels the order until its first dispatch. The event names the planned shipments to cancel
 * and whether credit was reserved, so the process manager can compensate.
 */
export function cancelOrder(command: CancelOrder, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'cancel orders', Roles.OrderDesk);
  const reason = requireReason(data.reason);
  if (isClosed(order) || order.dispatched) {
    throw new OrderError('ORDER.NOT_CANCELLABLE', `Order ${order.orderId} can no longer be cancelled`, {
      status: order.status,
      dispatched: order.dispatched,
    });
  }
  return [
    {
      type: 'OrderCancelled',
      data: {
        orderId: order.orderId,
        reason,
        plannedShipmentIds: order.shipments.filter((s) => s.status === 'PLANNED').map((s) => s.shipmentId),
        creditReserved: order.creditReserved,
        cancelledBy: metadata.actor.id,
        cancelledAt: metadata.now,
      },
    },
  ];
}
