import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import {
  accountAfter,
  actors,
  cmd,
  history,
  open,
  release,
  review,
  types,
  yuan,
} from '../testing/credit-fixtures';
import { creditAccountDecider } from './credit-account.decider';
import { exposure } from './credit-account.policy';

const spec = DeciderSpecification.for(creditAccountDecider);
const reject = (orderId: string, by = actors.analyst, reason = 'Customer in dispute with us') =>
  cmd('RejectCreditHold', { orderId, reason }, by);

/** A grade C account (limit 10 000 yuan) with order o-1 held. */
const heldFor = (amount: ReturnType<typeof yuan>) => history(open('C', yuan(10_000)), review('o-1', amount));

describe('releasing a hold within 120 % of the limit', () => {
  it('takes one analyst with a reason and reserves the amount', () => {
    const given = heldFor(yuan(12_000));
    spec
      .given(given)
      .when(release('o-1', actors.analyst))
      .thenMatches((events, state) => {
        expect(events).toEqual([
          {
            type: 'OrderCreditReleased',
            data: expect.objectContaining({
              accountId: 'acc-1',
              orderId: 'o-1',
              amount: yuan(12_000),
              reason: 'Customer confirmed prepayment',
              releasedBy: 'user:analyst',
            }),
          },
        ]);
        expect(events[0].data).toMatchObject({
          snapshot: { exposureAfter: yuan(12_000), utilisationBp: 12_000 },
        });
        expect(events[0].data).not.toHaveProperty('secondSignatureBy');
        expect(state.status === 'open' && state.reviews['o-1']?.status).toBe('RELEASED');
        expect(exposure(accountAfter([...given, ...events]))).toEqual(yuan(12_000));
      });
  });

  it('may also be done by a credit-approver alone', () => {
    spec
      .given(heldFor(yuan(5_000)))
      .when(release('o-1', actors.approver))
      .thenMatches((events) => expect(types(events)).toEqual(['OrderCreditReleased']));
  });
});

describe('releasing a hold above 120 % of the limit', () => {
  const overBy1Fen = heldFor(money(1_200_001));
  const awaiting = history(
    open('C', yuan(10_000)),
    review('o-1', money(1_200_001)),
    release('o-1', actors.analyst),
  );

  it('records the analyst as first signature and waits for a second', () => {
    spec
      .given(overBy1Fen)
      .when(release('o-1', actors.analyst))
      .thenMatches((events, state) => {
        expect(types(events)).toEqual(['CreditReleaseAwaitingSecondSignature']);
        expect(events[0].data).toMatchObject({
          orderId: 'o-1',
          firstSignature: {
            actor: 'user:analyst',
            reason: 'Customer confirmed prepayment',
            signedAs: 'credit-analyst',
          },
          snapshot: { exposureAfter: money(1_200_001) },
        });
        expect(state.status === 'open' && state.reviews['o-1']?.status).toBe('AWAITING_SECOND_SIGNATURE');
        expect(exposure(accountAfter([...overBy1Fen, ...events]))).toEqual(yuan(0));
      });
  });

  it('refuses the same person signing twice', () => {
    spec.given(awaiting).when(release('o-1', actors.analyst)).thenThrows('CREDIT.SAME_SIGNATORY');
  });

  it("refuses a second analyst: one signature must be a credit-approver's", () => {
    spec
      .given(awaiting)
      .when(release('o-1', actors.otherAnalyst))
      .thenThrows('CREDIT.APPROVER_SIGNATURE_REQUIRED');
  });

  it("releases with the approver's second signature and reserves the amount", () => {
    spec
      .given(awaiting)
      .when(release('o-1', actors.approver, 'Strategic project, director accepts the risk'))
      .thenMatches((events, state) => {
        expect(types(events)).toEqual(['OrderCreditReleased']);
        expect(events[0].data).toMatchObject({
          amount: money(1_200_001),
          reason: 'Customer confirmed prepayment',
          releasedBy: 'user:analyst',
          secondSignatureBy: 'user:director',
          secondSignatureReason: 'Strategic project, director accepts the risk',
        });
        expect(state.status === 'open' && state.reservations['o-1']).toEqual(money(1_200_001));
      });
  });

  it("does not let an approver sign alone: the approver's signature waits for a second person", () => {
    spec
      .given(overBy1Fen)
      .when(release('o-1', actors.approver))
      .thenMatches((events) => {
        expect(types(events)).toEqual(['CreditReleaseAwaitingSecondSignature']);
        expect(events[0].data).toMatchObject({
          firstSignature: { actor: 'user:director', signedAs: 'credit-approver' },
        });
      });
    const signedByApprover = history(
      open('C', yuan(10_000)),
      review('o-1', money(1_200_001)),
      release('o-1', actors.approver),
    );
    spec.given(signedByApprover).when(release('o-1', actors.approver)).thenThrows('CREDIT.SAME_SIGNATORY');
    spec
      .given(signedByApprover)
      .when(release('o-1', actors.analyst))
      .thenMatches((events) => {
        expect(events[0].data).toMatchObject({
          releasedBy: 'user:director',
          secondSignatureBy: 'user:analyst',
        });
      });
  });

  it('lets the first signer finish alone once exposure has fallen back within 120 %', () => {
    const given = history(
      open('C', yuan(10_000)),
      review('o-0', yuan(5_000)),
      release('o-0', actors.analyst),
      review('o-1', yuan(8_000)),
      release('o-1', actors.analyst),
      cmd('WithdrawOrderCredit', { orderId: 'o-0', reason: 'Order cancelled' }),
    );
    expect(accountAfter(given).reviews['o-1']?.status).toBe('AWAITING_SECOND_SIGNATURE');
    spec
      .given(given)
      .when(release('o-1', actors.analyst, 'Within limits now'))
      .thenMatches((events) => {
        expect(events[0].data).toMatchObject({ releasedBy: 'user:analyst', reason: 'Within limits now' });
        expect(events[0].data).not.toHaveProperty('secondSignatureBy');
      });
  });
});

