import { type RecordedEvent, streamCategory } from '@kamflow/eventsourcing';
import { type InvoiceIssued, type PaymentRecorded, type ProviderFeeAccrued } from '@kamflow/billing';
import { type CreditHoldReason, type CreditSnapshot } from '@kamflow/credit';
import {
  type PublicEvent,
  type PublicEventContract,
  publicEvent,
  type PublicMoney,
  toPublicMoney,
} from './envelope';
import { INVOICE_ISSUED_DATA_SCHEMA, type InvoiceIssuedData, invoiceIssuedData } from './commerce.contracts';
import { arrayOf, dateTime, int, MONEY_SCHEMA, nullable, obj, oneOf, str } from './json-schema';

/** `finance.invoice-issued.v1`: every invoice, with its channel and commerce provider if any. */
export type FinanceInvoiceIssuedV1 = PublicEvent<
  'finance.invoice-issued.v1',
  InvoiceIssuedData & { channel: 'DIRECT' | 'AGENT' | 'COMMERCE_PROVIDER'; commerceProviderId: string | null }
>;

/** `finance.payment-recorded.v1`: money was received against an invoice (回款). */
export type FinancePaymentRecordedV1 = PublicEvent<
  'finance.payment-recorded.v1',
  {
    paymentId: string;
    invoiceId: string;
    orderId: string;
    accountId: string;
    amount: PublicMoney;
    receivedAt: string;
    reference: string;
    outstanding: PublicMoney;
  }
>;

/** `finance.provider-fee-accrued.v1`: a provider earned a fee for a delivery and inspection job. */
export type FinanceProviderFeeAccruedV1 = PublicEvent<
  'finance.provider-fee-accrued.v1',
  {
    providerId: string;
    jobId: string;
    orderId: string;
    month: string;
    units: number;
    satisfaction: number;
    deliveryFee: PublicMoney;
    inspectionFee: PublicMoney;
    baseFee: PublicMoney;
    factorBp: number;
    fee: PublicMoney;
    accruedAt: string;
  }
>;

/** The outcome a credit decision records. */
export type PublicCreditDecision =
  'APPROVED' | 'HELD' | 'AWAITING_SECOND_SIGNATURE' | 'RELEASED' | 'REJECTED';

/** `finance.credit-decision.v1`: the credit review of an order decided, with the numbers it used. */
export type FinanceCreditDecisionV1 = PublicEvent<
  'finance.credit-decision.v1',
  {
    orderId: string;
    accountId: string;
    decision: PublicCreditDecision;
    automatic: boolean;
    orderAmount: PublicMoney;
    holdReasons: string[];
    reason: string | null;
    decidedBy: string | null;
    snapshot: {
      grade: 'A' | 'B' | 'C';
      limit: PublicMoney;
      exposure: PublicMoney;
      exposureAfter: PublicMoney;
      utilisationBp: number | null;
      oldestOverdueDays: number;
      policyVersion: string;
      asOf: string;
    };
    decidedAt: string;
  }
>;

/** Every public finance event. */
export type FinanceEventV1 =
  FinanceInvoiceIssuedV1 | FinancePaymentRecordedV1 | FinanceProviderFeeAccruedV1 | FinanceCreditDecisionV1;

const CHANNELS = ['DIRECT', 'AGENT', 'COMMERCE_PROVIDER'];
const DECISIONS: readonly PublicCreditDecision[] = [
  'APPROVED',
  'HELD',
  'AWAITING_SECOND_SIGNATURE',
  'RELEASED',
  'REJECTED',
];

/** The finance contracts: addressed to no provider (`partner` absent), keyed by subject. */
export const FINANCE_CONTRACTS: readonly PublicEventContract[] = [
  {
    type: 'finance.invoice-issued.v1',
    version: 1,
    audience: 'finance',
    addressed: false,
    summary: 'An invoice was issued for the accepted units of an acceptance receipt (发票).',
    dataSchema: {
      ...INVOICE_ISSUED_DATA_SCHEMA,
      properties: {
        ...INVOICE_ISSUED_DATA_SCHEMA.properties,
        channel: oneOf(CHANNELS),
        commerceProviderId: nullable(str('The commerce provider that collects, if any')),
      },
      required: [...(INVOICE_ISSUED_DATA_SCHEMA.required ?? []), 'channel', 'commerceProviderId'],
    },
  },
  {
    type: 'finance.payment-recorded.v1',
    version: 1,
    audience: 'finance',
    addressed: false,
    summary: 'A payment was applied to an invoice (回款).',
    dataSchema: obj({
      paymentId: str(),
      invoiceId: str(),
      orderId: str(),
      accountId: str(),
      amount: MONEY_SCHEMA,
      receivedAt: dateTime(),
      reference: str(),
      outstanding: MONEY_SCHEMA,
    }),
  },
  {
    type: 'finance.provider-fee-accrued.v1',
    version: 1,
    audience: 'finance',
    addressed: false,
    summary: 'A provider fee accrued for a delivery and inspection job (monthly statements sum these).',
    dataSchema: obj({
      providerId: str(),
      jobId: str('The shipment the job was'),
      orderId: str(),
      month: str('Statement month YYYY-MM', { pattern: '^\\d{4}-\\d{2}$' }),
      units: int(undefined, 0),
      satisfaction: int('Customer satisfaction 1-5', 1, 5),
      deliveryFee: MONEY_SCHEMA,
      inspectionFee: MONEY_SCHEMA,
      baseFee: MONEY_SCHEMA,
      factorBp: int('Satisfaction factor in basis points (10 000 = 100 %)', 0),
      fee: MONEY_SCHEMA,
      accruedAt: dateTime(),
    }),
  },
  {
    type: 'finance.credit-decision.v1',
    version: 1,
    audience: 'finance',
    addressed: false,
    summary: 'The credit review (信用审核) of an order decided, with the snapshot it decided on.',
    dataSchema: obj({
      orderId: str(),
      accountId: str(),
      decision: oneOf(DECISIONS),
      automatic: { type: 'boolean' },
      orderAmount: MONEY_SCHEMA,
      holdReasons: arrayOf(str()),
      reason: nullable(str()),
      decidedBy: nullable(str()),
      snapshot: obj({
        grade: oneOf(['A', 'B', 'C']),
        limit: MONEY_SCHEMA,
        exposure: MONEY_SCHEMA,
        exposureAfter: MONEY_SCHEMA,
        utilisationBp: nullable(int()),
        oldestOverdueDays: int(undefined, 0),
        policyVersion: str(),
        asOf: dateTime(),
      }),
      decidedAt: dateTime(),
    }),
  },
];

