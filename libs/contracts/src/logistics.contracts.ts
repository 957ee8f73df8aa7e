import { type RecordedEvent } from '@kamflow/eventsourcing';
import {
  type ShipmentCancelled,
  type ShipmentPickUpNoteIssued,
  type ShipmentPlanned,
  type ShipmentProviderReassigned,
} from '@kamflow/delivery';
import { type ReplacementRequested } from '@kamflow/acceptance';
import { type AcceptanceOverdue } from '@kamflow/fulfilment';
import {
  ADDRESS_SCHEMA,
  type PublicAddress,
  type PublicEvent,
  type PublicEventContract,
  publicEvent,
  toPublicAddress,
} from './envelope';
import { arrayOf, date, dateTime, int, nullable, obj, str } from './json-schema';

/** Units of one order line on a shipment. */
export interface PublicShipmentLine {
  lineId: string;
  modelId: string;
  quantity: number;
}

const LINE_SCHEMA = obj(
  { lineId: str(), modelId: str('Product model, e.g. a ThinkPad model id'), quantity: int('Units', 1) },
  [],
  'Units of one order line',
);

/** `logistics.shipment-assigned.v1`: a shipment was assigned to the provider; it should prepare it. */
export type ShipmentAssignedV1 = PublicEvent<
  'logistics.shipment-assigned.v1',
  {
    shipmentId: string;
    orderId: string;
    providerId: string;
    /** `YYYY-MM-DD`. */
    plannedDate: string;
    deliveryAddress: PublicAddress;
    lines: PublicShipmentLine[];
    /** The shipment whose rejected units this one replaces (换机), else null. */
    replacementOf: string | null;
  }
>;

/** `logistics.pick-up-note-issued.v1`: the pick-up note (提货单) exists; the goods were picked up. */
export type PickUpNoteIssuedV1 = PublicEvent<
  'logistics.pick-up-note-issued.v1',
  { shipmentId: string; orderId: string; providerId: string; pickUpNoteNo: string; issuedAt: string }
>;

/** Why a provider no longer has a shipment. */
export type ShipmentCancellationReason = 'CANCELLED' | 'REASSIGNED';

/** `logistics.shipment-cancelled.v1`: the provider must not (or no longer) deliver the shipment. */
export type ShipmentCancelledV1 = PublicEvent<
  'logistics.shipment-cancelled.v1',
  {
    shipmentId: string;
    orderId: string;
    providerId: string;
    cause: ShipmentCancellationReason;
    reason: string;
    cancelledAt: string;
  }
>;

/** `logistics.replacement-requested.v1`: units were rejected on inspection and must be replaced (换机要求). */
export type ReplacementRequestedV1 = PublicEvent<
  'logistics.replacement-requested.v1',
  {
    shipmentId: string;
    orderId: string;
    providerId: string;
    receiptId: string;
    lines: PublicShipmentLine[];
    rejectedSerials: string[];
    defects: { serial: string; lineId: string; defect: string }[];
    requestedAt: string;
  }
>;

/** `logistics.acceptance-overdue.v1`: no signed acceptance receipt by the deadline after delivery. */
export type AcceptanceOverdueV1 = PublicEvent<
  'logistics.acceptance-overdue.v1',
  {
    shipmentId: string;
    orderId: string;
    providerId: string;
    deliveredAt: string;
    acceptanceDueAt: string;
    detectedAt: string;
  }
>;

/** Every public logistics event. */
export type LogisticsEventV1 =
  | ShipmentAssignedV1
  | PickUpNoteIssuedV1
  | ShipmentCancelledV1
  | ReplacementRequestedV1
  | AcceptanceOverdueV1;

const ids = {
  shipmentId: str(),
  orderId: str(),
  providerId: str('The provider the shipment is assigned to'),
};

/** The logistics contracts, all addressed to one provider (`partner` = provider id, also the key). */
export const LOGISTICS_CONTRACTS: readonly PublicEventContract[] = [
  {
    type: 'logistics.shipment-assigned.v1',
    version: 1,
    audience: 'logistics',
    addressed: true,
    summary: 'A shipment was assigned to the provider: prepare it for the planned date.',
    dataSchema: obj({
      ...ids,
      plannedDate: date(),
      deliveryAddress: ADDRESS_SCHEMA,
      lines: arrayOf(LINE_SCHEMA, undefined, 1),
      replacementOf: nullable(str('The shipment whose rejected units this one replaces')),
    }),
  },
  {
    type: 'logistics.pick-up-note-issued.v1',
    version: 1,
    audience: 'logistics',
    addressed: true,
    summary: 'The pick-up note (提货单) was issued: the goods were picked up.',
    dataSchema: obj({ ...ids, pickUpNoteNo: str(), issuedAt: dateTime() }),
  },
  {
    type: 'logistics.shipment-cancelled.v1',
    version: 1,
    audience: 'logistics',
    addressed: true,
    summary: 'The provider must not deliver the shipment: it was cancelled or handed to another provider.',
    dataSchema: obj({
      ...ids,
      cause: { type: 'string', enum: ['CANCELLED', 'REASSIGNED'] },
      reason: str(),
      cancelledAt: dateTime(),
    }),
  },
  {
    type: 'logistics.replacement-requested.v1',
    version: 1,
    audience: 'logistics',
    addressed: true,
    summary: 'Units were rejected on inspection; a replacement shipment follows (换机要求).',
    dataSchema: obj({
      ...ids,
      receiptId: str(),
      lines: arrayOf(LINE_SCHEMA, 'The rejected units per line', 1),
      rejectedSerials: arrayOf(str(), undefined, 1),
      defects: arrayOf(obj({ serial: str(), lineId: str(), defect: str() })),
      requestedAt: dateTime(),
    }),
  },
  {
    type: 'logistics.acceptance-overdue.v1',
    version: 1,
    audience: 'logistics',
    addressed: true,
    summary: 'The delivery has no signed acceptance receipt by its deadline: report it.',
    dataSchema: obj({
      ...ids,
      deliveredAt: dateTime(),
      acceptanceDueAt: dateTime(),
      detectedAt: dateTime(),
    }),
  },
];

