import { type Invoice, type InvoiceIssued, type PaymentRecorded } from '@kamflow/billing';
import { type RecordedEvent } from '@kamflow/eventsourcing';

/** OPEN, PAID, or OVERDUE once a dunning level was raised on an unpaid invoice. */
export function invoiceStatus(invoice: Pick<Invoice, 'status' | 'dunningLevel'>): 'OPEN' | 'PAID' | 'OVERDUE' {
  if (invoice.status === 'PAID') return 'PAID';
  return invoice.dunningLevel > 0 ? 'OVERDUE' : 'OPEN';
}

/** `GET /invoices/{id}`: the invoice with its lines, payments (with when received) and what is left to pay. */
export function invoiceView(invoice: Invoice, revision: number, events: readonly RecordedEvent[]) {
  const issued = events.find((e) => e.type === 'InvoiceIssued')?.data as InvoiceIssued['data'] | undefined;
  const payments = events
    .filter((e) => e.type === 'PaymentRecorded')
    .map((e) => {
      const p = e.data as PaymentRecorded['data'];
      return { paymentId: p.paymentId, amount: p.amount, receivedAt: p.receivedAt, reference: p.reference, recordedAt: e.occurredAt };
    });
  const paidAt = events.find((e) => e.type === 'InvoicePaid')?.data as { paidAt?: string } | undefined;
  return {
    id: invoice.invoiceId,
    revision,
    orderId: invoice.orderId,
    accountId: invoice.accountId,
    receiptId: invoice.receiptId,
    ...(issued ? { shipmentId: issued.shipmentId, issuedAt: issued.issuedAt, paymentTermsDays: issued.paymentTermsDays, lines: issued.lines } : {}),
    channel: invoice.channel,
    ...(invoice.commerceProviderId ? { commerceProviderId: invoice.commerceProviderId } : {}),
    amount: invoice.amount,
    paid: { amount: invoice.amount.amount - invoice.outstanding.amount, currency: invoice.amount.currency },
    outstanding: invoice.outstanding,
    dueDate: invoice.dueDate,
    status: invoiceStatus(invoice),
    dunningLevel: invoice.dunningLevel,
    ...(paidAt?.paidAt ? { paidAt: paidAt.paidAt } : {}),
    payments,
  };
}
