import {
  type PartnerCommandV1,
  type PublicInspectedUnit,
  type PublicShipmentStatus,
  type ShipmentAssignedV1,
} from '@kamflow/contracts';

/** How the simulated provider behaves. */
export interface SimulationPolicy {
  providerId: string;
  /** Share of units rejected on inspection, 0 (none) to 1 (all). */
  rejectionRate: number;
  /** Seeds the rejection draw: the same seed rejects the same serials on every run. */
  seed: string;
  /** Simulated time between two reports. */
  stepSeconds: number;
}

/** The statuses a simulated shipment walks, in order. */
export const WALK: readonly PublicShipmentStatus[] = [
  'READY_TO_SHIP',
  'PICKED_UP',
  'DISPATCHED',
  'IN_TRANSIT',
  'DELIVERED',
];

const DEFECTS = ['dead on arrival', 'cracked screen', 'wrong configuration', 'damaged in transit'];

/** Whether a public event is a shipment assigned to this provider (other providers' events are ignored). */
export function isAssignmentFor(event: unknown, providerId: string): event is ShipmentAssignedV1 {
  const e = event as Partial<ShipmentAssignedV1> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.type === 'logistics.shipment-assigned.v1' &&
    e.partner === providerId
  );
}

/** FNV-1a: a 32-bit hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform draw in [0, 1) determined by `seed` and `key` alone (mulberry32 of their hash). */
export function draw(seed: string, key: string): number {
  let t = (hash32(`${seed}|${key}`) + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

/** The serial number of the n-th unit (1-based) of a line on a shipment. */
export function serialOf(shipmentId: string, lineId: string, n: number): string {
  return `${shipmentId}-${lineId}-${String(n).padStart(3, '0')}`.slice(-60);
}

/** The inspection verdict of every unit, by serial; each unit's draw depends only on the seed and its serial. */
export function inspect(
  assignment: ShipmentAssignedV1,
  policy: Pick<SimulationPolicy, 'rejectionRate' | 'seed'>,
): PublicInspectedUnit[] {
  return assignment.data.lines.flatMap((line) =>
    Array.from({ length: line.quantity }, (_, i) => {
      const serial = serialOf(assignment.data.shipmentId, line.lineId, i + 1);
      const roll = draw(policy.seed, serial);
      if (roll >= policy.rejectionRate) return { serial, lineId: line.lineId, result: 'ACCEPTED' as const };
      const defect = DEFECTS[hash32(`${policy.seed}|defect|${serial}`) % DEFECTS.length];
      return { serial, lineId: line.lineId, result: 'REJECTED' as const, defect };
    }),
  );
}

/** Customer satisfaction: 5 when every unit was accepted, 3 when some were rejected, 1 when all were. */
export function satisfactionFor(units: readonly PublicInspectedUnit[]): number {
  const rejected = units.filter((u) => u.result === 'REJECTED').length;
  if (rejected === 0) return 5;
  return rejected === units.length ? 1 : 3;
}

/**
 * The commands the provider sends for an assignment: the five status reports and then the signed
 * acceptance receipt, `stepSeconds` apart from `now`. Command ids derive from the provider and the public
 * event id, so a redelivered assignment repeats the same ids and the API changes nothing twice.
 */
export function planWalk(
  assignment: ShipmentAssignedV1,
  policy: SimulationPolicy,
  now: Date,
): PartnerCommandV1[] {
  const { shipmentId } = assignment.data;
  const at = (step: number) => new Date(now.getTime() + step * policy.stepSeconds * 1_000).toISOString();
  const envelope = (step: string, index: number) => ({
    id: `${policy.providerId}:${assignment.id}:${step}`.slice(0, 200),
    version: 1,
    issuedAt: at(index),
    partner: policy.providerId,
    subject: shipmentId,
  });
  const reports: PartnerCommandV1[] = WALK.map((status, i) => ({
    ...envelope(status, i),
    type: 'ReportShipmentStatus' as const,
    data: {
      status,
      at: at(i),
      note: `simulated by ${policy.providerId}`,
      ...(status === 'PICKED_UP' ? { pickUpNoteNo: `PU-${shipmentId}`.slice(0, 60) } : {}),
    },
  }));
  const units = inspect(assignment, policy);
  const receipt: PartnerCommandV1 = {
    ...envelope('RECEIPT', WALK.length),
    type: 'SignAcceptanceReceipt',
    data: {
      units,
      signatory: assignment.data.deliveryAddress.contact,
      signedAt: at(WALK.length),
      satisfaction: satisfactionFor(units),
      receiptId: `RC-${shipmentId}`.slice(0, 60),
    },
  };
  return [...reports, receipt];
}

/** What to do after a report failed with an HTTP status. */
export type FailureAction = 'retry' | 'skip' | 'relogin';

/**
 * 401: log in again; 404/409/423/429/5xx: retry later (the inspection opens only after the delivery
 * event travelled through the process manager; a concurrent write may conflict); other 4xx: the command
 * can never succeed, skip it.
 */
export function onFailure(status: number): FailureAction {
  if (status === 401) return 'relogin';
  if (status === 404 || status === 409 || status === 423 || status === 429 || status >= 500) return 'retry';
  return 'skip';
}

/** Exponential back-off for the n-th retry (1-based), capped. */
export function retryDelayMs(attempt: number, baseMs = 250, maxMs = 5_000): number {
  return Math.min(maxMs, baseMs * 2 ** (attempt - 1));
}
