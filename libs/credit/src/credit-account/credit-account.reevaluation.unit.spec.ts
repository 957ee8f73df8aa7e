import { DeciderSpecification } from '@kamflow/eventsourcing';
import {
  accountAfter,
  actors,
  cmd,
  history,
  invoice,
  NOW,
  open,
  pay,
  release,
  review,
  terms,
  types,
  yuan,
} from '../testing/credit-fixtures';
import { creditAccountDecider } from './credit-account.decider';
import { type CreditAccountEvent } from './credit-account.events';
import { creditSnapshot, exposure } from './credit-account.policy';

const spec = DeciderSpecification.for(creditAccountDecider);
const reevaluate = (now = NOW) => cmd('ReevaluateHeldOrders', {}, actors.system, now);
const approvedOrders = (events: CreditAccountEvent[]) =>
  events.filter((e) => e.type === 'OrderCreditApproved').map((e) => e.data.orderId);

describe('a payment on a grade A account with a held order', () => {
  const given = history(
    open('A', yuan(10_000)),
    review('o-1', yuan(8_000)),
    invoice('inv-1', 'o-1', yuan(8_000), '2026-04-09'),
    review('o-2', yuan(5_000)),
  );

  it('approves the held order automatically once it fits', () => {
    spec
      .given(given)
      .when(pay('inv-1', yuan(3_000)))
      .thenMatches((events, state) => {
        expect(types(events)).toEqual(['ReceivablePaymentApplied', 'OrderCreditApproved']);
        expect(events[1].data).toMatchObject({
          orderId: 'o-2',
          amount: yuan(5_000),
          automatic: true,
          reevaluated: true,
          snapshot: { receivable: yuan(5_000), exposureAfter: yuan(10_000) },
        });
        expect(state.status === 'open' && state.reviews['o-2']?.status).toBe('APPROVED');
      });
  });

  it('keeps the order held while the payment is not enough', () => {
    spec
      .given(given)
      .when(pay('inv-1', yuan(2_999)))
      .thenMatches((events) => expect(types(events)).toEqual(['ReceivablePaymentApplied']));
  });
});

describe('a payment that settles the overdue receivable of a grade B account', () => {
  it('approves the order held for it', () => {
    const given = history(
      open('B', yuan(10_000)),
      review('o-1', yuan(1_000)),
      invoice('inv-1', 'o-1', yuan(1_000), '2026-03-01'),
      review('o-2', yuan(1_000)),
    );
    expect(accountAfter(given).reviews['o-2']?.reasons).toEqual(['RECEIVABLE_OVERDUE']);
    spec
      .given(given)
      .when(pay('inv-1', yuan(1_000)))
      .thenMatches((events) => expect(approvedOrders(events)).toEqual(['o-2']));
  });
});

describe('a limit increase with two held orders', () => {
  const given = history(
    open('A', yuan(10_000)),
    review('o-1', yuan(10_000)),
    review('o-2', yuan(3_000)),
    review('o-3', yuan(3_000)),
  );

  it('approves only what the new headroom covers, earliest hold first', () => {
    spec
      .given(given)
      .when(terms('chg-1', { limit: yuan(14_000) }))
      .thenMatches((events, state) => {
        expect(types(events)).toEqual(['CreditTermsChanged', 'OrderCreditApproved']);
        expect(approvedOrders(events)).toEqual(['o-2']);
        expect(state.status === 'open' && state.reviews['o-3']?.status).toBe('HELD');
        expect(exposure(accountAfter([...given, ...events]))).toEqual(yuan(13_000));
      });
  });

  it('approves both when the headroom covers both, each snapshot counting the one before', () => {
    spec
      .given(given)
      .when(terms('chg-1', { limit: yuan(16_000) }))
      .thenMatches((events) => {
        expect(approvedOrders(events)).toEqual(['o-2', 'o-3']);
        expect(events[2].data).toMatchObject({
          snapshot: { exposure: yuan(13_000), exposureAfter: yuan(16_000) },
        });
      });
  });

  it('lets a later, smaller order through when an earlier one still does not fit', () => {
    const mixed = history(
      open('A', yuan(10_000)),
      review('o-1', yuan(10_000)),
      review('o-2', yuan(5_000)),
      review('o-3', yuan(2_000)),
    );
    spec
      .given(mixed)
      .when(terms('chg-1', { limit: yuan(13_000) }))
      .thenMatches((events) => expect(approvedOrders(events)).toEqual(['o-3']));
  });
});

