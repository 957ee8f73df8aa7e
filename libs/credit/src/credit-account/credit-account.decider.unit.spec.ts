import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import {
  accountAfter,
  actors,
  cmd,
  history,
  invoice,
  open,
  release,
  review,
  types,
  yuan,
} from '../testing/credit-fixtures';
import { creditAccountDecider } from './credit-account.decider';
import { exposure } from './credit-account.policy';
import { creditAccountStreamId } from './credit-account.state';

const spec = DeciderSpecification.for(creditAccountDecider);
const withdraw = (orderId: string) =>
  cmd('WithdrawOrderCredit', { orderId, reason: 'Order cancelled by customer' });

describe('opening a credit account', () => {
  it('records grade, limit and payment terms', () => {
    spec
      .given([])
      .when(open('B', yuan(50_000), 60))
      .then([
        {
          type: 'CreditAccountOpened',
          data: { accountId: 'acc-1', grade: 'B', limit: yuan(50_000), paymentTermsDays: 60 },
        },
      ]);
  });

  it('refuses to open the same account twice', () => {
    spec
      .given(history(open('A', yuan(1_000))))
      .when(open('A', yuan(1_000)))
      .thenThrows('CREDIT.ACCOUNT_EXISTS');
  });

  it('is for an admin only', () => {
    spec
      .given([])
      .when(cmd('OpenCreditAccount', { grade: 'A', limit: yuan(1_000), paymentTermsDays: 30 }, actors.desk))
      .thenThrows('CREDIT.FORBIDDEN');
  });

  it('refuses a negative limit, an unknown grade or terms beyond a year', () => {
    spec
      .given([])
      .when(open('A', money(-1)))
      .thenThrows('CREDIT.INVALID_TERMS');
    spec
      .given([])
      .when(open('D' as 'A', yuan(1_000)))
      .thenThrows('CREDIT.INVALID_TERMS');
    spec
      .given([])
      .when(open('A', yuan(1_000), 400))
      .thenThrows('CREDIT.INVALID_TERMS');
  });

  it('names its stream after the account', () => {
    expect(creditAccountStreamId('acc-1')).toBe('creditAccount-acc-1');
  });
});

describe('reviewing an order', () => {
  it('needs an open credit account', () => {
    spec
      .given([])
      .when(review('o-1', yuan(100)))
      .thenThrows('CREDIT.ACCOUNT_NOT_FOUND');
  });

  it('is done by the system, not by a person', () => {
    const account = history(open('A', yuan(1_000)));
    spec
      .given(account)
      .when(cmd('ReviewOrderCredit', { orderId: 'o-1', amount: yuan(100) }, actors.analyst))
      .thenThrows('CREDIT.FORBIDDEN');
  });

  it('refuses a zero amount and an amount in another currency', () => {
    const account = history(open('A', yuan(1_000)));
    spec
      .given(account)
      .when(review('o-1', money(0)))
      .thenThrows('CREDIT.INVALID_AMOUNT');
    spec
      .given(account)
      .when(review('o-1', money(100, 'USD')))
      .thenThrows('CREDIT.CURRENCY_MISMATCH');
  });

  it('changes nothing when the same order is reviewed again for the same total', () => {
    spec
      .given(history(open('A', yuan(1_000)), review('o-1', yuan(500))))
      .when(review('o-1', yuan(500)))
      .thenNothing();
    spec
      .given(history(open('C', yuan(1_000)), review('o-1', yuan(500))))
      .when(review('o-1', yuan(500)))
      .thenNothing();
  });
});

