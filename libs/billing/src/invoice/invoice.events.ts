import { type DomainEvent } from '@kamflow/eventsourcing';
import { type Channel, type Money } from '@kamflow/shared-kernel';

/** An invoiced line with its amount (quantity × unit price). */
export interface InvoiceLine {
  lineId: string;
  quantity: number;
  unitPrice: Money;
  amount: Money;
}

/** 发票: an invoice for the accepted units of one receipt. */
export type InvoiceIssued = DomainEvent<
  'InvoiceIssued',
  {
    invoiceId: string;
    orderId: string;
    accountId: string;
    receiptId: string;
    shipmentId: string;
    lines: InvoiceLine[];
    amount: Money;
    issuedAt: string;
    /** `YYYY-MM-DD`: acceptance date + payment terms (calendar days). */
    dueDate: string;
    paymentTermsDays: number;
    channel: Channel;
    commerceProviderId?: string;
  }
>;

/** 回款: money received against the invoice. */
export type PaymentRecorded = DomainEvent<
  'PaymentRecorded',
  {
    invoiceId: string;
    orderId: string;
    accountId: string;
    paymentId: string;
    amount: Money;
    receivedAt: string;
    reference: string;
    /** What is left to pay after this payment. */
    outstanding: Money;
  }
>;

/** Nothing is left to pay. */
export type InvoicePaid = DomainEvent<
  'InvoicePaid',
  {
    invoiceId: string;
    orderId: string;
    accountId: string;
    amount: Money;
    paidAt: string;
    /** Set when the invoice goes through a commerce provider, so it can be told. */
    commerceProviderId?: string;
  }
>;

/** Dunning (催款): the invoice reached a new dunning level. */
export type InvoiceOverdue = DomainEvent<
  'InvoiceOverdue',
  {
    invoiceId: string;
    orderId: string;
    accountId: string;
    commerceProviderId?: string;
    dueDate: string;
    daysOverdue: number;
    dunningLevel: number;
    outstanding: Money;
    checkedAt: string;
  }
>;

/** Every event of the `invoice-<invoiceId>` stream. */
export type InvoiceEvent = InvoiceIssued | PaymentRecorded | InvoicePaid | InvoiceOverdue;