describe('applying credit terms', () => {
  const given = history(open('C', yuan(10_000), 30), review('o-1', yuan(2_000)));

  it('records before and after, and re-evaluates on the new grade', () => {
    spec
      .given(given)
      .when(terms('chg-1', { grade: 'A' }))
      .thenMatches((events, state) => {
        expect(events[0]).toEqual({
          type: 'CreditTermsChanged',
          data: {
            accountId: 'acc-1',
            changeId: 'chg-1',
            before: { grade: 'C', limit: yuan(10_000), paymentTermsDays: 30 },
            after: { grade: 'A', limit: yuan(10_000), paymentTermsDays: 30 },
          },
        });
        expect(approvedOrders(events)).toEqual(['o-1']);
        expect(state.status === 'open' && state.grade).toBe('A');
      });
  });

  it('takes effect once per change', () => {
    spec
      .given(history(open('C', yuan(10_000)), terms('chg-1', { paymentTermsDays: 60 })))
      .when(terms('chg-1', { paymentTermsDays: 60 }))
      .thenNothing();
  });

  it('needs at least one change, valid terms and the system as caller', () => {
    spec.given(given).when(terms('chg-1', {})).thenThrows('CREDIT.NO_CHANGE');
    spec
      .given(given)
      .when(terms('chg-1', { paymentTermsDays: -1 }))
      .thenThrows('CREDIT.INVALID_TERMS');
    spec
      .given(given)
      .when(cmd('ApplyCreditTerms', { changeId: 'chg-1', grade: 'A' }, actors.approver))
      .thenThrows('CREDIT.FORBIDDEN');
  });

  it('also approves a release waiting for its second signature once the order fits the policy', () => {
    const awaiting = history(
      open('C', yuan(10_000)),
      review('o-1', yuan(13_000)),
      release('o-1', actors.analyst),
    );
    spec
      .given(awaiting)
      .when(terms('chg-1', { grade: 'A', limit: yuan(15_000) }))
      .thenMatches((events, state) => {
        expect(approvedOrders(events)).toEqual(['o-1']);
        expect(state.status === 'open' && state.reviews['o-1']).toEqual(
          expect.objectContaining({ status: 'APPROVED' }),
        );
        expect(state.status === 'open' && state.reviews['o-1']).not.toHaveProperty('firstSignature');
      });
  });

  it('does not approve while a receivable is more than 30 days overdue', () => {
    const overdue = history(
      open('A', yuan(10_000)),
      review('o-1', yuan(1_000)),
      invoice('inv-1', 'o-1', yuan(1_000), '2026-02-07'),
      review('o-2', yuan(500)),
    );
    spec
      .given(overdue)
      .when(terms('chg-1', { limit: yuan(50_000) }))
      .thenMatches((events) => expect(approvedOrders(events)).toEqual([]));
  });
});

describe('the daily re-evaluation', () => {
  it('approves a held order that fits the policy now', () => {
    const [opened] = history(open('A', yuan(10_000)));
    const stale: CreditAccountEvent = {
      type: 'OrderCreditHeld',
      data: {
        accountId: 'acc-1',
        orderId: 'o-1',
        amount: yuan(1_000),
        reasons: ['OVER_LIMIT'],
        snapshot: creditSnapshot(accountAfter([opened]), yuan(1_000), '2026-01-05T09:00:00Z'),
        heldAt: '2026-01-05T09:00:00Z',
      },
    };
    spec
      .given([opened, stale])
      .when(reevaluate())
      .thenMatches((events) => {
        expect(approvedOrders(events)).toEqual(['o-1']);
        expect(events[0].data).toMatchObject({ reevaluated: true, snapshot: { asOf: NOW } });
      });
  });

  it('changes nothing while held orders still do not fit', () => {
    spec
      .given(history(open('A', yuan(10_000)), review('o-1', yuan(12_000))))
      .when(reevaluate('2026-03-11T02:00:00Z'))
      .thenNothing();
  });

  it('is run by the system timer only', () => {
    spec
      .given(history(open('A', yuan(10_000))))
      .when(cmd('ReevaluateHeldOrders', {}, actors.analyst))
      .thenThrows('CREDIT.FORBIDDEN');
  });
});
