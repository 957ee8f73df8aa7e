import { Roles } from '@kamflow/shared-kernel';
import { type InspectedUnit, type SignAcceptanceReceipt } from './inspection.commands';
import { AcceptanceErrorCodes as C, acceptanceError } from './inspection.errors';
import { type InspectionEvent, type ReceiptLine } from './inspection.events';
import { type Inspection } from './inspection.state';

const blank = (value: string | undefined): boolean => (value?.trim() ?? '') === '';

/** Checks the receipt's header: who signed, when, and how satisfied. */
function checkHeader(data: SignAcceptanceReceipt['data'], inspection: Inspection): void {
  if (blank(data.receiptId))
    throw acceptanceError(C.InvalidReceipt, 'A receipt needs an id', 'invalid', { field: 'receiptId' });
  if (blank(data.signatory)) {
    throw acceptanceError(C.SignatoryRequired, 'The receipt must name who signed it', 'invalid', {
      field: 'signatory',
    });
  }
  if (!Number.isInteger(data.satisfaction) || data.satisfaction < 1 || data.satisfaction > 5) {
    throw acceptanceError(C.InvalidSatisfaction, 'Satisfaction is a whole number from 1 to 5', 'invalid', {
      field: 'satisfaction',
      satisfaction: data.satisfaction,
    });
  }
  if (Number.isNaN(Date.parse(data.signedAt))) {
    throw acceptanceError(C.InvalidReceipt, 'signedAt must be an ISO 8601 timestamp', 'invalid', {
      field: 'signedAt',
    });
  }
  if (Date.parse(data.signedAt) < Date.parse(inspection.deliveredAt)) {
    throw acceptanceError(C.SignedBeforeDelivery, 'A receipt cannot be signed before the delivery', 'rule', {
      signedAt: data.signedAt,
      deliveredAt: inspection.deliveredAt,
    });
  }
}

/** Checks each unit and counts accepted / rejected per delivered line. */
function tally(
  units: readonly InspectedUnit[],
  inspection: Inspection,
): { units: InspectedUnit[]; lines: ReceiptLine[] } {
  const lines = new Map<string, ReceiptLine>(
    inspection.lines.map((l) => [
      l.lineId,
      { lineId: l.lineId, modelId: l.modelId, delivered: l.quantity, accepted: 0, rejected: 0 },
    ]),
  );
  const serials = new Set<string>();
  const normalized = (units ?? []).map((unit, i): InspectedUnit => {
    const serial = unit.serial?.trim() ?? '';
    if (serial === '')
      throw acceptanceError(C.InvalidReceipt, 'Every unit needs its serial', 'invalid', {
        field: `units[${i}].serial`,
      });
    if (serials.has(serial))
      throw acceptanceError(C.DuplicateSerial, `Serial ${serial} appears twice`, 'rule', { serial });
    serials.add(serial);
    const line = lines.get(unit.lineId);
    if (!line) {
      throw acceptanceError(C.UnknownLine, `Line ${unit.lineId} was not delivered on this shipment`, 'rule', {
        field: `units[${i}].lineId`,
        lineId: unit.lineId,
      });
    }
    if (unit.result === 'ACCEPTED') {
      line.accepted++;
      return { serial, lineId: unit.lineId, result: 'ACCEPTED' };
    }
    if (unit.result !== 'REJECTED') {
      throw acceptanceError(C.InvalidReceipt, 'A unit is ACCEPTED or REJECTED', 'invalid', {
        field: `units[${i}].result`,
      });
    }
    if (blank(unit.defect)) {
      throw acceptanceError(C.DefectRequired, `Rejected unit ${serial} needs a defect`, 'rule', {
        field: `units[${i}].defect`,
        serial,
      });
    }
    line.rejected++;
    return { serial, lineId: unit.lineId, result: 'REJECTED', defect: unit.defect!.trim() };
  });
  for (const line of lines.values()) {
    const inspected = line.accepted + line.rejected;
    const details = { lineId: line.lineId, delivered: line.delivered, inspected };
    if (inspected > line.delivered) {
      throw acceptanceError(
        C.MoreThanDelivered,
        `Line ${line.lineId}: ${inspected} units inspected, ${line.delivered} delivered`,
        'rule',
        details,
      );
    }
    if (inspected < line.delivered) {
      throw acceptanceError(
        C.UnitsNotInspected,
        `Line ${line.lineId}: only ${inspected} of ${line.delivered} units inspected`,
        'rule',
        details,
      );
    }
  }
  return { units: normalized, lines: [...lines.values()] };
}

/** The signed receipt: only the assigned provider, once, covering exactly the delivered units. */
export function signAcceptanceReceipt(
  command: SignAcceptanceReceipt,
  inspection: Inspection,
): InspectionEvent[] {
  const { actor } = command.metadata;
  const data = command.data;
  if (!actor.roles.includes(Roles.LogisticsProvider) || actor.providerId !== inspection.providerId) {
    throw acceptanceError(
      C.NotAssignedProvider,
      `Only the provider that delivered shipment ${inspection.shipmentId} may sign`,
      'forbidden',
      {
        shipmentId: inspection.shipmentId,
      },
    );
  }
  if (inspection.receipt) {
    if (inspection.receipt.receiptId === data.receiptId) return [];
    throw acceptanceError(
      C.AlreadySigned,
      `Shipment ${inspection.shipmentId} already has receipt ${inspection.receipt.receiptId}`,
      'conflict',
      {
        receiptId: inspection.receipt.receiptId,
      },
    );
  }
  checkHeader(data, inspection);
  const { units, lines } = tally(data.units, inspection);
  const { shipmentId, orderId, accountId, providerId } = inspection;
  const ref = { shipmentId, receiptId: data.receiptId, orderId, accountId, providerId };
  const acceptedUnits = lines.reduce((n, l) => n + l.accepted, 0);
  const rejected = units.filter((u) => u.result === 'REJECTED');
  const events: InspectionEvent[] = [
    {
      type: 'AcceptanceReceiptSigned',
      data: {
        ...ref,
        signatory: data.signatory.trim(),
        signedAt: data.signedAt,
        satisfaction: data.satisfaction,
        units,
        lines,
        acceptedUnits,
        rejectedUnits: rejected.length,
      },
    },
  ];
  if (rejected.length > 0) {
    events.push({
      type: 'ReplacementRequested',
      data: {
        ...ref,
        lines: lines
          .filter((l) => l.rejected > 0)
          .map((l) => ({ lineId: l.lineId, modelId: l.modelId, quantity: l.rejected })),
        serials: rejected.map((u) => u.serial),
        defects: rejected.map((u) => ({ serial: u.serial, lineId: u.lineId, defect: u.defect ?? '' })),
        requestedAt: data.signedAt,
      },
    });
  }
  return events;
}
