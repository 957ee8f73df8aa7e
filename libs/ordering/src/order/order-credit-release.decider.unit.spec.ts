import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { orderDecider } from './order.decider';
import {
  configured,
  contractApproved,
  credit,
  event,
  ORDER_ID,
  orderOf,
  placed,
  releasedOrder,
  reviewed,
  system,
  TOTAL,
} from './order.fixtures';
import { orderStatus } from './order.queries';

const spec = DeciderSpecification.for(orderDecider);

describe('credit outcomes (信用审核)', () => {
  const priced = [placed, contractApproved, configured('L1'), configured('L2')];
  const decide = (
    outcome: 'APPROVED' | 'HELD' | 'AWAITING_SECOND_SIGNATURE' | 'RELEASED' | 'REJECTED',
    amount = TOTAL,
  ) => system('RecordCreditDecision', { orderId: ORDER_ID, outcome, amount, snapshot: { grade: 'A' } });

  it('records an approval with the snapshot it was made on', () => {
    spec
      .given(priced)
      .when(decide('APPROVED'))
      .then([credit('OrderCreditApproved')]);
  });

  it('shows a held order as on credit hold', () => {
    spec
      .given(priced)
      .when(decide('HELD'))
      .thenMatches((_e, state) => expect(orderStatus(state)).toBe('CREDIT_HOLD'));
  });

  it('keeps an order awaiting the director’s second signature on credit hold', () => {
    spec
      .given([...priced, credit('OrderCreditHeld')])
      .when(decide('AWAITING_SECOND_SIGNATURE'))
      .thenMatches((events, state) => {
        expect(events[0]?.type).toBe('OrderCreditAwaitingSecondSignature');
        expect(orderStatus(state)).toBe('CREDIT_HOLD');
      });
  });

  it('records an analyst’s release of a hold', () => {
    spec
      .given([...priced, credit('OrderCreditHeld')])
      .when(decide('RELEASED'))
      .thenMatches((events, state) => {
        expect(events).toEqual([credit('OrderCreditReleased')]);
        expect(orderStatus(state)).toBe('UNDER_REVIEW');
      });
  });

  it('rejects the order when credit is refused', () => {
    spec
      .given([...priced, credit('OrderCreditHeld')])
      .when({ ...decide('REJECTED'), data: { ...decide('REJECTED').data, reason: '逾期应收款' } })
      .thenMatches((_e, state) => {
        expect(orderStatus(state)).toBe('REJECTED');
        expect(orderOf(state).rejection).toEqual({ stage: 'CREDIT', reason: '逾期应收款' });
      });
  });

  it('ignores a decision made on another amount (the order was amended since)', () => {
    spec
      .given(priced)
      .when(decide('APPROVED', money(1)))
      .thenNothing();
  });

  it('ignores a decision before every line is priced', () => {
    spec
      .given([placed, configured('L1')])
      .when(decide('APPROVED'))
      .thenNothing();
  });

  it('ignores a repeated or out-of-date decision', () => {
    spec
      .given([...priced, credit('OrderCreditHeld')])
      .when(decide('HELD'))
      .thenNothing();
    spec
      .given([...priced, credit('OrderCreditReleased')])
      .when(decide('HELD'))
      .thenNothing();
  });
});

describe('releasing the order with its supply commitment (供货承诺)', () => {
  const release = system('ReleaseOrder', { orderId: ORDER_ID }, '2026-11-27T10:00:00Z');

  it('promises each line the later of its requested date and the lead time in business days', () => {
    spec
      .given(reviewed)
      .when(release)
      .thenMatches(([released], state) => {
        expect(released).toEqual(
          event('OrderReleased', {
            orderId: ORDER_ID,
            total: TOTAL,
            // Friday + 5 business days is the next Friday; the servers were asked for later.
            supplyCommitment: [
              { lineId: 'L1', leadTimeDays: 5, requestedDate: '2026-12-01', promisedDate: '2026-12-04' },
              { lineId: 'L2', leadTimeDays: 5, requestedDate: '2026-12-20', promisedDate: '2026-12-20' },
            ],
            releasedAt: '2026-11-27T10:00:00Z',
          }),
        );
        expect(orderStatus(state)).toBe('RELEASED');
        expect(orderOf(state).lines.map((l) => l.promisedDate)).toEqual(['2026-12-04', '2026-12-20']);
      });
  });

  it('skips the weekend: one business day after a Friday is the Monday', () => {
    const urgent = event('OrderPlaced', {
      ...placed.data,
      lines: placed.data.lines.map((l) => ({ ...l, requestedDate: '2026-11-27' })),
    });
    const quick = [urgent, contractApproved, configured('L1', 1, 10, 1), configured('L2', 1, 2, 0)];
    spec
      .given([...quick, credit('OrderCreditApproved')])
      .when(release)
      .thenMatches(([released]) => {
        if (released?.type !== 'OrderReleased') throw new Error('not released');
        expect(released.data.supplyCommitment.map((c) => c.promisedDate)).toEqual([
          '2026-11-30',
          '2026-11-27',
        ]);
      });
  });

  it('waits for the contract approval', () => {
    spec
      .given([placed, configured('L1'), configured('L2'), credit('OrderCreditApproved')])
      .when(release)
      .thenThrows('ORDER.NOT_READY_FOR_RELEASE', (e) => expect(e.details?.contractReview).toBe('PENDING'));
  });

  it('waits for every line to be configured', () => {
    spec
      .given([placed, contractApproved, configured('L1'), credit('OrderCreditApproved', money(5_000_000))])
      .when(release)
      .thenThrows('ORDER.NOT_READY_FOR_RELEASE', (e) =>
        expect(e.details?.unconfiguredLineIds).toEqual(['L2']),
      );
  });

  it('waits while credit is held', () => {
    spec
      .given([placed, contractApproved, configured('L1'), configured('L2'), credit('OrderCreditHeld')])
      .when(release)
      .thenThrows('ORDER.NOT_READY_FOR_RELEASE');
  });

  it('releases after a held order was released by an analyst', () => {
    spec
      .given([
        placed,
        contractApproved,
        configured('L1'),
        configured('L2'),
        credit('OrderCreditHeld'),
        credit('OrderCreditReleased'),
      ])
      .when(release)
      .thenMatches((events) => expect(events[0]?.type).toBe('OrderReleased'));
  });

  it('releases once', () => {
    spec.given(releasedOrder).when(release).thenNothing();
  });
});
