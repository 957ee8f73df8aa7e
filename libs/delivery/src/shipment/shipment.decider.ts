import { assertNever, type Decider, DomainError } from '@kamflow/eventsourcing';
import { dateOf, Roles } from '@kamflow/shared-kernel';
import {
  type CancelShipment,
  type PlanShipment,
  type ReassignShipmentProvider,
  type RescheduleShipment,
  type ShipmentCommand,
} from './shipment.commands';
import { DeliveryErrorCodes, invalidShipment, shipmentNotFound } from './shipment.errors';
import { type ShipmentEvent } from './shipment.events';
import { requireDate, requireRole, requireText } from './shipment.guards';
import { reportShipmentStatus } from './shipment.report-status';
import { validateShipmentCommand } from './shipment.validate';
import {
  canTransition,
  evolveShipment,
  initialShipmentState,
  type Shipment,
  type ShipmentState,
} from './shipment.state';

/** Stream of one shipment: `shipment-<shipmentId>`. */
export const shipmentStreamId = (shipmentId: string): string => `shipment-${shipmentId}`;

/** Statuses in which the goods are still at the warehouse, so another provider can take over. */
const REASSIGNABLE: readonly string[] = ['PLANNED', 'READY_TO_SHIP'];
const DESK = [Roles.OrderDesk];
const DESK_OR_SYSTEM = [Roles.OrderDesk, Roles.System];

function planShipment(command: PlanShipment, state: ShipmentState): ShipmentEvent[] {
  requireRole(command.metadata.actor, 'Planning a shipment', DESK_OR_SYSTEM);
  const d = command.data;
  if (state.status !== 'NONE') {
    if (state.orderId === d.orderId) return [];
    throw new DomainError(
      DeliveryErrorCodes.AlreadyPlanned,
      `Shipment ${d.shipmentId} already belongs to order ${state.orderId}`,
      'conflict',
      { shipmentId: d.shipmentId, orderId: state.orderId },
    );
  }
  for (const field of ['shipmentId', 'orderId', 'accountId', 'providerId'] as const)
    requireText(d[field], field);
  requireDate(d.plannedDate, 'plannedDate');
  for (const field of ['region', 'city', 'address', 'contact', 'phone'] as const) {
    requireText(d.deliveryAddress?.[field], `deliveryAddress.${field}`);
  }
  if (!d.lines?.length) throw invalidShipment('A shipment carries at least one line', 'lines');
  const seen = new Set<string>();
  d.lines.forEach((line, i) => {
    requireText(line.lineId, `lines[${i}].lineId`);
    requireText(line.modelId, `lines[${i}].modelId`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw invalidShipment('A quantity is a positive whole number', `lines[${i}].quantity`);
    }
    if (seen.has(line.lineId))
      throw invalidShipment(`Line ${line.lineId} appears twice`, `lines[${i}].lineId`);
    seen.add(line.lineId);
  });
  const {
    shipmentId,
    orderId,
    accountId,
    providerId,
    plannedDate,
    deliveryAddress: a,
    replacesShipmentId,
  } = d;
  return [
    {
      type: 'ShipmentPlanned',
      data: {
        shipmentId,
        orderId,
        accountId,
        providerId,
        plannedDate,
        deliveryAddress: {
          region: a.region,
          city: a.city,
          address: a.address,
          contact: a.contact,
          phone: a.phone,
        },
        lines: d.lines.map(({ lineId, modelId, quantity }) => ({ lineId, modelId, quantity })),
        ...(replacesShipmentId ? { replacesShipmentId } : {}),
        plannedAt: command.metadata.now,
      },
    },
  ];
}

