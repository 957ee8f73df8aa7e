import { type Command } from '@kamflow/eventsourcing';
import { type Channel, type Money } from '@kamflow/shared-kernel';

/** An invoiced order line: the accepted quantity at the order's unit price. */
export interface InvoiceLineInput {
  lineId: string;
  /** Accepted units of the line on the receipt. */
  quantity: number;
  unitPrice: Money;
}

/** Issues the invoice for one signed acceptance receipt (process manager on `AcceptanceReceiptSigned`). */
export type IssueInvoice = Command<
  'IssueInvoice',
  {
    invoiceId: string;
    orderId: string;
    accountId: string;
    receiptId: string;
    shipmentId: string;
    lines: InvoiceLineInput[];
    issuedAt: string;
    /** When the receipt was signed; the due date counts from it (defaults to `issuedAt`). */
    acceptedAt?: string;
    /** Net days of the account's credit terms. */
    paymentTermsDays: number;
    channel: Channel;
    /** The commerce provider the invoice goes through and that collects (回款); required for that channel. */
    commerceProviderId?: string;
  }
>;

/** Applies a (full or partial) payment to an invoice. */
export type RecordPayment = Command<
  'RecordPayment',
  {
    invoiceId: string;
    paymentId: string;
    amount: Money;
    receivedAt: string;
    /** Bank or provider reference; a repeated reference on the same invoice is the same payment. */
    reference: string;
  }
>;

/** The process manager's dunning timer asks whether the invoice is overdue (time from `metadata.now`). */
export type CheckInvoiceOverdue = Command<'CheckInvoiceOverdue', { invoiceId: string }>;

/** Every command of the invoice aggregate. */
export type InvoiceCommand = IssueInvoice | RecordPayment | CheckInvoiceOverdue;
