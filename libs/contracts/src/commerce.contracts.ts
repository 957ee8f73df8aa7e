import { type RecordedEvent } from '@kamflow/eventsourcing';
import { type OrderPlaced } from '@kamflow/ordering';
import { type InvoiceIssued, type InvoiceOverdue, type InvoicePaid } from '@kamflow/billing';
import {
  ADDRESS_SCHEMA,
  type PublicAddress,
  type PublicEvent,
  type PublicEventContract,
  publicEvent,
  type PublicMoney,
  toPublicAddress,
  toPublicMoney,
} from './envelope';
import { arrayOf, date, dateTime, int, MONEY_SCHEMA, obj, oneOf, str } from './json-schema';

/** An order line as a commerce provider sees it (configuration, not yet priced). */
export interface PublicOrderLine {
  lineId: string;
  modelId: string;
  optionIds: string[];
  quantity: number;
  requestedDate: string;
  deliveryAddress: PublicAddress;
}

/** `commerce.order-placed.v1`: an order was placed for an account the provider serves. */
export type CommerceOrderPlacedV1 = PublicEvent<
  'commerce.order-placed.v1',
  {
    orderId: string;
    accountId: string;
    accountName: string;
    channel: 'DIRECT' | 'AGENT' | 'COMMERCE_PROVIDER';
    customerPo: string;
    lines: PublicOrderLine[];
    placedAt: string;
  }
>;

/** An invoiced line. */
export interface PublicInvoiceLine {
  lineId: string;
  quantity: number;
  unitPrice: PublicMoney;
  amount: PublicMoney;
}

/** The data of an issued invoice (commerce and finance share it). */
export interface InvoiceIssuedData {
  invoiceId: string;
  orderId: string;
  accountId: string;
  shipmentId: string;
  receiptId: string;
  lines: PublicInvoiceLine[];
  amount: PublicMoney;
  issuedAt: string;
  dueDate: string;
  paymentTermsDays: number;
}

/** `commerce.invoice-issued.v1`: an invoice the provider collects was issued. */
export type CommerceInvoiceIssuedV1 = PublicEvent<'commerce.invoice-issued.v1', InvoiceIssuedData>;

/** `commerce.invoice-paid.v1`: nothing is left to pay on an invoice the provider collects. */
export type CommerceInvoicePaidV1 = PublicEvent<
  'commerce.invoice-paid.v1',
  { invoiceId: string; orderId: string; accountId: string; amount: PublicMoney; paidAt: string }
>;

/** `commerce.invoice-overdue.v1`: an invoice the provider collects reached a dunning level (催款). */
export type CommerceInvoiceOverdueV1 = PublicEvent<
  'commerce.invoice-overdue.v1',
  {
    invoiceId: string;
    orderId: string;
    accountId: string;
    dueDate: string;
    daysOverdue: number;
    dunningLevel: number;
    outstanding: PublicMoney;
    checkedAt: string;
  }
>;

/** Every public commerce event. */
export type CommerceEventV1 =
  CommerceOrderPlacedV1 | CommerceInvoiceIssuedV1 | CommerceInvoicePaidV1 | CommerceInvoiceOverdueV1;

/** The schema of {@link InvoiceIssuedData}. */
export const INVOICE_ISSUED_DATA_SCHEMA = obj({
  invoiceId: str(),
  orderId: str(),
  accountId: str(),
  shipmentId: str(),
  receiptId: str('The acceptance receipt the invoice bills'),
  lines: arrayOf(
    obj({ lineId: str(), quantity: int(undefined, 1), unitPrice: MONEY_SCHEMA, amount: MONEY_SCHEMA }),
    undefined,
    1,
  ),
  amount: MONEY_SCHEMA,
  issuedAt: dateTime(),
  dueDate: date('Acceptance date + payment terms'),
  paymentTermsDays: int(undefined, 0),
});

