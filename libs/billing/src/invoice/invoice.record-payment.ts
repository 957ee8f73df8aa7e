import { Roles, subtract } from '@kamflow/shared-kernel';
import { type RecordPayment } from './invoice.commands';
import { BillingErrorCodes as C, billingError, isBlank, isTimestamp } from '../billing.errors';
import { type InvoiceEvent } from './invoice.events';
import { type Invoice } from './invoice.state';

/** Finance records any payment; a commerce provider only on invoices that go through it. */
function checkCollector(command: RecordPayment, invoice: Invoice): void {
  const { actor } = command.metadata;
  if (actor.roles.includes(Roles.Finance)) return;
  if (actor.roles.includes(Roles.CommerceProvider)) {
    if (invoice.commerceProviderId !== undefined && actor.providerId === invoice.commerceProviderId) return;
    throw billingError(
      C.NotInvoiceProvider,
      `Invoice ${invoice.invoiceId} does not go through commerce provider ${actor.providerId ?? '(none)'}`,
      'forbidden',
      { invoiceId: invoice.invoiceId },
    );
  }
  throw billingError(
    C.Forbidden,
    'Payments are recorded by finance or the invoice’s commerce provider',
    'forbidden',
  );
}

/** Applies a payment; the last one that clears the invoice also marks it paid. */
export function recordPayment(command: RecordPayment, invoice: Invoice): InvoiceEvent[] {
  checkCollector(command, invoice);
  const { paymentId, amount, receivedAt, reference } = command.data;
  if (isBlank(paymentId))
    throw billingError(C.InvalidPayment, 'paymentId is required', 'invalid', { field: 'paymentId' });
  if (isBlank(reference))
    throw billingError(C.InvalidPayment, 'reference is required', 'invalid', { field: 'reference' });
  if (!isTimestamp(receivedAt)) {
    throw billingError(C.InvalidPayment, 'receivedAt must be an ISO 8601 timestamp', 'invalid', {
      field: 'receivedAt',
    });
  }
  if (!Number.isSafeInteger(amount?.amount) || amount.amount <= 0) {
    throw billingError(C.InvalidAmount, 'A payment is a positive integer of minor units', 'invalid', {
      field: 'amount',
    });
  }
  const previous = invoice.payments.find((p) => p.reference === reference || p.paymentId === paymentId);
  if (previous) {
    if (previous.amount === amount.amount) return [];
    throw billingError(
      C.PaymentReferenceReused,
      `Payment ${reference} was recorded with another amount`,
      'conflict',
      {
        reference,
        recorded: previous.amount,
      },
    );
  }
  if (amount.currency !== invoice.amount.currency) {
    throw billingError(C.CurrencyMismatch, `Invoice is in ${invoice.amount.currency}`, 'invalid', {
      field: 'amount.currency',
    });
  }
  if (invoice.status === 'PAID') {
    throw billingError(C.AlreadyPaid, `Invoice ${invoice.invoiceId} is already paid`, 'conflict', {
      invoiceId: invoice.invoiceId,
    });
  }
  if (amount.amount > invoice.outstanding.amount) {
    throw billingError(
      C.Overpayment,
      `Payment exceeds the outstanding ${invoice.outstanding.amount}`,
      'rule',
      {
        outstanding: invoice.outstanding,
        amount,
      },
    );
  }
  const { invoiceId, orderId, accountId } = invoice;
  const outstanding = subtract(invoice.outstanding, amount);
  const events: InvoiceEvent[] = [
    {
      type: 'PaymentRecorded',
      data: { invoiceId, orderId, accountId, paymentId, amount, receivedAt, reference, outstanding },
    },
  ];
  if (outstanding.amount === 0) {
    events.push({
      type: 'InvoicePaid',
      data: {
        invoiceId,
        orderId,
        accountId,
        amount: invoice.amount,
        paidAt: receivedAt,
        ...(invoice.commerceProviderId ? { commerceProviderId: invoice.commerceProviderId } : {}),
      },
    });
  }
  return events;
}
