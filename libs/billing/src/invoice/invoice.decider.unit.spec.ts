import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { invoiceDecider, invoiceStreamId } from './invoice.decider';
import { AMOUNT, commerce, finance, issue, issued } from './invoice.fixtures';

const spec = DeciderSpecification.for(invoiceDecider);

describe('issuing the invoice for an acceptance receipt', () => {
  it('bills the accepted units at their unit price, due 30 days after acceptance', () => {
    spec.given([]).when(issue()).then([issued()]);
    expect(invoiceStreamId('inv-1')).toBe('invoice-inv-1');
  });

  it('sums the amount in whole fen', () => {
    spec
      .given([])
      .when(issue())
      .thenMatches((events) =>
        expect(events[0].data).toMatchObject({ amount: { amount: 2_249_850, currency: 'CNY' } }),
      );
    expect(AMOUNT).toBe(2_249_850);
  });

  it('counts the due date in calendar days across a month end', () => {
    spec
      .given([])
      .when(issue({ acceptedAt: '2026-01-31T03:00:00.000Z', paymentTermsDays: 45 }))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ dueDate: '2026-03-17' }));
  });

  it('counts from the issue date when no acceptance date is given', () => {
    spec
      .given([])
      .when(issue({ acceptedAt: undefined, issuedAt: '2026-03-10T08:00:00.000Z', paymentTermsDays: 0 }))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ dueDate: '2026-03-10' }));
  });

  it('leaves out lines with no accepted units', () => {
    spec
      .given([])
      .when(
        issue({
          lines: [
            { lineId: 'l1', quantity: 2, unitPrice: money(100) },
            { lineId: 'l2', quantity: 0, unitPrice: money(500) },
          ],
        }),
      )
      .thenMatches((events) =>
        expect(events[0].data).toMatchObject({ lines: [{ lineId: 'l1' }], amount: money(200) }),
      );
  });

  it('refuses an invoice with zero accepted units', () => {
    spec
      .given([])
      .when(issue({ lines: [{ lineId: 'l1', quantity: 0, unitPrice: money(100) }] }))
      .thenThrows('BILLING.NOTHING_TO_INVOICE', (e) => expect(e.kind).toBe('rule'));
  });

  it('settles at once an invoice whose accepted units are free of charge', () => {
    spec
      .given([])
      .when(issue({ lines: [{ lineId: 'l1', quantity: 2, unitPrice: money(0) }] }))
      .thenMatches((events, after) => {
        expect(events.map((e) => e.type)).toEqual(['InvoiceIssued', 'InvoicePaid']);
        expect(after.status).toBe('PAID');
      });
  });

  it('treats issuing the same receipt again as already done', () => {
    spec.given([issued()]).when(issue()).thenNothing();
  });

  it('refuses to reuse an invoice id for another receipt', () => {
    spec
      .given([issued()])
      .when(issue({ receiptId: 'rcp-2' }))
      .thenThrows('BILLING.INVOICE_EXISTS');
  });

  it('routes a commerce-provider invoice through its provider', () => {
    spec
      .given([])
      .when(issue({ channel: 'COMMERCE_PROVIDER', commerceProviderId: 'cp-digital' }))
      .thenMatches((events) =>
        expect(events[0].data).toMatchObject({
          channel: 'COMMERCE_PROVIDER',
          commerceProviderId: 'cp-digital',
        }),
      );
  });

  it('refuses a commerce-provider invoice that names no provider', () => {
    spec
      .given([])
      .when(issue({ channel: 'COMMERCE_PROVIDER' }))
      .thenThrows('BILLING.COMMERCE_PROVIDER_REQUIRED');
  });

  it('refuses lines in two currencies', () => {
    spec
      .given([])
      .when(
        issue({
          lines: [
            { lineId: 'l1', quantity: 1, unitPrice: money(100) },
            { lineId: 'l2', quantity: 1, unitPrice: money(100, 'USD') },
          ],
        }),
      )
      .thenThrows('BILLING.CURRENCY_MISMATCH');
  });

  it.each([
    [
      'a fractional price',
      { lines: [{ lineId: 'l1', quantity: 1, unitPrice: { amount: 10.5, currency: 'CNY' } }] },
    ],
    ['a negative quantity', { lines: [{ lineId: 'l1', quantity: -1, unitPrice: money(100) }] }],
    ['negative payment terms', { paymentTermsDays: -1 }],
    ['an unknown channel', { channel: 'RETAIL' as never }],
  ])('refuses %s', (_, data) => {
    spec.given([]).when(issue(data)).thenThrows('BILLING.INVALID_INVOICE');
  });

  it('is issued by the fulfilment process or finance, not by a provider', () => {
    spec
      .given([])
      .when(issue({}, finance))
      .thenMatches((events) => expect(events).toHaveLength(1));
    spec.given([]).when(issue({}, commerce())).thenThrows('BILLING.FORBIDDEN');
  });
});