describe('rejecting a hold', () => {
  it('rejects the order with the reason, the person and the snapshot', () => {
    spec
      .given(heldFor(yuan(3_000)))
      .when(reject('o-1'))
      .thenMatches((events, state) => {
        expect(events).toEqual([
          {
            type: 'OrderCreditRejected',
            data: {
              accountId: 'acc-1',
              orderId: 'o-1',
              reason: 'Customer in dispute with us',
              rejectedBy: 'user:analyst',
              snapshot: expect.objectContaining({ grade: 'C', orderAmount: yuan(3_000) }),
            },
          },
        ]);
        expect(state.status === 'open' && state.reviews['o-1']?.status).toBe('REJECTED');
      });
  });

  it('may end a release that waits for its second signature', () => {
    const awaiting = history(
      open('C', yuan(10_000)),
      review('o-1', yuan(13_000)),
      release('o-1', actors.analyst),
    );
    spec
      .given(awaiting)
      .when(reject('o-1', actors.approver))
      .thenMatches((events) => expect(types(events)).toEqual(['OrderCreditRejected']));
  });
});

describe('the rules every hold decision follows', () => {
  it('needs a reason', () => {
    spec
      .given(heldFor(yuan(3_000)))
      .when(release('o-1', actors.analyst, '  '))
      .thenThrows('CREDIT.REASON_REQUIRED', (error) => {
        expect(error.kind).toBe('invalid');
      });
    spec
      .given(heldFor(yuan(3_000)))
      .when(reject('o-1', actors.analyst, ''))
      .thenThrows('CREDIT.REASON_REQUIRED');
  });

  it('is for credit analysts and approvers only', () => {
    spec
      .given(heldFor(yuan(3_000)))
      .when(release('o-1', actors.desk))
      .thenThrows('CREDIT.FORBIDDEN', (error) => expect(error.kind).toBe('forbidden'));
    spec
      .given(heldFor(yuan(3_000)))
      .when(release('o-1', actors.system))
      .thenThrows('CREDIT.FORBIDDEN');
    spec
      .given(heldFor(yuan(3_000)))
      .when(reject('o-1', actors.manager))
      .thenThrows('CREDIT.FORBIDDEN');
  });

  it('applies only to a held order', () => {
    const approved = history(open('A', yuan(10_000)), review('o-1', yuan(3_000)));
    spec
      .given(approved)
      .when(release('o-1', actors.analyst))
      .thenThrows('CREDIT.REVIEW_NOT_HELD', (error) => expect(error.kind).toBe('conflict'));
    spec.given(approved).when(reject('o-1')).thenThrows('CREDIT.REVIEW_NOT_HELD');
    spec.given(approved).when(release('o-unknown', actors.analyst)).thenThrows('CREDIT.REVIEW_NOT_FOUND');
    const rejected = history(open('C', yuan(10_000)), review('o-1', yuan(3_000)), reject('o-1'));
    spec.given(rejected).when(release('o-1', actors.analyst)).thenThrows('CREDIT.REVIEW_NOT_HELD');
  });
});
