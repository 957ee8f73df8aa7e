import { assertNever } from '@kamflow/eventsourcing';
import { type Channel, type Money } from '@kamflow/shared-kernel';
import { type InvoiceEvent } from './invoice.events';

/** An issued invoice: OPEN until fully paid, then PAID. */
export interface Invoice {
  status: 'OPEN' | 'PAID';
  invoiceId: string;
  orderId: string;
  accountId: string;
  receiptId: string;
  amount: Money;
  outstanding: Money;
  dueDate: string;
  channel: Channel;
  commerceProviderId?: string;
  /** Payments applied, by reference, to recognise a repeated one. */
  payments: { paymentId: string; reference: string; amount: number }[];
  /** Highest dunning level raised so far (0: none). */
  dunningLevel: number;
}

/** Invoice state: nothing yet, or an issued invoice. */
export type InvoiceState = { status: 'NONE' } | Invoice;

export const initialInvoiceState = (): InvoiceState => ({ status: 'NONE' });

/** Folds one event into the invoice state. */
export function evolveInvoice(state: InvoiceState, event: InvoiceEvent): InvoiceState {
  if (event.type === 'InvoiceIssued') {
    const d = event.data;
    return {
      status: 'OPEN',
      invoiceId: d.invoiceId,
      orderId: d.orderId,
      accountId: d.accountId,
      receiptId: d.receiptId,
      amount: d.amount,
      outstanding: d.amount,
      dueDate: d.dueDate,
      channel: d.channel,
      ...(d.commerceProviderId ? { commerceProviderId: d.commerceProviderId } : {}),
      payments: [],
      dunningLevel: 0,
    };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'PaymentRecorded': {
      const { paymentId, reference, amount, outstanding } = event.data;
      return {
        ...state,
        outstanding,
        payments: [...state.payments, { paymentId, reference, amount: amount.amount }],
      };
    }
    case 'InvoicePaid':
      return { ...state, status: 'PAID' };
    case 'InvoiceOverdue':
      return { ...state, dunningLevel: event.data.dunningLevel };
    default:
      return assertNever(event, 'invoice event');
  }
}
