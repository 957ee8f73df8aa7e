import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { accountAfter, history, invoice, NOW, open, pay, review, yuan } from '../testing/credit-fixtures';
import { creditAccountDecider } from './credit-account.decider';
import { type CreditAccountEvent, type CreditHoldReason, type CreditSnapshot } from './credit-account.events';
import { CREDIT_POLICY_VERSION, evaluatePolicy, exposure } from './credit-account.policy';

const spec = DeciderSpecification.for(creditAccountDecider);

function decisionOf(events: CreditAccountEvent[]): {
  type: string;
  reasons?: CreditHoldReason[];
  snapshot: CreditSnapshot;
} {
  const decision = events.at(-1)!;
  if (decision.type !== 'OrderCreditApproved' && decision.type !== 'OrderCreditHeld')
    throw new Error(decision.type);
  return {
    type: decision.type,
    reasons: 'reasons' in decision.data ? decision.data.reasons : undefined,
    snapshot: decision.data.snapshot,
  };
}

function expectApproved(events: CreditAccountEvent[]): void {
  expect(decisionOf(events).type).toBe('OrderCreditApproved');
}

function expectHeld(events: CreditAccountEvent[], reasons: CreditHoldReason[]): void {
  const decision = decisionOf(events);
  expect(decision.type).toBe('OrderCreditHeld');
  expect(decision.reasons).toEqual(reasons);
}

// 2026-03-10 is NOW: due 2026-02-07 is 31 days overdue, 2026-02-08 is 30, 2026-03-09 is 1, 2026-03-10 is not overdue.
const withInvoiceDue = (grade: 'A' | 'B', dueDate: string) =>
  history(
    open(grade, yuan(10_000)),
    review('o-1', yuan(1_000)),
    invoice('inv-1', 'o-1', yuan(1_000), dueDate),
  );

describe('a grade A account', () => {
  const account = history(open('A', yuan(10_000)), review('o-1', yuan(6_000)));

  it('approves an order that takes exposure to exactly 100 % of the limit and reserves it', () => {
    spec
      .given(account)
      .when(review('o-2', yuan(4_000)))
      .thenMatches((events, state) => {
        expect(events).toEqual([
          {
            type: 'OrderCreditApproved',
            data: expect.objectContaining({
              accountId: 'acc-1',
              orderId: 'o-2',
              amount: yuan(4_000),
              automatic: true,
            }),
          },
        ]);
        expect(decisionOf(events).snapshot.utilisationBp).toBe(10_000);
        expect(state.status === 'open' && state.reservations['o-2']).toEqual(yuan(4_000));
      });
  });

  it('holds an order 1 fen over the limit', () => {
    spec
      .given(account)
      .when(review('o-2', money(400_001)))
      .thenMatches((events) => expectHeld(events, ['OVER_LIMIT']));
  });

  it('holds the second of two orders that would share the same headroom', () => {
    const events = history(open('A', yuan(10_000)), review('o-1', yuan(6_000)), review('o-2', yuan(6_000)));
    expect(events.map((e) => e.type)).toEqual([
      'CreditAccountOpened',
      'OrderCreditApproved',
      'OrderCreditHeld',
    ]);
    expect(exposure(accountAfter(events))).toEqual(yuan(6_000));
  });

  it('holds any order while a receivable is more than 30 days overdue', () => {
    spec
      .given(withInvoiceDue('A', '2026-02-07'))
      .when(review('o-2', yuan(100)))
      .thenMatches((events) => {
        expectHeld(events, ['RECEIVABLE_OVERDUE_30']);
        expect(decisionOf(events).snapshot.oldestOverdueDays).toBe(31);
      });
  });

  it('still approves with a receivable exactly 30 days overdue', () => {
    spec
      .given(withInvoiceDue('A', '2026-02-08'))
      .when(review('o-2', yuan(100)))
      .thenMatches(expectApproved);
  });

  it('ignores an overdue invoice once it is paid in full', () => {
    const paidUp = history(
      open('A', yuan(10_000)),
      review('o-1', yuan(1_000)),
      invoice('inv-1', 'o-1', yuan(1_000), '2026-02-07'),
      pay('inv-1', yuan(1_000)),
    );
    spec
      .given(paidUp)
      .when(review('o-2', yuan(100)))
      .thenMatches(expectApproved);
  });

  it('holds every order when the limit is zero, with no utilisation figure', () => {
    spec
      .given(history(open('A', yuan(0))))
      .when(review('o-1', money(1)))
      .thenMatches((events) => {
        expectHeld(events, ['OVER_LIMIT']);
        expect(decisionOf(events).snapshot.utilisationBp).toBeNull();
      });
  });
});