const line = (l: PublicShipmentLine): PublicShipmentLine => ({
  lineId: l.lineId,
  modelId: l.modelId,
  quantity: l.quantity,
});

/** Maps delivery, acceptance and fulfilment events to public logistics events (pure). */
export function mapLogistics(event: RecordedEvent): LogisticsEventV1[] {
  switch (event.type) {
    case 'ShipmentPlanned': {
      const d = (event as RecordedEvent<ShipmentPlanned>).data;
      const data = {
        shipmentId: d.shipmentId,
        orderId: d.orderId,
        providerId: d.providerId,
        plannedDate: d.plannedDate,
        deliveryAddress: toPublicAddress(d.deliveryAddress),
        lines: d.lines.map(line),
        replacementOf: d.replacesShipmentId ?? null,
      };
      return [
        publicEvent(
          event,
          { type: 'logistics.shipment-assigned.v1', version: 1 },
          d.shipmentId,
          data,
          d.providerId,
        ),
      ];
    }
    case 'ShipmentProviderReassigned': {
      // The event names the new provider but not the shipment's address and lines, so a pure mapper
      // can only tell the previous provider to stand down; see the README of libs/contracts.
      const d = (event as RecordedEvent<ShipmentProviderReassigned>).data;
      const data = {
        shipmentId: d.shipmentId,
        orderId: d.orderId,
        providerId: d.previousProviderId,
        cause: 'REASSIGNED' as const,
        reason: d.reason,
        cancelledAt: d.reassignedAt,
      };
      const type = { type: 'logistics.shipment-cancelled.v1' as const, version: 1 };
      return [publicEvent(event, type, d.shipmentId, data, d.previousProviderId)];
    }
    case 'ShipmentPickUpNoteIssued': {
      const d = (event as RecordedEvent<ShipmentPickUpNoteIssued>).data;
      const data = {
        shipmentId: d.shipmentId,
        orderId: d.orderId,
        providerId: d.providerId,
        pickUpNoteNo: d.pickUpNoteNo,
        issuedAt: d.at,
      };
      return [
        publicEvent(
          event,
          { type: 'logistics.pick-up-note-issued.v1', version: 1 },
          d.shipmentId,
          data,
          d.providerId,
        ),
      ];
    }
    case 'ShipmentCancelled': {
      const d = (event as RecordedEvent<ShipmentCancelled>).data;
      const data = {
        shipmentId: d.shipmentId,
        orderId: d.orderId,
        providerId: d.providerId,
        cause: 'CANCELLED' as const,
        reason: d.reason,
        cancelledAt: d.cancelledAt,
      };
      return [
        publicEvent(
          event,
          { type: 'logistics.shipment-cancelled.v1', version: 1 },
          d.shipmentId,
          data,
          d.providerId,
        ),
      ];
    }
    case 'ReplacementRequested': {
      const d = (event as RecordedEvent<ReplacementRequested>).data;
      const data = {
        shipmentId: d.shipmentId,
        orderId: d.orderId,
        providerId: d.providerId,
        receiptId: d.receiptId,
        lines: d.lines.map(line),
        rejectedSerials: [...d.serials],
        defects: d.defects.map((x) => ({ serial: x.serial, lineId: x.lineId, defect: x.defect })),
        requestedAt: d.requestedAt,
      };
      return [
        publicEvent(
          event,
          { type: 'logistics.replacement-requested.v1', version: 1 },
          d.shipmentId,
          data,
          d.providerId,
        ),
      ];
    }
    case 'AcceptanceOverdue': {
      const d = (event as RecordedEvent<AcceptanceOverdue>).data;
      const data = {
        shipmentId: d.shipmentId,
        orderId: d.orderId,
        providerId: d.providerId,
        deliveredAt: d.deliveredAt,
        acceptanceDueAt: d.acceptanceDueAt,
        detectedAt: d.detectedAt,
      };
      return [
        publicEvent(
          event,
          { type: 'logistics.acceptance-overdue.v1', version: 1 },
          d.shipmentId,
          data,
          d.providerId,
        ),
      ];
    }
    default:
      return [];
  }
}
