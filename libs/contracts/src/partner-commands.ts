import {
  JSON_SCHEMA_DIALECT,
  arrayOf,
  dateTime,
  int,
  type JsonSchema,
  MONEY_SCHEMA,
  obj,
  oneOf,
  str,
  validate,
} from './json-schema';
import { type PublicMoney } from './envelope';

/**
 * A command a provider sends on `kamflow.partner.commands.v1` instead of calling the HTTP API.
 * The `data` fields are the HTTP request body's, so both ways read the same. `id` is the command id
 * (the HTTP `Idempotency-Key`): a repeat with the same id changes nothing. The Kafka message key is
 * `subject`, so one shipment's reports stay in order.
 */
export interface PartnerCommand<T extends string = string, D = unknown> {
  id: string;
  type: T;
  version: number;
  /** When the provider sent it (ISO 8601). */
  issuedAt: string;
  /** The provider sending it; it may only act on its own shipments and invoices. */
  partner: string;
  /** The shipment or invoice id the command acts on. */
  subject: string;
  data: D;
}

/** Statuses a logistics provider reports (the API's `status`). */
export type PublicShipmentStatus =
  'READY_TO_SHIP' | 'PICKED_UP' | 'DISPATCHED' | 'IN_TRANSIT' | 'DELIVERED' | 'FAILED';

/** Every reportable status, in the order a shipment walks them (FAILED last). */
export const PUBLIC_SHIPMENT_STATUSES: readonly PublicShipmentStatus[] = [
  'READY_TO_SHIP',
  'PICKED_UP',
  'DISPATCHED',
  'IN_TRANSIT',
  'DELIVERED',
  'FAILED',
];

/** `ReportShipmentStatus` v1: body of `POST /shipments/{id}/status`. */
export type ReportShipmentStatusV1 = PartnerCommand<
  'ReportShipmentStatus',
  { status: PublicShipmentStatus; at: string; note?: string; pickUpNoteNo?: string }
>;

/** One inspected unit of an acceptance receipt. */
export interface PublicInspectedUnit {
  serial: string;
  lineId: string;
  result: 'ACCEPTED' | 'REJECTED';
  defect?: string;
}

/** `SignAcceptanceReceipt` v1: body of `POST /shipments/{id}/acceptance-receipt`. */
export type SignAcceptanceReceiptV1 = PartnerCommand<
  'SignAcceptanceReceipt',
  {
    units: PublicInspectedUnit[];
    signatory: string;
    signedAt: string;
    satisfaction: number;
    receiptId?: string;
  }
>;

/** `RecordPayment` v1: body of `POST /invoices/{id}/payments` (a commerce provider's 回款). */
export type RecordPaymentV1 = PartnerCommand<
  'RecordPayment',
  { amount: PublicMoney; receivedAt: string; reference: string; paymentId?: string }
>;

/** Every partner command. */
export type PartnerCommandV1 = ReportShipmentStatusV1 | SignAcceptanceReceiptV1 | RecordPaymentV1;

/** A partner command contract: its type, the HTTP route it mirrors and the schema of `data`. */
export interface PartnerCommandContract {
  type: PartnerCommandV1['type'];
  version: number;
  summary: string;
  /** The equivalent HTTP route under `/api/v1`; `{id}` is the subject. */
  route: string;
  dataSchema: JsonSchema;
}

const ID = '^[A-Za-z0-9_.:-]{1,60}$';

/** The partner command contracts. */
export const PARTNER_COMMAND_CONTRACTS: readonly PartnerCommandContract[] = [
  {
    type: 'ReportShipmentStatus',
    version: 1,
    summary: 'A logistics provider reports the progress of its own shipment.',
    route: 'POST /shipments/{id}/status',
    dataSchema: obj(
      {
        status: oneOf(PUBLIC_SHIPMENT_STATUSES),
        at: dateTime('When it happened'),
        note: str('Free text; required for FAILED (the reason)'),
        pickUpNoteNo: str('The 提货单 number for PICKED_UP', { pattern: ID }),
      },
      ['note', 'pickUpNoteNo'],
    ),
  },
  {
    type: 'SignAcceptanceReceipt',
    version: 1,
    summary:
      'A logistics provider reports the on-site inspection and the receipt the customer signed (验机回执).',
    route: 'POST /shipments/{id}/acceptance-receipt',
    dataSchema: obj(
      {
        units: arrayOf(
          obj(
            {
              serial: str(),
              lineId: str(),
              result: oneOf(['ACCEPTED', 'REJECTED']),
              defect: str('Required for REJECTED'),
            },
            ['defect'],
          ),
          'Every delivered unit, by serial',
          1,
        ),
        signatory: str('The customer’s person who signed'),
        signedAt: dateTime(),
        satisfaction: int('Customer satisfaction 1 (poor) to 5 (excellent)', 1, 5),
        receiptId: str('The paper receipt number', { pattern: ID }),
      },
      ['receiptId'],
    ),
  },
  {
    type: 'RecordPayment',
    version: 1,
    summary: 'A commerce provider reports money collected against an invoice it collects (回款).',
    route: 'POST /invoices/{id}/payments',
    dataSchema: obj(
      {
        amount: MONEY_SCHEMA,
        receivedAt: dateTime(),
        reference: str('Bank or provider reference'),
        paymentId: str(undefined, { pattern: ID }),
      },
      ['paymentId'],
    ),
  },
];

/** The JSON Schema of a full partner command (envelope + data). */
export function commandSchema(contract: PartnerCommandContract): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `https://kamflow.dev/schemas/partner.${contract.type}.v${contract.version}.json`,
    title: `${contract.type} v${contract.version}`,
    ...obj(
      {
        id: str('The command id (the HTTP Idempotency-Key): a repeat changes nothing', {
          pattern: '^[A-Za-z0-9_.:-]{8,200}$',
        }),
        type: { type: 'string', const: contract.type },
        version: { type: 'integer', const: contract.version },
        issuedAt: dateTime(),
        partner: str('The provider id sending the command'),
        subject: str('The shipment or invoice id the command acts on'),
        data: contract.dataSchema,
      },
      [],
      contract.summary,
    ),
  };
}

/** Validates a received partner command; returns the problems (empty when valid). */
export function validatePartnerCommand(value: unknown): string[] {
  const type = (value as { type?: unknown } | null)?.type;
  const contract = PARTNER_COMMAND_CONTRACTS.find((c) => c.type === type);
  if (!contract) return [`$.type: unknown partner command ${JSON.stringify(type)}`];
  return validate(commandSchema(contract), value);
}

/** The HTTP request equivalent to a partner command (path relative to `/api/v1`). */
export function partnerCommandRequest(command: PartnerCommandV1): {
  path: string;
  body: unknown;
  idempotencyKey: string;
} {
  const route = PARTNER_COMMAND_CONTRACTS.find((c) => c.type === command.type)!.route;
  const path = route.replace(/^POST /, '').replace('{id}', encodeURIComponent(command.subject));
  return { path, body: command.data, idempotencyKey: command.id };
}
