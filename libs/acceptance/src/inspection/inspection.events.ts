import { type DomainEvent } from '@kamflow/eventsourcing';
import { type DeliveredLine, type InspectedUnit } from './inspection.commands';

/** A delivered shipment awaits its on-site inspection and signed receipt. */
export type InspectionOpened = DomainEvent<
  'InspectionOpened',
  {
    shipmentId: string;
    orderId: string;
    accountId: string;
    providerId: string;
    lines: DeliveredLine[];
    deliveredAt: string;
    openedAt: string;
  }
>;

/** Per line outcome of a receipt. Only accepted units are invoiceable. */
export interface ReceiptLine {
  lineId: string;
  modelId: string;
  delivered: number;
  accepted: number;
  rejected: number;
}

/** The customer signed the acceptance receipt covering every delivered unit. */
export type AcceptanceReceiptSigned = DomainEvent<
  'AcceptanceReceiptSigned',
  {
    shipmentId: string;
    receiptId: string;
    orderId: string;
    accountId: string;
    providerId: string;
    signatory: string;
    signedAt: string;
    satisfaction: number;
    units: InspectedUnit[];
    lines: ReceiptLine[];
    acceptedUnits: number;
    rejectedUnits: number;
  }
>;

/** 换机要求: rejected units must be replaced; the process manager plans a replacement shipment. */
export type ReplacementRequested = DomainEvent<
  'ReplacementRequested',
  {
    shipmentId: string;
    receiptId: string;
    orderId: string;
    accountId: string;
    providerId: string;
    lines: DeliveredLine[];
    serials: string[];
    defects: { serial: string; lineId: string; defect: string }[];
    requestedAt: string;
  }
>;

/** Every event of the `acceptance-<shipmentId>` stream. */
export type InspectionEvent = InspectionOpened | AcceptanceReceiptSigned | ReplacementRequested;
