import fc from 'fast-check';
import { DeciderSpecification, type DomainError } from '@kamflow/eventsourcing';
import { INVALID_FIELD, money } from '@kamflow/shared-kernel';
import { type ProposeCreditChange } from '../credit-change/credit-change.commands';
import { creditChangeDecider } from '../credit-change/credit-change.decider';
import { actors, cmd, history, NOW, open, review, yuan } from '../testing/credit-fixtures';
import { type CreditAccountCommand } from './credit-account.commands';
import { creditAccountDecider } from './credit-account.decider';
import { validateCreditAccountCommand } from './credit-account.validate';

const spec = DeciderSpecification.for(creditAccountDecider);
const account = history(open('A', yuan(10_000)));
const refusedOn = (field: string) => (error: DomainError) => {
  expect(error.kind).toBe('invalid');
  expect(error.details?.field).toBe(field);
};
/** A command with whatever data an edge or a partner might send. */
const raw = (type: CreditAccountCommand['type'], data: Record<string, unknown>, by = actors.system) =>
  cmd(type, data as never, by);

describe('credit account commands no reader could read', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a limit that is a list',
      { grade: 'A', limit: [], paymentTermsDays: 30 },
      'CREDIT.INVALID_TERMS',
      'limit',
    ],
    [
      'a limit without currency',
      { grade: 'A', limit: { amount: 1 }, paymentTermsDays: 30 },
      'CREDIT.INVALID_TERMS',
      'limit.currency',
    ],
    [
      'a limit in dollars',
      { grade: 'A', limit: money(1, 'USD'), paymentTermsDays: 30 },
      'CREDIT.INVALID_TERMS',
      'limit.currency',
    ],
    ['no payment terms', { grade: 'A', limit: yuan(1) }, 'CREDIT.INVALID_TERMS', 'paymentTermsDays'],
    [
      'a NUL in the account id',
      { accountId: 'acc\u0000', grade: 'A', limit: yuan(1), paymentTermsDays: 30 },
      INVALID_FIELD,
      'accountId',
    ],
  ])('an account is not opened with %s', (_what, data, code, field) => {
    spec
      .given([])
      .when(raw('OpenCreditAccount', data, actors.admin))
      .thenThrows(code, refusedOn(field));
  });

  it.each<[string, CreditAccountCommand['type'], Record<string, unknown>, string, string]>([
    [
      'a fractional amount',
      'ReviewOrderCredit',
      { orderId: 'o-1', amount: { amount: 10.5, currency: 'CNY' } },
      'CREDIT.INVALID_AMOUNT',
      'amount.amount',
    ],
    [
      'an amount above 10^15 fen',
      'ReviewOrderCredit',
      { orderId: 'o-1', amount: { amount: 1e16, currency: 'CNY' } },
      'CREDIT.INVALID_AMOUNT',
      'amount.amount',
    ],
    ['a missing amount', 'ReviewOrderCredit', { orderId: 'o-1' }, 'CREDIT.INVALID_AMOUNT', 'amount'],
    [
      'an order id that is a number',
      'ReviewOrderCredit',
      { orderId: 7, amount: yuan(1) },
      INVALID_FIELD,
      'orderId',
    ],
    [
      'a reason of 3 001 characters',
      'ReleaseCreditHold',
      { orderId: 'o-1', reason: 'x'.repeat(3001) },
      'CREDIT.REASON_REQUIRED',
      'reason',
    ],
    [
      'an impossible due date',
      'OpenReceivable',
      { invoiceId: 'i-1', orderId: 'o-1', amount: yuan(1), dueDate: '2026-02-30' },
      'CREDIT.INVALID_DATE',
      'dueDate',
    ],
    [
      'a payment received on no day',
      'RecordReceivablePayment',
      { invoiceId: 'i-1', amount: yuan(1), receivedAt: '2026-13-45' },
      'CREDIT.INVALID_DATE',
      'receivedAt',
    ],
    [
      'new terms with a null limit',
      'ApplyCreditTerms',
      { changeId: 'chg-1', limit: null },
      'CREDIT.INVALID_TERMS',
      'limit',
    ],
  ])('%s is refused (%s) before any rule', (_what, type, data, code, field) => {
    spec.given(account).when(raw(type, data)).thenThrows(code, refusedOn(field));
  });

  it('either refuses junk amounts as invalid or records amounts that pass the guards', () => {
    const junk = fc.oneof(
      fc.anything(),
      fc.record({
        amount: fc.oneof(fc.integer(), fc.double(), fc.bigInt().map(String)),
        currency: fc.constantFrom('CNY', 'USD', ''),
      }),
    );
    fc.assert(
      fc.property(junk, (amount) => {
        const command = raw('ReviewOrderCredit', { orderId: 'o-1', amount });
        let events;
        try {
          events = creditAccountDecider.decide(command, { ...accountState() });
        } catch (error) {
          expect((error as DomainError).kind).toBe('invalid');
          return;
        }
        validateCreditAccountCommand(command);
        expect(events.length).toBeGreaterThan(0);
      }),
      { seed: 310, numRuns: 300 },
    );
  });
});

function accountState() {
  return account.reduce(creditAccountDecider.evolve, creditAccountDecider.initialState());
}

describe('credit change commands no reader could read', () => {
  const propose = (data: Record<string, unknown>): ProposeCreditChange => ({
    type: 'ProposeCreditChange',
    data: {
      changeId: 'chg-1',
      accountId: 'acc-1',
      reason: 'Two years of punctual payment',
      ...data,
    },
    metadata: { now: NOW, actor: actors.analyst },
  });
  const changes = DeciderSpecification.for(creditChangeDecider);
  it.each<[string, Record<string, unknown>, string, string]>([
    ['a null limit', { limit: null }, 'CREDIT.INVALID_TERMS', 'limit'],
    ['a limit that is a list', { limit: [] }, 'CREDIT.INVALID_TERMS', 'limit'],
    ['a limit in dollars', { limit: money(1, 'USD') }, 'CREDIT.CURRENCY_MISMATCH', 'limit.currency'],
    ['fractional payment terms', { paymentTermsDays: 30.5 }, 'CREDIT.INVALID_TERMS', 'paymentTermsDays'],
    [
      'a reason with a lone surrogate',
      { grade: 'B', reason: 'ok\uDC00' },
      'CREDIT.REASON_REQUIRED',
      'reason',
    ],
    ['an account id that is an object', { grade: 'B', accountId: {} }, INVALID_FIELD, 'accountId'],
  ])('a proposal with %s is refused', (_what, data, code, field) => {
    changes.given([]).when(propose(data)).thenThrows(code, refusedOn(field));
  });
  it('keeps refusing an empty change as no change', () => {
    changes.given([]).when(propose({})).thenThrows('CREDIT.NO_CHANGE');
  });
  it('an approval without a reason is refused, naming it', () => {
    changes
      .given([])
      .when({
        type: 'ApproveCreditChange',
        data: { changeId: 'chg-1' } as never,
        metadata: { now: NOW, actor: actors.approver },
      })
      .thenThrows('CREDIT.REASON_REQUIRED', refusedOn('reason'));
  });
  it('a review still records a valid amount', () => {
    spec
      .given(account)
      .when(review('o-1', yuan(500)))
      .thenMatches((events) => expect(events.length).toBeGreaterThan(0));
  });
});
