import { type Actor, type CommandMetadata } from '@kamflow/eventsourcing';
import { type ReportableStatus, type ReportShipmentStatus, type ShipmentCommand } from './shipment.commands';
import { type ShipmentEvent } from './shipment.events';
import { type ShipmentStatus } from './shipment.state';

/** Test data for shipment specs. */
export const NOW = '2026-03-02T08:00:00.000Z';
export const desk: Actor = { id: 'user:desk', roles: ['order-desk'] };
export const system: Actor = { id: 'system:fulfilment', roles: ['system'] };
export const provider = (providerId = 'lp-sf'): Actor => ({
  id: `provider:${providerId}`,
  roles: ['logistics-provider'],
  providerId,
});
export const meta = (actor: Actor, now = NOW): CommandMetadata => ({ now, actor });

export const ref = { shipmentId: 'shp-1', orderId: 'ord-1', providerId: 'lp-sf' };
export const lines = [
  { lineId: 'l1', modelId: 'thinkpad-t14', quantity: 3 },
  { lineId: 'l2', modelId: 'thinkcentre-m90', quantity: 2 },
];
export const planData = {
  shipmentId: 'shp-1',
  orderId: 'ord-1',
  accountId: 'acc-1',
  providerId: 'lp-sf',
  plannedDate: '2026-03-05',
  deliveryAddress: {
    region: 'north',
    city: 'Beijing',
    address: '1 Chang An Ave',
    contact: 'Li Lei',
    phone: '13800000000',
  },
  lines,
};

export const planned: ShipmentEvent = { type: 'ShipmentPlanned', data: { ...planData, plannedAt: NOW } };

const AT = '2026-03-05T09:00:00.000Z';
const step: Record<'READY_TO_SHIP' | 'PICKED_UP' | 'DISPATCHED' | 'IN_TRANSIT' | 'DELIVERED', ShipmentEvent> =
  {
    READY_TO_SHIP: { type: 'ShipmentReadyToShip', data: { ...ref, at: AT } },
    PICKED_UP: { type: 'ShipmentPickUpNoteIssued', data: { ...ref, pickUpNoteNo: 'PN-shp-1-1', at: AT } },
    DISPATCHED: { type: 'ShipmentDispatched', data: { ...ref, at: AT } },
    IN_TRANSIT: { type: 'ShipmentInTransit', data: { ...ref, at: AT } },
    DELIVERED: { type: 'ShipmentDelivered', data: { ...ref, accountId: 'acc-1', lines, deliveredAt: AT } },
  };
const HAPPY = ['READY_TO_SHIP', 'PICKED_UP', 'DISPATCHED', 'IN_TRANSIT', 'DELIVERED'] as const;

/** The history that leaves a shipment in `status` (FAILED fails after `failedFrom`). */
export function historyTo(
  status: ShipmentStatus,
  failedFrom: ShipmentStatus = 'IN_TRANSIT',
): ShipmentEvent[] {
  if (status === 'PLANNED') return [planned];
  if (status === 'CANCELLED') {
    return [
      planned,
      { type: 'ShipmentCancelled', data: { ...ref, lines, reason: 'order cancelled', cancelledAt: NOW } },
    ];
  }
  if (status === 'FAILED') {
    return [
      ...historyTo(failedFrom),
      {
        type: 'ShipmentDeliveryFailed',
        data: { ...ref, from: failedFrom, reason: 'nobody on site', failedAt: AT },
      },
    ];
  }
  return [planned, ...HAPPY.slice(0, HAPPY.indexOf(status) + 1).map((s) => step[s])];
}

export const report = (
  status: ReportableStatus,
  note?: string,
  actor = provider(),
): ReportShipmentStatus => ({
  type: 'ReportShipmentStatus',
  data: { shipmentId: 'shp-1', status, at: AT, ...(note ? { note } : {}) },
  metadata: meta(actor),
});

export const cancel = (actor = desk): ShipmentCommand => ({
  type: 'CancelShipment',
  data: { shipmentId: 'shp-1', reason: 'order cancelled' },
  metadata: meta(actor),
});

export const reschedule = (plannedDate = '2026-03-09', actor = desk): ShipmentCommand => ({
  type: 'RescheduleShipment',
  data: { shipmentId: 'shp-1', plannedDate, reason: 'customer asked for Monday' },
  metadata: meta(actor),
});

export const AT_TIME = AT;
