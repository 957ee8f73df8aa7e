import { type Actor, type CommandMetadata } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { type IssueInvoice, type RecordPayment } from './invoice.commands';
import { type InvoiceEvent } from './invoice.events';

/** Test data for invoice specs. */
export const NOW = '2026-03-06T12:00:00.000Z';
export const system: Actor = { id: 'system:fulfilment', roles: ['system'] };
export const finance: Actor = { id: 'user:finance', roles: ['finance'] };
export const commerce = (providerId = 'cp-digital'): Actor => ({
  id: `provider:${providerId}`,
  roles: ['commerce-provider'],
  providerId,
});
export const meta = (actor: Actor, now = NOW): CommandMetadata => ({ now, actor });

export const issueData: IssueInvoice['data'] = {
  invoiceId: 'inv-1',
  orderId: 'ord-1',
  accountId: 'acc-1',
  receiptId: 'rcp-1',
  shipmentId: 'shp-1',
  lines: [
    { lineId: 'l1', quantity: 2, unitPrice: money(899_900) },
    { lineId: 'l2', quantity: 1, unitPrice: money(450_050) },
  ],
  issuedAt: '2026-03-06T12:00:00.000Z',
  acceptedAt: '2026-03-06T11:30:00.000Z',
  paymentTermsDays: 30,
  channel: 'DIRECT',
};
export const AMOUNT = 2 * 899_900 + 450_050;

export const issue = (data: Partial<IssueInvoice['data']> = {}, actor = system): IssueInvoice => ({
  type: 'IssueInvoice',
  data: { ...issueData, ...data },
  metadata: meta(actor),
});

export const issued = (data: Partial<IssueInvoice['data']> = {}): InvoiceEvent => ({
  type: 'InvoiceIssued',
  data: {
    invoiceId: 'inv-1',
    orderId: 'ord-1',
    accountId: 'acc-1',
    receiptId: 'rcp-1',
    shipmentId: 'shp-1',
    lines: [
      { lineId: 'l1', quantity: 2, unitPrice: money(899_900), amount: money(1_799_800) },
      { lineId: 'l2', quantity: 1, unitPrice: money(450_050), amount: money(450_050) },
    ],
    amount: money(AMOUNT),
    issuedAt: '2026-03-06T12:00:00.000Z',
    dueDate: '2026-04-05',
    paymentTermsDays: 30,
    channel: 'DIRECT',
    ...data,
  } as Extract<InvoiceEvent, { type: 'InvoiceIssued' }>['data'],
});

export const pay = (
  amount: number,
  reference = 'BOC-1',
  actor = finance,
  paymentId = `pay-${reference}`,
): RecordPayment => ({
  type: 'RecordPayment',
  data: {
    invoiceId: 'inv-1',
    paymentId,
    amount: money(amount),
    receivedAt: '2026-03-20T02:00:00.000Z',
    reference,
  },
  metadata: meta(actor),
});
