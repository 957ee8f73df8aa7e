import {
  ifPresent,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  requireArray,
  requireInstant,
  requireInt,
  requireObject,
  requireOneOf,
  requireText,
} from '@kamflow/shared-kernel';
import { type InspectionCommand } from './inspection.commands';
import { AcceptanceErrorCodes as C } from './inspection.errors';

/*
 * The shape of every inspection command, checked before any rule, with the acceptance context's own
 * codes: `ACCEPTANCE.INVALID_INSPECTION` for an inspection, `ACCEPTANCE.INVALID_RECEIPT`,
 * `ACCEPTANCE.SIGNATORY_REQUIRED` and `ACCEPTANCE.INVALID_SATISFACTION` for a receipt; each names the
 * field. Rules on the content (duplicate serials, unknown lines, a defect for each rejected unit,
 * every delivered unit inspected) stay with the decider.
 */

/** The most lines a shipment delivers, units a line delivers, and units one receipt lists. */
const MAX_LINES = 200;
const MAX_QUANTITY = 100_000;
const MAX_UNITS = 100_000;
const MAX_DEFECT_LENGTH = 2000;

type Data = Record<string, unknown>;

function openInspection(d: Data): void {
  const code = C.InvalidInspection;
  for (const field of ['orderId', 'accountId', 'providerId'] as const)
    requireText(d[field], field, { max: MAX_ID_LENGTH, code });
  requireInstant(d.deliveredAt, 'deliveredAt', { code });
  requireArray(d.lines, 'lines', { min: 1, max: MAX_LINES, code }).forEach((item, i) => {
    const line = requireObject(item, `lines[${i}]`, { code });
    requireText(line.lineId, `lines[${i}].lineId`, { max: MAX_ID_LENGTH, code });
    requireText(line.modelId, `lines[${i}].modelId`, { max: MAX_ID_LENGTH, code });
    requireInt(line.quantity, `lines[${i}].quantity`, { min: 1, max: MAX_QUANTITY, code });
  });
}

function signReceipt(d: Data): void {
  const code = C.InvalidReceipt;
  requireText(d.receiptId, 'receiptId', { max: MAX_ID_LENGTH, code });
  requireText(d.signatory, 'signatory', { max: MAX_NAME_LENGTH, code: C.SignatoryRequired });
  requireInstant(d.signedAt, 'signedAt', { code });
  requireInt(d.satisfaction, 'satisfaction', { min: 1, max: 5, code: C.InvalidSatisfaction });
  requireArray(d.units, 'units', { max: MAX_UNITS, code }).forEach((item, i) => {
    const unit = requireObject(item, `units[${i}]`, { code });
    requireText(unit.serial, `units[${i}].serial`, { max: MAX_ID_LENGTH, code });
    requireText(unit.lineId, `units[${i}].lineId`, { max: MAX_ID_LENGTH, code });
    requireOneOf(unit.result, `units[${i}].result`, ['ACCEPTED', 'REJECTED'], { code });
    ifPresent(unit.defect, (v) =>
      requireText(v, `units[${i}].defect`, { max: MAX_DEFECT_LENGTH, allowEmpty: true, code }),
    );
  });
}

/** Checks the data of an inspection command; throws on the first field that is wrong. */
export function validateInspectionCommand(command: InspectionCommand): void {
  const code = command.type === 'OpenInspection' ? C.InvalidInspection : C.InvalidReceipt;
  const d = requireObject(command.data, 'data', { code });
  requireText(d.shipmentId, 'shipmentId', { max: MAX_ID_LENGTH, code });
  if (command.type === 'OpenInspection') openInspection(d);
  else signReceipt(d);
}
