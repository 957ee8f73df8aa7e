import fc from 'fast-check';
import { DeciderSpecification, DomainError } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { providerLedgerDecider } from '../provider-ledger/provider-ledger.decider';
import { type AccrueProviderFee } from '../provider-ledger/provider-ledger.commands';
import { type InvoiceCommand } from './invoice.commands';
import { invoiceDecider } from './invoice.decider';
import { finance, issue, issueData, issued, meta, pay, system } from './invoice.fixtures';
import { validateInvoiceCommand } from './invoice.validate';

const spec = DeciderSpecification.for(invoiceDecider);
const refusedOn = (field: string) => (error: DomainError) => {
  expect(error.kind).toBe('invalid');
  expect(error.details?.field).toBe(field);
};
const payment = (over: Record<string, unknown>) =>
  ({ ...pay(1_000), data: { ...pay(1_000).data, ...over } }) as InvoiceCommand;

describe('payments no reader could read', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['no amount', { amount: undefined }, 'BILLING.INVALID_AMOUNT', 'amount'],
    ['an amount that is a number', { amount: 1_000 }, 'BILLING.INVALID_AMOUNT', 'amount'],
    [
      'a fractional amount',
      { amount: { amount: 0.5, currency: 'CNY' } },
      'BILLING.INVALID_AMOUNT',
      'amount.amount',
    ],
    [
      'an amount without currency',
      { amount: { amount: 1_000 } },
      'BILLING.CURRENCY_MISMATCH',
      'amount.currency',
    ],
    ['a receipt on no day', { receivedAt: '2026-13-45' }, 'BILLING.INVALID_PAYMENT', 'receivedAt'],
    ['a NUL in the reference', { reference: 'BOC\u0000-1' }, 'BILLING.INVALID_PAYMENT', 'reference'],
    ['a reference that is a list', { reference: [] }, 'BILLING.INVALID_PAYMENT', 'reference'],
  ])('a payment with %s is refused, naming the field, with no event', (_what, over, code, field) => {
    spec.given([issued()]).when(payment(over)).thenThrows(code, refusedOn(field));
  });

  it('still takes a payment received on a whole day', () => {
    spec
      .given([issued()])
      .when(payment({ receivedAt: '2026-03-20' }))
      .thenMatches((events) => expect(events[0]?.type).toBe('PaymentRecorded'));
  });

  it('either refuses a junk amount as invalid or records one that passes the same checks', () => {
    const amount = fc.oneof(
      fc.anything(),
      fc.record({
        amount: fc.oneof(fc.integer(), fc.double(), fc.constant(1e16)),
        currency: fc.constantFrom('CNY', 'USD'),
      }),
    );
    fc.assert(
      fc.property(amount, (value) => {
        const state = [issued()].reduce(invoiceDecider.evolve, invoiceDecider.initialState());
        let events;
        try {
          events = invoiceDecider.decide(payment({ amount: value }), state);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect(['invalid', 'rule']).toContain((error as DomainError).kind);
          return;
        }
        const [recorded] = events;
        if (recorded?.type !== 'PaymentRecorded') throw new Error('expected a payment');
        validateInvoiceCommand(payment({ amount: recorded.data.amount }));
      }),
      { seed: 320, numRuns: 300 },
    );
  });
});

describe('invoices and fee accruals no reader could read', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a line price in dollars',
      { lines: [{ ...issueData.lines[0], unitPrice: money(1, 'USD') }] },
      'BILLING.CURRENCY_MISMATCH',
      'lines[0].unitPrice.currency',
    ],
    [
      'a line without price',
      { lines: [{ lineId: 'l1', quantity: 1 }] },
      'BILLING.INVALID_INVOICE',
      'lines[0].unitPrice',
    ],
    [
      'an issue date without offset',
      { issuedAt: '2026-03-06T12:00:00' },
      'BILLING.INVALID_INVOICE',
      'issuedAt',
    ],
    ['payment terms of 400 days', { paymentTermsDays: 400 }, 'BILLING.INVALID_INVOICE', 'paymentTermsDays'],
  ])('an invoice with %s is not issued', (_what, over, code, field) => {
    spec
      .given([])
      .when(issue(over, system))
      .thenThrows(code, refusedOn(field));
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no fee terms', { terms: undefined }, 'terms'],
    [
      'a fractional fee',
      { terms: { deliveryFeePerUnit: { amount: 1.5, currency: 'CNY' }, inspectionFeePerUnit: money(1) } },
      'terms.deliveryFeePerUnit.amount',
    ],
    ['accrued at no instant', { accruedAt: '2026-03-32T00:00:00Z' }, 'accruedAt'],
  ])('a fee accrual with %s is refused', (_what, over, field) => {
    const command = {
      type: 'AccrueProviderFee',
      data: {
        providerId: 'lp-sf',
        jobId: 'shp-1',
        orderId: 'ord-1',
        units: 3,
        deliveredUnits: 3,
        satisfaction: 4,
        terms: { deliveryFeePerUnit: money(1_250), inspectionFeePerUnit: money(835) },
        accruedAt: '2026-03-31T15:00:00.000Z',
        ...over,
      },
      metadata: meta(system),
    } as AccrueProviderFee;
    DeciderSpecification.for(providerLedgerDecider)
      .given([])
      .when(command)
      .thenThrows('BILLING.INVALID_ACCRUAL', refusedOn(field));
  });

  it('a finance user still issues a well-formed invoice', () => {
    spec
      .given([])
      .when(issue({}, finance))
      .thenMatches((events) => expect(events[0]?.type).toBe('InvoiceIssued'));
  });
});
