import { assertNever } from '@kamflow/eventsourcing';
import { type DeliveredLine } from './inspection.commands';
import { type InspectionEvent } from './inspection.events';

/** A delivered shipment under inspection (OPEN) or with its receipt signed (SIGNED). */
export interface Inspection {
  status: 'OPEN' | 'SIGNED';
  shipmentId: string;
  orderId: string;
  accountId: string;
  providerId: string;
  lines: DeliveredLine[];
  deliveredAt: string;
  receipt?: { receiptId: string; signedAt: string; acceptedUnits: number; rejectedUnits: number };
}

/** Inspection state of one shipment. */
export type InspectionState = { status: 'NONE' } | Inspection;

export const initialInspectionState = (): InspectionState => ({ status: 'NONE' });

/** Folds one event into the inspection state. */
export function evolveInspection(state: InspectionState, event: InspectionEvent): InspectionState {
  switch (event.type) {
    case 'InspectionOpened': {
      const { openedAt: _openedAt, ...d } = event.data;
      return { ...d, status: 'OPEN' };
    }
    case 'AcceptanceReceiptSigned': {
      if (state.status === 'NONE') return state;
      const { receiptId, signedAt, acceptedUnits, rejectedUnits } = event.data;
      return { ...state, status: 'SIGNED', receipt: { receiptId, signedAt, acceptedUnits, rejectedUnits } };
    }
    case 'ReplacementRequested':
      return state;
    default:
      return assertNever(event, 'inspection event');
  }
}

const DAY_MS = 86_400_000;

/** When the signed receipt is due: `days` after delivery (undefined unless the inspection is open). */
export function acceptanceDeadline(state: InspectionState, days: number): string | undefined {
  if (state.status !== 'OPEN') return undefined;
  return new Date(Date.parse(state.deliveredAt) + days * DAY_MS).toISOString();
}

/**
 * Whether the signed receipt is overdue at `now`: the shipment was delivered at least `days`
 * (elapsed 24-hour days) ago and no receipt was signed. Feeds the acceptance-overdue work queue.
 */
export function overdue(state: InspectionState, now: string, days: number): boolean {
  const deadline = acceptanceDeadline(state, days);
  return deadline !== undefined && Date.parse(now) >= Date.parse(deadline);
}
