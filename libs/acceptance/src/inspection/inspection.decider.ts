import { assertNever, type Decider } from '@kamflow/eventsourcing';
import { Roles } from '@kamflow/shared-kernel';
import { type InspectionCommand, type OpenInspection } from './inspection.commands';
import { AcceptanceErrorCodes as C, acceptanceError } from './inspection.errors';
import { type InspectionEvent } from './inspection.events';
import { signAcceptanceReceipt } from './inspection.sign-receipt';
import { evolveInspection, initialInspectionState, type InspectionState } from './inspection.state';
import { validateInspectionCommand } from './inspection.validate';

/** Stream of one shipment's inspection: `acceptance-<shipmentId>`. */
export const acceptanceStreamId = (shipmentId: string): string => `acceptance-${shipmentId}`;

const invalid = (message: string, field: string) =>
  acceptanceError(C.InvalidInspection, message, 'invalid', { field });

function openInspection(command: OpenInspection, state: InspectionState): InspectionEvent[] {
  const { actor, now } = command.metadata;
  if (![Roles.System, Roles.OrderDesk].some((r) => actor.roles.includes(r))) {
    throw acceptanceError(
      C.Forbidden,
      'Inspections are opened by the fulfilment process or the order desk',
      'forbidden',
    );
  }
  if (state.status !== 'NONE') return [];
  const d = command.data;
  for (const field of ['shipmentId', 'orderId', 'accountId', 'providerId'] as const) {
    if (!d[field]?.trim()) throw invalid(`${field} is required`, field);
  }
  if (Number.isNaN(Date.parse(d.deliveredAt)))
    throw invalid('deliveredAt must be an ISO 8601 timestamp', 'deliveredAt');
  if (!d.lines?.length) throw invalid('Nothing was delivered', 'lines');
  const ids = new Set<string>();
  d.lines.forEach((line, i) => {
    if (!line.lineId?.trim() || ids.has(line.lineId))
      throw invalid('Line ids are required and unique', `lines[${i}].lineId`);
    if (!line.modelId?.trim()) throw invalid('modelId is required', `lines[${i}].modelId`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw invalid('A delivered quantity is a positive whole number', `lines[${i}].quantity`);
    }
    ids.add(line.lineId);
  });
  const { shipmentId, orderId, accountId, providerId, deliveredAt } = d;
  const lines = d.lines.map(({ lineId, modelId, quantity }) => ({ lineId, modelId, quantity }));
  return [
    {
      type: 'InspectionOpened',
      data: { shipmentId, orderId, accountId, providerId, lines, deliveredAt, openedAt: now },
    },
  ];
}

/** Decides an inspection command. */
export function decideInspection(command: InspectionCommand, state: InspectionState): InspectionEvent[] {
  validateInspectionCommand(command);
  switch (command.type) {
    case 'OpenInspection':
      return openInspection(command, state);
    case 'SignAcceptanceReceipt':
      if (state.status === 'NONE') {
        throw acceptanceError(
          C.NotDelivered,
          `Shipment ${command.data.shipmentId} has not been delivered`,
          'conflict',
          {
            shipmentId: command.data.shipmentId,
          },
        );
      }
      return signAcceptanceReceipt(command, state);
    default:
      return assertNever(command, 'inspection command');
  }
}

/** The on-site inspection of one delivered shipment (stream `acceptance-<shipmentId>`). */
export const inspectionDecider: Decider<InspectionState, InspectionCommand, InspectionEvent> = {
  initialState: initialInspectionState,
  evolve: evolveInspection,
  decide: decideInspection,
};