/** The credit decision events of the credit context (the ordering context's copies are not published). */
const CREDIT_DECISIONS: Readonly<Record<string, PublicCreditDecision>> = {
  OrderCreditApproved: 'APPROVED',
  OrderCreditHeld: 'HELD',
  CreditReleaseAwaitingSecondSignature: 'AWAITING_SECOND_SIGNATURE',
  OrderCreditReleased: 'RELEASED',
  OrderCreditRejected: 'REJECTED',
};

/** The union of the credit decision events' data, as far as the public contract reads it. */
interface CreditDecisionSource {
  accountId: string;
  orderId: string;
  snapshot: CreditSnapshot;
  reasons?: CreditHoldReason[];
  reason?: string;
  releasedBy?: string;
  rejectedBy?: string;
  firstSignature?: { actor: string; reason: string };
  heldAt?: string;
}

function creditDecision(event: RecordedEvent, decision: PublicCreditDecision): FinanceCreditDecisionV1 {
  const d = event.data as CreditDecisionSource;
  const s = d.snapshot;
  const data = {
    orderId: d.orderId,
    accountId: d.accountId,
    decision,
    automatic: decision === 'APPROVED' || decision === 'HELD',
    orderAmount: toPublicMoney(s.orderAmount),
    holdReasons: [...(d.reasons ?? [])],
    reason: d.reason ?? d.firstSignature?.reason ?? null,
    decidedBy: d.releasedBy ?? d.rejectedBy ?? d.firstSignature?.actor ?? null,
    snapshot: {
      grade: s.grade,
      limit: toPublicMoney(s.limit),
      exposure: toPublicMoney(s.exposure),
      exposureAfter: toPublicMoney(s.exposureAfter),
      utilisationBp: s.utilisationBp,
      oldestOverdueDays: s.oldestOverdueDays,
      policyVersion: s.policyVersion,
      asOf: s.asOf,
    },
    decidedAt: d.heldAt ?? event.occurredAt,
  };
  return publicEvent(event, { type: 'finance.credit-decision.v1', version: 1 }, d.orderId, data);
}

/** Maps billing and credit events to public finance events (pure). */
export function mapFinance(event: RecordedEvent): FinanceEventV1[] {
  switch (event.type) {
    case 'InvoiceIssued': {
      const d = (event as RecordedEvent<InvoiceIssued>).data;
      const data = {
        ...invoiceIssuedData(d),
        channel: d.channel,
        commerceProviderId: d.commerceProviderId ?? null,
      };
      return [publicEvent(event, { type: 'finance.invoice-issued.v1', version: 1 }, d.invoiceId, data)];
    }
    case 'PaymentRecorded': {
      const d = (event as RecordedEvent<PaymentRecorded>).data;
      const data = {
        paymentId: d.paymentId,
        invoiceId: d.invoiceId,
        orderId: d.orderId,
        accountId: d.accountId,
        amount: toPublicMoney(d.amount),
        receivedAt: d.receivedAt,
        reference: d.reference,
        outstanding: toPublicMoney(d.outstanding),
      };
      return [publicEvent(event, { type: 'finance.payment-recorded.v1', version: 1 }, d.invoiceId, data)];
    }
    case 'ProviderFeeAccrued': {
      const d = (event as RecordedEvent<ProviderFeeAccrued>).data;
      const data = {
        providerId: d.providerId,
        jobId: d.jobId,
        orderId: d.orderId,
        month: d.month,
        units: d.units,
        satisfaction: d.satisfaction,
        deliveryFee: toPublicMoney(d.deliveryFee),
        inspectionFee: toPublicMoney(d.inspectionFee),
        baseFee: toPublicMoney(d.baseFee),
        factorBp: d.factorBp,
        fee: toPublicMoney(d.fee),
        accruedAt: d.accruedAt,
      };
      return [publicEvent(event, { type: 'finance.provider-fee-accrued.v1', version: 1 }, d.orderId, data)];
    }
    default: {
      const decision = CREDIT_DECISIONS[event.type];
      if (!decision || streamCategory(event.streamId) !== 'creditAccount') return [];
      return [creditDecision(event, decision)];
    }
  }
}