/** The commerce contracts, all addressed to the account's commerce provider. */
export const COMMERCE_CONTRACTS: readonly PublicEventContract[] = [
  {
    type: 'commerce.order-placed.v1',
    version: 1,
    audience: 'commerce',
    addressed: true,
    summary: 'An order was placed for an account the commerce provider supplies and collects for.',
    dataSchema: obj({
      orderId: str(),
      accountId: str(),
      accountName: str(),
      channel: oneOf(['DIRECT', 'AGENT', 'COMMERCE_PROVIDER']),
      customerPo: str(),
      lines: arrayOf(
        obj({
          lineId: str(),
          modelId: str(),
          optionIds: arrayOf(str()),
          quantity: int(undefined, 1),
          requestedDate: date(),
          deliveryAddress: ADDRESS_SCHEMA,
        }),
        undefined,
        1,
      ),
      placedAt: dateTime(),
    }),
  },
  {
    type: 'commerce.invoice-issued.v1',
    version: 1,
    audience: 'commerce',
    addressed: true,
    summary: 'An invoice the commerce provider collects was issued.',
    dataSchema: INVOICE_ISSUED_DATA_SCHEMA,
  },
  {
    type: 'commerce.invoice-paid.v1',
    version: 1,
    audience: 'commerce',
    addressed: true,
    summary: 'An invoice the commerce provider collects is paid in full.',
    dataSchema: obj({
      invoiceId: str(),
      orderId: str(),
      accountId: str(),
      amount: MONEY_SCHEMA,
      paidAt: dateTime(),
    }),
  },
  {
    type: 'commerce.invoice-overdue.v1',
    version: 1,
    audience: 'commerce',
    addressed: true,
    summary: 'An invoice the commerce provider collects reached a new dunning level (催款).',
    dataSchema: obj({
      invoiceId: str(),
      orderId: str(),
      accountId: str(),
      dueDate: date(),
      daysOverdue: int(undefined, 1),
      dunningLevel: int(undefined, 1),
      outstanding: MONEY_SCHEMA,
      checkedAt: dateTime(),
    }),
  },
];

/** The public data of an internal `InvoiceIssued`. */
export function invoiceIssuedData(d: InvoiceIssued['data']): InvoiceIssuedData {
  return {
    invoiceId: d.invoiceId,
    orderId: d.orderId,
    accountId: d.accountId,
    shipmentId: d.shipmentId,
    receiptId: d.receiptId,
    lines: d.lines.map((l) => ({
      lineId: l.lineId,
      quantity: l.quantity,
      unitPrice: toPublicMoney(l.unitPrice),
      amount: toPublicMoney(l.amount),
    })),
    amount: toPublicMoney(d.amount),
    issuedAt: d.issuedAt,
    dueDate: d.dueDate,
    paymentTermsDays: d.paymentTermsDays,
  };
}

/**
 * `InvoicePaid` may name the commerce provider (billing adds it for `COMMERCE_PROVIDER` accounts);
 * without it the event is addressed to no provider and is not published on the commerce topic.
 */
type InvoicePaidWithProvider = InvoicePaid['data'] & { commerceProviderId?: string };

/**
 * Maps ordering and billing events to public commerce events (pure). Only events that name a
 * commerce provider are published: each is addressed to that provider.
 */
export function mapCommerce(event: RecordedEvent): CommerceEventV1[] {
  switch (event.type) {
    case 'OrderPlaced': {
      const d = (event as RecordedEvent<OrderPlaced>).data;
      const provider = d.account.commerceProviderId;
      if (!provider) return [];
      const data = {
        orderId: d.orderId,
        accountId: d.account.accountId,
        accountName: d.account.name,
        channel: d.channel,
        customerPo: d.customerPo,
        lines: d.lines.map((l) => ({
          lineId: l.lineId,
          modelId: l.modelId,
          optionIds: [...l.optionIds],
          quantity: l.quantity,
          requestedDate: l.requestedDate,
          deliveryAddress: toPublicAddress(l.deliveryAddress),
        })),
        placedAt: d.placedAt,
      };
      return [
        publicEvent(event, { type: 'commerce.order-placed.v1', version: 1 }, d.orderId, data, provider),
      ];
    }
    case 'InvoiceIssued': {
      const d = (event as RecordedEvent<InvoiceIssued>).data;
      if (!d.commerceProviderId) return [];
      const type = { type: 'commerce.invoice-issued.v1' as const, version: 1 };
      return [publicEvent(event, type, d.invoiceId, invoiceIssuedData(d), d.commerceProviderId)];
    }
    case 'InvoicePaid': {
      const d = event.data as InvoicePaidWithProvider;
      if (!d.commerceProviderId) return [];
      const data = {
        invoiceId: d.invoiceId,
        orderId: d.orderId,
        accountId: d.accountId,
        amount: toPublicMoney(d.amount),
        paidAt: d.paidAt,
      };
      return [
        publicEvent(
          event,
          { type: 'commerce.invoice-paid.v1', version: 1 },
          d.invoiceId,
          data,
          d.commerceProviderId,
        ),
      ];
    }
    case 'InvoiceOverdue': {
      const d = (event as RecordedEvent<InvoiceOverdue>).data;
      if (!d.commerceProviderId) return [];
      const data = {
        invoiceId: d.invoiceId,
        orderId: d.orderId,
        accountId: d.accountId,
        dueDate: d.dueDate,
        daysOverdue: d.daysOverdue,
        dunningLevel: d.dunningLevel,
        outstanding: toPublicMoney(d.outstanding),
        checkedAt: d.checkedAt,
      };
      const type = { type: 'commerce.invoice-overdue.v1' as const, version: 1 };
      return [publicEvent(event, type, d.invoiceId, data, d.commerceProviderId)];
    }
    default:
      return [];
  }
}
