import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { invoiceDecider } from './invoice.decider';
import { type InvoiceEvent } from './invoice.events';
import { AMOUNT, commerce, finance, issued, pay } from './invoice.fixtures';

const spec = DeciderSpecification.for(invoiceDecider);
const ids = { invoiceId: 'inv-1', orderId: 'ord-1', accountId: 'acc-1' };
const RECEIVED = '2026-03-20T02:00:00.000Z';
const paid = (amount: number, reference: string, outstanding: number): InvoiceEvent => ({
  type: 'PaymentRecorded',
  data: {
    ...ids,
    paymentId: `pay-${reference}`,
    amount: money(amount),
    receivedAt: RECEIVED,
    reference,
    outstanding: money(outstanding),
  },
});

describe('collecting an invoice', () => {
  it('applies a partial payment and reports what is still outstanding', () => {
    spec
      .given([issued()])
      .when(pay(1_000_000))
      .then([paid(1_000_000, 'BOC-1', AMOUNT - 1_000_000)]);
  });

  it('marks the invoice paid when the last payment clears it', () => {
    spec
      .given([issued(), paid(1_000_000, 'BOC-1', AMOUNT - 1_000_000)])
      .when(pay(AMOUNT - 1_000_000, 'BOC-2'))
      .thenMatches((events, after) => {
        expect(events).toEqual([
          paid(AMOUNT - 1_000_000, 'BOC-2', 0),
          { type: 'InvoicePaid', data: { ...ids, amount: money(AMOUNT), paidAt: RECEIVED } },
        ]);
        expect(after).toMatchObject({ status: 'PAID', outstanding: money(0) });
      });
  });

  it('refuses an overpayment, naming the outstanding amount', () => {
    spec
      .given([issued(), paid(1_000_000, 'BOC-1', AMOUNT - 1_000_000)])
      .when(pay(AMOUNT, 'BOC-2'))
      .thenThrows('BILLING.OVERPAYMENT', (e) => {
        expect(e.kind).toBe('rule');
        expect(e.details).toMatchObject({ outstanding: money(AMOUNT - 1_000_000) });
      });
  });

  it('refuses a payment on an invoice already paid', () => {
    spec
      .given([
        issued(),
        paid(AMOUNT, 'BOC-1', 0),
        { type: 'InvoicePaid', data: { ...ids, amount: money(AMOUNT), paidAt: RECEIVED } },
      ])
      .when(pay(1, 'BOC-9'))
      .thenThrows('BILLING.ALREADY_PAID');
  });

  it.each([0, -100])('refuses a payment of %s fen', (amount) => {
    spec.given([issued()]).when(pay(amount)).thenThrows('BILLING.INVALID_AMOUNT');
  });

  it('refuses a payment in another currency', () => {
    spec
      .given([issued()])
      .when({ ...pay(100), data: { ...pay(100).data, amount: money(100, 'USD') } })
      .thenThrows('BILLING.CURRENCY_MISMATCH');
  });

  it('refuses a payment on an invoice never issued', () => {
    spec.given([]).when(pay(100)).thenThrows('BILLING.INVOICE_NOT_FOUND');
  });
});

describe('a payment reported twice', () => {
  const history = [issued(), paid(1_000_000, 'BOC-1', AMOUNT - 1_000_000)];

  it('records nothing when the same bank reference comes again', () => {
    spec
      .given(history)
      .when(pay(1_000_000, 'BOC-1', finance, 'pay-other'))
      .thenNothing();
  });

  it('records nothing when the clearing payment is retried after the invoice was paid', () => {
    const settled: InvoiceEvent[] = [
      issued(),
      paid(AMOUNT, 'BOC-1', 0),
      { type: 'InvoicePaid', data: { ...ids, amount: money(AMOUNT), paidAt: RECEIVED } },
    ];
    spec.given(settled).when(pay(AMOUNT, 'BOC-1')).thenNothing();
  });

  it('refuses a known reference with another amount', () => {
    spec.given(history).when(pay(5, 'BOC-1')).thenThrows('BILLING.PAYMENT_REFERENCE_REUSED');
  });
});

describe('who may record a payment', () => {
  const viaProvider = issued({ channel: 'COMMERCE_PROVIDER', commerceProviderId: 'cp-digital' });

  it('lets the commerce provider named on the invoice report what it collected', () => {
    spec
      .given([viaProvider])
      .when(pay(100, 'CP-1', commerce()))
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['PaymentRecorded']));
  });

  it('refuses another commerce provider', () => {
    spec
      .given([viaProvider])
      .when(pay(100, 'CP-1', commerce('cp-other')))
      .thenThrows('BILLING.NOT_INVOICE_PROVIDER', (e) => expect(e.kind).toBe('forbidden'));
  });

  it('refuses any commerce provider on a direct invoice', () => {
    spec
      .given([issued()])
      .when(pay(100, 'CP-1', commerce()))
      .thenThrows('BILLING.NOT_INVOICE_PROVIDER');
  });

  it('lets finance record payments on a commerce-provider invoice too', () => {
    spec
      .given([viaProvider])
      .when(pay(100, 'BOC-7', finance))
      .thenMatches((events) => expect(events).toHaveLength(1));
  });

  it('refuses staff outside finance', () => {
    spec
      .given([issued()])
      .when(pay(100, 'X', { id: 'user:desk', roles: ['order-desk'] }))
      .thenThrows('BILLING.FORBIDDEN');
  });
});
