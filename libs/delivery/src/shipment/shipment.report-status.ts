import { Roles } from '@kamflow/shared-kernel';
import { DomainError } from '@kamflow/eventsourcing';
import { type ReportShipmentStatus } from './shipment.commands';
import { DeliveryErrorCodes, illegalTransition, notAssignedProvider } from './shipment.errors';
import { type ShipmentEvent } from './shipment.events';
import { requireTimestamp } from './shipment.guards';
import { canTransition, type Shipment } from './shipment.state';

/** A provider report: only the assigned provider, only along the lifecycle table, repeats are no-ops. */
export function reportShipmentStatus(command: ReportShipmentStatus, shipment: Shipment): ShipmentEvent[] {
  const { actor } = command.metadata;
  const { status, at, note } = command.data;
  if (!actor.roles.includes(Roles.LogisticsProvider) || actor.providerId !== shipment.providerId) {
    throw notAssignedProvider(shipment.shipmentId, actor.providerId);
  }
  requireTimestamp(at, 'at');
  if (status === shipment.status) return [];
  if (!canTransition(shipment.status, status))
    throw illegalTransition(shipment.shipmentId, shipment.status, status);

  const ref = { shipmentId: shipment.shipmentId, orderId: shipment.orderId, providerId: shipment.providerId };
  const withNote = note?.trim() ? { note: note.trim() } : {};
  switch (status) {
    case 'READY_TO_SHIP':
      return [{ type: 'ShipmentReadyToShip', data: { ...ref, at, ...withNote } }];
    case 'PICKED_UP': {
      const pickUpNoteNo =
        command.data.pickUpNoteNo?.trim() || `PN-${shipment.shipmentId}-${shipment.pickUpNotes.length + 1}`;
      return [{ type: 'ShipmentPickUpNoteIssued', data: { ...ref, pickUpNoteNo, at, ...withNote } }];
    }
    case 'DISPATCHED':
      return [{ type: 'ShipmentDispatched', data: { ...ref, at, ...withNote } }];
    case 'IN_TRANSIT':
      return [{ type: 'ShipmentInTransit', data: { ...ref, at, ...withNote } }];
    case 'DELIVERED':
      return [
        {
          type: 'ShipmentDelivered',
          data: {
            ...ref,
            accountId: shipment.accountId,
            lines: shipment.lines,
            deliveredAt: at,
            ...withNote,
          },
        },
      ];
    case 'FAILED': {
      if (!note?.trim()) {
        throw new DomainError(
          DeliveryErrorCodes.FailureReasonRequired,
          'A failed delivery needs a reason',
          'invalid',
          {
            field: 'note',
          },
        );
      }
      return [
        {
          type: 'ShipmentDeliveryFailed',
          data: { ...ref, from: shipment.status, reason: note.trim(), failedAt: at },
        },
      ];
    }
    default:
      throw illegalTransition(shipment.shipmentId, shipment.status, String(status));
  }
}
