import { assertNever } from '@kamflow/eventsourcing';
import { type DeliveryAddress, type ShipmentLine } from './shipment.commands';
import { type ShipmentEvent } from './shipment.events';

/** The lifecycle of a shipment. */
export type ShipmentStatus =
  | 'PLANNED'
  | 'READY_TO_SHIP'
  | 'PICKED_UP'
  | 'DISPATCHED'
  | 'IN_TRANSIT'
  | 'DELIVERED'
  | 'FAILED'
  | 'CANCELLED';

/**
 * The declarative lifecycle: from each status, the statuses it may move to.
 * Provider reports move along the happy path one step at a time (no skipping: every step is a
 * document the desk and the customer rely on, e.g. the pick-up note). FAILED is reachable from every
 * status in which the goods are being handled; the desk reschedules (→ PLANNED, also to move a planned
 * date) or cancels. Cancelling is further limited to shipments that were never dispatched.
 */
export const SHIPMENT_TRANSITIONS: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  PLANNED: ['READY_TO_SHIP', 'PLANNED', 'CANCELLED'],
  READY_TO_SHIP: ['PICKED_UP', 'FAILED', 'CANCELLED'],
  PICKED_UP: ['DISPATCHED', 'FAILED', 'CANCELLED'],
  DISPATCHED: ['IN_TRANSIT', 'FAILED'],
  IN_TRANSIT: ['DELIVERED', 'FAILED'],
  DELIVERED: [],
  FAILED: ['PLANNED', 'CANCELLED'],
  CANCELLED: [],
};

/** Whether the lifecycle table allows `from → to`. */
export function canTransition(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return SHIPMENT_TRANSITIONS[from].includes(to);
}

/** A planned shipment. */
export interface Shipment {
  status: ShipmentStatus;
  shipmentId: string;
  orderId: string;
  accountId: string;
  providerId: string;
  plannedDate: string;
  deliveryAddress: DeliveryAddress;
  lines: ShipmentLine[];
  replacesShipmentId?: string;
  /** True once the goods were dispatched; never reset, even by a reschedule. */
  everDispatched: boolean;
  /** Pick-up notes issued so far (a rescheduled shipment gets a new one). */
  pickUpNotes: string[];
  lastFailure?: { from: ShipmentStatus; reason: string; at: string };
  deliveredAt?: string;
}

/** Shipment state: nothing yet, or a shipment in some status. */
export type ShipmentState = { status: 'NONE' } | Shipment;

export const initialShipmentState = (): ShipmentState => ({ status: 'NONE' });

/** Folds one event into the shipment state. */
export function evolveShipment(state: ShipmentState, event: ShipmentEvent): ShipmentState {
  if (event.type === 'ShipmentPlanned') {
    const { plannedAt: _plannedAt, ...d } = event.data;
    return { ...d, status: 'PLANNED', everDispatched: false, pickUpNotes: [] };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'ShipmentProviderReassigned':
      return { ...state, providerId: event.data.providerId };
    case 'ShipmentReadyToShip':
      return { ...state, status: 'READY_TO_SHIP' };
    case 'ShipmentPickUpNoteIssued':
      return { ...state, status: 'PICKED_UP', pickUpNotes: [...state.pickUpNotes, event.data.pickUpNoteNo] };
    case 'ShipmentDispatched':
      return { ...state, status: 'DISPATCHED', everDispatched: true };
    case 'ShipmentInTransit':
      return { ...state, status: 'IN_TRANSIT' };
    case 'ShipmentDelivered':
      return { ...state, status: 'DELIVERED', deliveredAt: event.data.deliveredAt };
    case 'ShipmentDeliveryFailed':
      return {
        ...state,
        status: 'FAILED',
        lastFailure: { from: event.data.from, reason: event.data.reason, at: event.data.failedAt },
      };
    case 'ShipmentRescheduled':
      return { ...state, status: 'PLANNED', plannedDate: event.data.plannedDate };
    case 'ShipmentCancelled':
      return { ...state, status: 'CANCELLED' };
    default:
      return assertNever(event, 'shipment event');
  }
}