describe('re-reviewing an amended order', () => {
  const account = history(open('A', yuan(10_000)), review('o-1', yuan(6_000)));

  it('frees the old reservation and reserves the new total, counting the order once', () => {
    spec
      .given(account)
      .when(review('o-1', yuan(9_000)))
      .thenMatches((events, state) => {
        expect(types(events)).toEqual(['OrderCreditReservationReleased', 'OrderCreditApproved']);
        expect(events[0].data).toEqual({
          accountId: 'acc-1',
          orderId: 'o-1',
          releasedAmount: yuan(6_000),
          cause: 'RE_REVIEW',
        });
        expect(events[1].data).toMatchObject({
          snapshot: { exposure: yuan(0), exposureAfter: yuan(9_000) },
        });
        expect(exposure(accountAfter([...account, ...events]))).toEqual(yuan(9_000));
        expect(state.status === 'open' && state.reviews['o-1']?.status).toBe('APPROVED');
      });
  });

  it('holds the order without any reservation when the new total no longer fits', () => {
    spec
      .given(account)
      .when(review('o-1', yuan(10_001)))
      .thenMatches((events) => {
        expect(types(events)).toEqual(['OrderCreditReservationReleased', 'OrderCreditHeld']);
        expect(exposure(accountAfter([...account, ...events]))).toEqual(yuan(0));
      });
  });

  it('gives a held order a fresh decision on the new total', () => {
    const held = history(open('A', yuan(10_000)), review('o-1', yuan(12_000)));
    spec
      .given(held)
      .when(review('o-1', yuan(8_000)))
      .thenMatches((events) => expect(types(events)).toEqual(['OrderCreditApproved']));
  });

  it('does not reserve again what has already been invoiced of the order', () => {
    const invoiced = history(
      open('A', yuan(10_000)),
      review('o-1', yuan(6_000)),
      invoice('inv-1', 'o-1', yuan(2_000), '2026-04-09'),
    );
    spec
      .given(invoiced)
      .when(review('o-1', yuan(7_000)))
      .thenMatches((events) => {
        expect(events[1].data).toMatchObject({
          snapshot: { receivable: yuan(2_000), orderAmount: yuan(5_000), exposureAfter: yuan(7_000) },
        });
        expect(exposure(accountAfter([...invoiced, ...events]))).toEqual(yuan(7_000));
      });
  });

  it('gives the headroom a smaller total frees to a held order', () => {
    const given = history(open('A', yuan(10_000)), review('o-1', yuan(8_000)), review('o-2', yuan(4_000)));
    spec
      .given(given)
      .when(review('o-1', yuan(5_000)))
      .thenMatches((events) => {
        expect(types(events)).toEqual([
          'OrderCreditReservationReleased',
          'OrderCreditApproved',
          'OrderCreditApproved',
        ]);
        expect(events[2].data).toMatchObject({ orderId: 'o-2', reevaluated: true });
      });
  });
});

describe('withdrawing an order (cancelled or rejected)', () => {
  const account = history(open('A', yuan(10_000)), review('o-1', yuan(6_000)));

  it('releases its reservation', () => {
    spec
      .given(account)
      .when(withdraw('o-1'))
      .thenMatches((events, state) => {
        expect(events).toEqual([
          {
            type: 'OrderCreditWithdrawn',
            data: {
              accountId: 'acc-1',
              orderId: 'o-1',
              releasedAmount: yuan(6_000),
              reason: 'Order cancelled by customer',
            },
          },
        ]);
        expect(exposure(accountAfter([...account, ...events]))).toEqual(yuan(0));
        expect(state.status === 'open' && state.reviews['o-1']?.status).toBe('WITHDRAWN');
      });
  });

  it('does nothing the second time, or for an order credit never saw', () => {
    spec
      .given(history(open('A', yuan(10_000)), review('o-1', yuan(6_000)), withdraw('o-1')))
      .when(withdraw('o-1'))
      .thenNothing();
    spec.given(account).when(withdraw('o-unknown')).thenNothing();
  });

  it("takes a held order out of the analysts' queue", () => {
    const held = history(open('C', yuan(10_000)), review('o-1', yuan(6_000)));
    spec
      .given(held)
      .when(withdraw('o-1'))
      .thenMatches((events, state) => {
        expect(events[0].data).toMatchObject({ releasedAmount: yuan(0) });
        expect(state.status === 'open' && state.reviews['o-1']?.status).toBe('WITHDRAWN');
      });
    spec
      .given(history(open('C', yuan(10_000)), review('o-1', yuan(6_000)), withdraw('o-1')))
      .when(release('o-1', actors.analyst))
      .thenThrows('CREDIT.REVIEW_NOT_HELD');
  });

  it('hands the freed headroom to a held order', () => {
    spec
      .given(history(open('A', yuan(10_000)), review('o-1', yuan(6_000)), review('o-2', yuan(6_000))))
      .when(withdraw('o-1'))
      .thenMatches((events) =>
        expect(types(events)).toEqual(['OrderCreditWithdrawn', 'OrderCreditApproved']),
      );
  });

  it('is done by the system (the compensation of a cancellation)', () => {
    spec
      .given(account)
      .when(cmd('WithdrawOrderCredit', { orderId: 'o-1', reason: 'x' }, actors.desk))
      .thenThrows('CREDIT.FORBIDDEN');
  });
});
