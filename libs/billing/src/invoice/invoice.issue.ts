import { addCalendarDays, CHANNELS, dateOf, multiply, sum } from '@kamflow/shared-kernel';
import { type IssueInvoice } from './invoice.commands';
import { BillingErrorCodes as C, billingError, isBlank, isTimestamp } from '../billing.errors';
import { type InvoiceEvent, type InvoiceLine } from './invoice.events';
import { type InvoiceState } from './invoice.state';

const invalid = (message: string, field: string) =>
  billingError(C.InvalidInvoice, message, 'invalid', { field });

function invoiceLines(lines: IssueInvoice['data']['lines']): InvoiceLine[] {
  if (!Array.isArray(lines)) throw invalid('lines are required', 'lines');
  const currency = lines[0]?.unitPrice?.currency;
  return lines
    .map((line, i): InvoiceLine => {
      if (isBlank(line.lineId)) throw invalid('lineId is required', `lines[${i}].lineId`);
      if (!Number.isInteger(line.quantity) || line.quantity < 0) {
        throw invalid('An invoiced quantity is a whole number, zero or more', `lines[${i}].quantity`);
      }
      if (!Number.isSafeInteger(line.unitPrice?.amount) || line.unitPrice.amount < 0) {
        throw invalid('A unit price is a non-negative integer of minor units', `lines[${i}].unitPrice`);
      }
      if (line.unitPrice.currency !== currency) {
        throw billingError(C.CurrencyMismatch, 'An invoice is in one currency', 'invalid', {
          field: `lines[${i}].unitPrice`,
        });
      }
      return { ...line, amount: multiply(line.unitPrice, line.quantity) };
    })
    .filter((line) => line.quantity > 0);
}

/** Issues the invoice for a receipt's accepted units; due = acceptance date + payment terms. */
export function issueInvoice(command: IssueInvoice, state: InvoiceState): InvoiceEvent[] {
  const d = command.data;
  if (state.status !== 'NONE') {
    if (state.receiptId === d.receiptId) return [];
    throw billingError(
      C.InvoiceExists,
      `Invoice ${d.invoiceId} was issued for receipt ${state.receiptId}`,
      'conflict',
      {
        invoiceId: d.invoiceId,
        receiptId: state.receiptId,
      },
    );
  }
  for (const field of ['invoiceId', 'orderId', 'accountId', 'receiptId', 'shipmentId'] as const) {
    if (isBlank(d[field])) throw invalid(`${field} is required`, field);
  }
  if (!isTimestamp(d.issuedAt)) throw invalid('issuedAt must be an ISO 8601 timestamp', 'issuedAt');
  if (d.acceptedAt !== undefined && !isTimestamp(d.acceptedAt)) {
    throw invalid('acceptedAt must be an ISO 8601 timestamp', 'acceptedAt');
  }
  if (!Number.isInteger(d.paymentTermsDays) || d.paymentTermsDays < 0) {
    throw invalid('Payment terms are a whole number of days', 'paymentTermsDays');
  }
  if (!CHANNELS.includes(d.channel)) throw invalid(`Unknown channel ${String(d.channel)}`, 'channel');
  if (d.channel === 'COMMERCE_PROVIDER' && isBlank(d.commerceProviderId)) {
    throw billingError(
      C.CommerceProviderRequired,
      'A commerce-provider invoice names its provider',
      'invalid',
      {
        field: 'commerceProviderId',
      },
    );
  }
  const lines = invoiceLines(d.lines);
  if (lines.length === 0) {
    throw billingError(
      C.NothingToInvoice,
      `Receipt ${d.receiptId} has no accepted units to invoice`,
      'rule',
      {
        receiptId: d.receiptId,
      },
    );
  }
  const amount = sum(
    lines.map((l) => l.amount),
    lines[0].amount.currency,
  );
  const issued: InvoiceEvent = {
    type: 'InvoiceIssued',
    data: {
      invoiceId: d.invoiceId,
      orderId: d.orderId,
      accountId: d.accountId,
      receiptId: d.receiptId,
      shipmentId: d.shipmentId,
      lines,
      amount,
      issuedAt: d.issuedAt,
      dueDate: addCalendarDays(dateOf(d.acceptedAt ?? d.issuedAt), d.paymentTermsDays),
      paymentTermsDays: d.paymentTermsDays,
      channel: d.channel,
      ...(isBlank(d.commerceProviderId) ? {} : { commerceProviderId: d.commerceProviderId }),
    },
  };
  if (amount.amount > 0) return [issued];
  // Accepted units priced at zero (e.g. free service items): nothing to collect, so settled at once.
  const { invoiceId, orderId, accountId } = d;
  return [
    issued,
    { type: 'InvoicePaid', data: { invoiceId, orderId, accountId, amount, paidAt: d.issuedAt } },
  ];
}
