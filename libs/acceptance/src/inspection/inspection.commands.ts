import { type Command } from '@kamflow/eventsourcing';

/** A delivered order line (or part of it) awaiting on-site inspection. */
export interface DeliveredLine {
  lineId: string;
  modelId: string;
  quantity: number;
}

/** The verdict on one machine, by serial number (验机). */
export interface InspectedUnit {
  serial: string;
  lineId: string;
  result: 'ACCEPTED' | 'REJECTED';
  /** Required when `REJECTED`: what is wrong with the unit. */
  defect?: string;
}

/** Opens the on-site inspection of a delivered shipment (process manager on `ShipmentDelivered`). */
export type OpenInspection = Command<
  'OpenInspection',
  {
    shipmentId: string;
    orderId: string;
    accountId: string;
    providerId: string;
    lines: DeliveredLine[];
    deliveredAt: string;
  }
>;

/** The provider reports the inspection and the receipt the customer signed (验机回执). */
export type SignAcceptanceReceipt = Command<
  'SignAcceptanceReceipt',
  {
    shipmentId: string;
    receiptId: string;
    units: InspectedUnit[];
    /** The customer's person who signed. */
    signatory: string;
    signedAt: string;
    /** Customer satisfaction, a whole number 1 (poor) to 5 (excellent). */
    satisfaction: number;
  }
>;

/** Every command of the inspection aggregate. */
export type InspectionCommand = OpenInspection | SignAcceptanceReceipt;