function reassignProvider(command: ReassignShipmentProvider, shipment: Shipment): ShipmentEvent[] {
  requireRole(command.metadata.actor, 'Reassigning a shipment', DESK);
  const providerId = requireText(command.data.providerId, 'providerId');
  const reason = requireText(command.data.reason, 'reason');
  if (providerId === shipment.providerId) return [];
  if (!REASSIGNABLE.includes(shipment.status)) {
    throw new DomainError(
      DeliveryErrorCodes.NotReassignable,
      `Shipment ${shipment.shipmentId} is ${shipment.status}; its provider can only change before pick-up`,
      'conflict',
      { shipmentId: shipment.shipmentId, status: shipment.status },
    );
  }
  const { shipmentId, orderId } = shipment;
  return [
    {
      type: 'ShipmentProviderReassigned',
      data: {
        shipmentId,
        orderId,
        providerId,
        previousProviderId: shipment.providerId,
        reason,
        reassignedAt: command.metadata.now,
      },
    },
  ];
}

function rescheduleShipment(command: RescheduleShipment, shipment: Shipment): ShipmentEvent[] {
  requireRole(command.metadata.actor, 'Rescheduling a shipment', DESK);
  const { plannedDate } = command.data;
  requireDate(plannedDate, 'plannedDate');
  const reason = requireText(command.data.reason, 'reason');
  if (!canTransition(shipment.status, 'PLANNED')) {
    throw new DomainError(
      DeliveryErrorCodes.NotReschedulable,
      `Shipment ${shipment.shipmentId} is ${shipment.status}; only planned or failed shipments are rescheduled`,
      'conflict',
      { shipmentId: shipment.shipmentId, status: shipment.status },
    );
  }
  if (plannedDate < dateOf(command.metadata.now)) {
    throw new DomainError(DeliveryErrorCodes.PlannedDateInPast, `${plannedDate} is in the past`, 'rule', {
      field: 'plannedDate',
    });
  }
  if (shipment.status === 'PLANNED' && plannedDate === shipment.plannedDate) return [];
  const { shipmentId, orderId, providerId } = shipment;
  return [
    {
      type: 'ShipmentRescheduled',
      data: {
        shipmentId,
        orderId,
        providerId,
        plannedDate,
        previousPlannedDate: shipment.plannedDate,
        reason,
        rescheduledAt: command.metadata.now,
      },
    },
  ];
}

function cancelShipment(command: CancelShipment, shipment: Shipment): ShipmentEvent[] {
  requireRole(command.metadata.actor, 'Cancelling a shipment', DESK_OR_SYSTEM);
  if (shipment.status === 'CANCELLED') return [];
  const reason = requireText(command.data.reason, 'reason');
  if (!canTransition(shipment.status, 'CANCELLED') || shipment.everDispatched) {
    throw new DomainError(
      DeliveryErrorCodes.NotCancellable,
      `Shipment ${shipment.shipmentId} is ${shipment.status}${shipment.everDispatched ? ' after dispatch' : ''}; only shipments not yet dispatched can be cancelled`,
      'conflict',
      { shipmentId: shipment.shipmentId, status: shipment.status, everDispatched: shipment.everDispatched },
    );
  }
  const { shipmentId, orderId, providerId, lines } = shipment;
  return [
    {
      type: 'ShipmentCancelled',
      data: { shipmentId, orderId, providerId, lines, reason, cancelledAt: command.metadata.now },
    },
  ];
}

/** Decides a shipment command; every command but `PlanShipment` needs an existing shipment. */
export function decideShipment(command: ShipmentCommand, state: ShipmentState): ShipmentEvent[] {
  validateShipmentCommand(command);
  if (command.type === 'PlanShipment') return planShipment(command, state);
  if (state.status === 'NONE') throw shipmentNotFound(command.data.shipmentId);
  switch (command.type) {
    case 'ReassignShipmentProvider':
      return reassignProvider(command, state);
    case 'ReportShipmentStatus':
      return reportShipmentStatus(command, state);
    case 'RescheduleShipment':
      return rescheduleShipment(command, state);
    case 'CancelShipment':
      return cancelShipment(command, state);
    default:
      return assertNever(command, 'shipment command');
  }
}

/** The shipment aggregate (stream `shipment-<shipmentId>`). */
export const shipmentDecider: Decider<ShipmentState, ShipmentCommand, ShipmentEvent> = {
  initialState: initialShipmentState,
  evolve: evolveShipment,
  decide: decideShipment,
};
