import {
  ifPresent,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  requireArray,
  requireInstant,
  requireInt,
  requireIsoDate,
  requireObject,
  requireOneOf,
  requireText,
} from '@kamflow/shared-kernel';
import { type ReportableStatus, type ShipmentCommand } from './shipment.commands';
import { DeliveryErrorCodes } from './shipment.errors';

/*
 * The shape of every shipment command, checked before any rule. Every refusal is the delivery
 * context's `DELIVERY.INVALID_SHIPMENT` (kind `invalid`) with `details.field` naming the input.
 */

const code = DeliveryErrorCodes.InvalidShipment;
const REPORTABLE: readonly ReportableStatus[] = [
  'READY_TO_SHIP',
  'PICKED_UP',
  'DISPATCHED',
  'IN_TRANSIT',
  'DELIVERED',
  'FAILED',
];
/** The most lines a shipment carries, and units of one line (as an order line takes them). */
const MAX_LINES = 200;
const MAX_QUANTITY = 100_000;
const MAX_NOTE_LENGTH = 2000;

type Data = Record<string, unknown>;
const object = (value: unknown, field: string): Data => requireObject(value, field, { code });
const id = (value: unknown, field: string) => requireText(value, field, { max: MAX_ID_LENGTH, code });
const text = (value: unknown, field: string, max = MAX_NAME_LENGTH) =>
  requireText(value, field, { max, code });
const date = (value: unknown, field: string) => requireIsoDate(value, field, { code });

function plan(d: Data): void {
  for (const field of ['orderId', 'accountId', 'providerId'] as const) id(d[field], field);
  date(d.plannedDate, 'plannedDate');
  const address = object(d.deliveryAddress, 'deliveryAddress');
  for (const part of ['region', 'city', 'address', 'contact', 'phone'] as const)
    text(address[part], `deliveryAddress.${part}`);
  requireArray(d.lines, 'lines', { min: 1, max: MAX_LINES, code }).forEach((item, i) => {
    const line = object(item, `lines[${i}]`);
    id(line.lineId, `lines[${i}].lineId`);
    id(line.modelId, `lines[${i}].modelId`);
    requireInt(line.quantity, `lines[${i}].quantity`, { min: 1, max: MAX_QUANTITY, code });
  });
  ifPresent(d.replacesShipmentId, (v) => id(v, 'replacesShipmentId'));
}

/** Checks the data of a shipment command; throws on the first field that is wrong. */
export function validateShipmentCommand(command: ShipmentCommand): void {
  const d = object(command.data, 'data');
  id(d.shipmentId, 'shipmentId');
  switch (command.type) {
    case 'PlanShipment':
      return plan(d);
    case 'ReassignShipmentProvider':
      id(d.providerId, 'providerId');
      text(d.reason, 'reason', MAX_NOTE_LENGTH);
      return;
    case 'ReportShipmentStatus':
      requireOneOf(d.status, 'status', REPORTABLE, { code });
      requireInstant(d.at, 'at', { code });
      ifPresent(d.note, (v) => requireText(v, 'note', { max: MAX_NOTE_LENGTH, allowEmpty: true, code }));
      ifPresent(d.pickUpNoteNo, (v) =>
        requireText(v, 'pickUpNoteNo', { max: MAX_ID_LENGTH, allowEmpty: true, code }),
      );
      return;
    case 'RescheduleShipment':
      date(d.plannedDate, 'plannedDate');
      text(d.reason, 'reason', MAX_NOTE_LENGTH);
      return;
    case 'CancelShipment':
      text(d.reason, 'reason', MAX_NOTE_LENGTH);
      return;
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
