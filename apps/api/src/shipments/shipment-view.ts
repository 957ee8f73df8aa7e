import {
  type AcceptanceReceiptSigned,
  evolveInspection,
  initialInspectionState,
  type InspectionEvent,
  type InspectionState,
} from '@kamflow/acceptance';
import {
  evolveShipment,
  initialShipmentState,
  nextStep,
  type Shipment,
  type ShipmentEvent,
  type ShipmentState,
} from '@kamflow/delivery';
import { type RecordedEvent, streamCategory } from '@kamflow/eventsourcing';

/** The signed receipt as the API shows it (from the `AcceptanceReceiptSigned` event). */
export function receiptView(signed: AcceptanceReceiptSigned['data']) {
  return {
    receiptId: signed.receiptId,
    shipmentId: signed.shipmentId,
    orderId: signed.orderId,
    providerId: signed.providerId,
    signatory: signed.signatory,
    signedAt: signed.signedAt,
    satisfaction: signed.satisfaction,
    acceptedUnits: signed.acceptedUnits,
    rejectedUnits: signed.rejectedUnits,
    lines: signed.lines,
    units: signed.units,
  };
}

/** The receipt event of an acceptance stream, if it was signed. */
export function signedReceipt(events: readonly RecordedEvent[]): AcceptanceReceiptSigned['data'] | undefined {
  return events.find((e) => e.type === 'AcceptanceReceiptSigned')?.data as AcceptanceReceiptSigned['data'] | undefined;
}

/** `GET /shipments/{id}`: the shipment, the provider's next step, and the inspection / receipt if any. */
export function shipmentView(
  shipment: Shipment,
  revision: number,
  inspection: InspectionState,
  receipt?: AcceptanceReceiptSigned['data'],
) {
  return {
    id: shipment.shipmentId,
    revision,
    orderId: shipment.orderId,
    accountId: shipment.accountId,
    providerId: shipment.providerId,
    status: shipment.status,
    plannedDate: shipment.plannedDate,
    deliveryAddress: shipment.deliveryAddress,
    lines: shipment.lines,
    ...(shipment.replacesShipmentId ? { replacesShipmentId: shipment.replacesShipmentId } : {}),
    pickUpNotes: shipment.pickUpNotes,
    ...(shipment.lastFailure ? { lastFailure: shipment.lastFailure } : {}),
    ...(shipment.deliveredAt ? { deliveredAt: shipment.deliveredAt } : {}),
    nextStep: nextStep(shipment, { acceptanceSigned: inspection.status === 'SIGNED' }),
    inspection:
      inspection.status === 'NONE'
        ? null
        : { status: inspection.status, deliveredAt: inspection.deliveredAt, lines: inspection.lines },
    acceptanceReceipt: receipt ? receiptView(receipt) : null,
  };
}

/** One row of a provider's shipment list. */
export function shipmentListItem(shipment: Shipment, acceptanceSigned: boolean) {
  return {
    id: shipment.shipmentId,
    orderId: shipment.orderId,
    status: shipment.status,
    plannedDate: shipment.plannedDate,
    deliveryAddress: shipment.deliveryAddress,
    lines: shipment.lines,
    ...(shipment.deliveredAt ? { deliveredAt: shipment.deliveredAt } : {}),
    nextStep: nextStep(shipment, { acceptanceSigned }),
  };
}

/**
 * Folds the `shipment` and `acceptance` categories of the log into every shipment currently assigned to
 * `providerId` (after reassignments), with whether its receipt is signed.
 */
export function providerShipmentsFromLog(events: readonly RecordedEvent[], providerId: string) {
  const shipments = new Map<string, ShipmentState>();
  const inspections = new Map<string, InspectionState>();
  for (const e of events) {
    const category = streamCategory(e.streamId);
    const id = e.streamId.slice(category.length + 1);
    if (category === 'shipment') {
      shipments.set(id, evolveShipment(shipments.get(id) ?? initialShipmentState(), e as unknown as ShipmentEvent));
    } else if (category === 'acceptance') {
      inspections.set(id, evolveInspection(inspections.get(id) ?? initialInspectionState(), e as unknown as InspectionEvent));
    }
  }
  return [...shipments.entries()].flatMap(([id, s]) =>
    s.status !== 'NONE' && s.providerId === providerId
      ? [shipmentListItem(s, inspections.get(id)?.status === 'SIGNED')]
      : [],
  );
}