describe('a grade B account', () => {
  const account = history(open('B', yuan(10_000)), review('o-1', yuan(5_000)));

  it('approves an order that takes exposure to exactly 80 % of the limit', () => {
    spec
      .given(account)
      .when(review('o-2', yuan(3_000)))
      .thenMatches(expectApproved);
  });

  it('holds an order 1 fen over 80 % of the limit', () => {
    spec
      .given(account)
      .when(review('o-2', money(300_001)))
      .thenMatches((events) => expectHeld(events, ['OVER_80_PERCENT']));
  });

  it('lists both thresholds when the order also passes the limit', () => {
    spec
      .given(account)
      .when(review('o-2', yuan(6_000)))
      .thenMatches((events) => expectHeld(events, ['OVER_80_PERCENT', 'OVER_LIMIT']));
  });

  it('holds the order when any receivable is overdue, even by a day', () => {
    spec
      .given(withInvoiceDue('B', '2026-03-09'))
      .when(review('o-2', yuan(100)))
      .thenMatches((events) => expectHeld(events, ['RECEIVABLE_OVERDUE']));
  });

  it('approves when the receivable falls due today (not yet overdue)', () => {
    spec
      .given(withInvoiceDue('B', '2026-03-10'))
      .when(review('o-2', yuan(100)))
      .thenMatches(expectApproved);
  });

  it('names the 30-day rule when a receivable is more than 30 days overdue', () => {
    spec
      .given(withInvoiceDue('B', '2026-02-07'))
      .when(review('o-2', yuan(100)))
      .thenMatches((events) => expectHeld(events, ['RECEIVABLE_OVERDUE_30']));
  });
});

describe('a grade C account', () => {
  it('holds even the smallest order for an analyst', () => {
    spec
      .given(history(open('C', yuan(10_000))))
      .when(review('o-1', money(1)))
      .thenMatches((events) => expectHeld(events, ['GRADE_C']));
  });

  it('also tells the analyst when the order is over the limit', () => {
    spec
      .given(history(open('C', yuan(10_000))))
      .when(review('o-1', yuan(12_000)))
      .thenMatches((events) => expectHeld(events, ['GRADE_C', 'OVER_LIMIT']));
  });
});

describe('the snapshot of a decision', () => {
  it('carries the numbers the decision was made on', () => {
    const given = history(
      open('A', yuan(10_000), 45),
      review('o-1', yuan(2_000)),
      invoice('inv-1', 'o-1', yuan(1_500), '2026-03-01'),
      pay('inv-1', yuan(500)),
    );
    spec
      .given(given)
      .when(review('o-2', yuan(3_000)))
      .thenMatches((events) => {
        expect(decisionOf(events).snapshot).toEqual({
          grade: 'A',
          limit: yuan(10_000),
          paymentTermsDays: 45,
          reserved: yuan(500),
          receivable: yuan(1_000),
          exposure: yuan(1_500),
          orderAmount: yuan(3_000),
          exposureAfter: yuan(4_500),
          utilisationBp: 4_500,
          oldestOverdueDays: 9,
          policyVersion: CREDIT_POLICY_VERSION,
          asOf: NOW,
        });
      });
  });

  it('is what the pure evaluatePolicy helper computes', () => {
    const state = accountAfter(history(open('B', yuan(10_000)), review('o-1', yuan(7_000))));
    expect(exposure(state)).toEqual(yuan(7_000));
    const evaluation = evaluatePolicy(state, yuan(1_000), NOW);
    expect(evaluation).toEqual({
      approve: true,
      reasons: [],
      snapshot: expect.objectContaining({ exposureAfter: yuan(8_000), utilisationBp: 8_000 }),
    });
    expect(CREDIT_POLICY_VERSION).toBe('2026-1');
  });
});
