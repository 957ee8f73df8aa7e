import { type ScenarioEvent } from './desk-scenario';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** The rest of SO-1: receipt signed, acceptance received, invoiced and paid. */
export function deskScenarioClosing(): ScenarioEvent[] {
  const ref = { shipmentId: 'SH-1', orderId: 'SO-1', providerId: 'lp-sf' };
  const signed = '2026-12-07T10:00:00.000Z';
  const invoice = { invoiceId: 'INV-1', orderId: 'SO-1', accountId: 'acc-1' };
  return [
    {
      streamId: 'acceptance-SH-1',
      type: 'AcceptanceReceiptSigned',
      occurredAt: signed,
      data: {
        ...ref,
        receiptId: 'RC-1',
        accountId: 'acc-1',
        signatory: '李主任',
        signedAt: signed,
        satisfaction: 5,
        units: [],
        lines: [],
        acceptedUnits: 2,
        rejectedUnits: 0,
      },
    },
    {
      streamId: 'orderProcess-SO-1',
      type: 'AcceptanceReceived',
      occurredAt: signed,
      data: { orderId: 'SO-1', shipmentId: 'SH-1', signedAt: signed },
    },
    {
      streamId: 'order-SO-1',
      type: 'OrderUnitsAccepted',
      occurredAt: signed,
      data: { orderId: 'SO-1', shipmentId: 'SH-1', lines: [{ lineId: 'L1', accepted: 2, rejected: 0 }] },
    },
    {
      streamId: 'invoice-INV-1',
      type: 'InvoiceIssued',
      occurredAt: signed,
      data: {
        ...invoice,
        receiptId: 'RC-1',
        shipmentId: 'SH-1',
        lines: [],
        amount: cny(200_000),
        issuedAt: signed,
        dueDate: '2027-01-06',
        paymentTermsDays: 30,
        channel: 'DIRECT',
      },
    },
    {
      streamId: 'order-SO-1',
      type: 'OrderInvoiced',
      occurredAt: signed,
      data: {
        orderId: 'SO-1',
        invoiceId: 'INV-1',
        shipmentId: 'SH-1',
        amount: cny(200_000),
        dueDate: '2027-01-06',
      },
    },
    {
      streamId: 'invoice-INV-1',
      type: 'PaymentRecorded',
      occurredAt: '2026-12-20T10:00:00.000Z',
      data: {
        ...invoice,
        paymentId: 'PAY-1',
        amount: cny(200_000),
        receivedAt: '2026-12-20T10:00:00.000Z',
        reference: 'BANK-1',
        outstanding: cny(0),
      },
    },
    {
      streamId: 'invoice-INV-1',
      type: 'InvoicePaid',
      occurredAt: '2026-12-20T10:00:00.000Z',
      data: { ...invoice, amount: cny(200_000), paidAt: '2026-12-20T10:00:00.000Z' },
    },
  ];
}
