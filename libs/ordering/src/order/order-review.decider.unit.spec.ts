import { type Actor, DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { orderDecider } from './order.decider';
import {
  actors,
  command,
  configured,
  contractApproved,
  event,
  lines,
  NOW,
  ORDER_ID,
  placed,
  system,
  UNIT_PRICE,
  cancelled,
  orderOf,
} from './order.fixtures';
import { orderStatus, orderTotal, readyForCreditReview } from './order.queries';

const spec = DeciderSpecification.for(orderDecider);
const review = (decision: 'APPROVE' | 'REJECT', reason?: string, actor: Actor = actors.reviewer) =>
  command('ReviewContract', { orderId: ORDER_ID, decision, ...(reason ? { reason } : {}) }, actor);

describe('contract review (合同审核)', () => {
  it('records the approving reviewer', () => {
    spec
      .given([placed])
      .when(review('APPROVE'))
      .then([
        {
          type: 'ContractApproved',
          data: { orderId: ORDER_ID, reviewer: actors.reviewer.id, reviewedAt: NOW },
        },
      ]);
  });

  it('rejects the order with the reviewer and the reason', () => {
    spec
      .given([placed])
      .when(review('REJECT', '付款条款不符'))
      .thenMatches((events, state) => {
        expect(events).toEqual([
          event('ContractRejected', {
            orderId: ORDER_ID,
            reviewer: actors.reviewer.id,
            reason: '付款条款不符',
            reviewedAt: NOW,
          }),
        ]);
        expect(orderStatus(state)).toBe('REJECTED');
      });
  });

  it('needs a reason to reject', () => {
    spec.given([placed]).when(review('REJECT', '  ')).thenThrows('ORDER.REASON_REQUIRED');
  });

  it('is for contract reviewers only', () => {
    spec
      .given([placed])
      .when(review('APPROVE', undefined, actors.desk))
      .thenThrows('ORDER.FORBIDDEN', (e) => expect(e.kind).toBe('forbidden'));
  });

  it('happens once', () => {
    spec
      .given([placed, contractApproved])
      .when(review('REJECT', 'late'))
      .thenThrows('ORDER.CONTRACT_ALREADY_REVIEWED');
  });

  it('is closed once the order is cancelled', () => {
    spec.given([placed, cancelled]).when(review('APPROVE')).thenThrows('ORDER.CLOSED');
  });

  it('needs a placed order', () => {
    spec.given([]).when(review('APPROVE')).thenThrows('ORDER.NOT_FOUND');
  });
});

describe('line configuration outcomes (特配)', () => {
  const record = (lineId: string, round: number, valid = true) =>
    system('RecordLineConfiguration', {
      orderId: ORDER_ID,
      lineId,
      configurationRound: round,
      valid,
      catalogVersion: 'cat-7',
      ...(valid
        ? { unitPrice: UNIT_PRICE.L1, leadTimeDays: 5 }
        : { violations: [{ code: 'EXCLUDES', message: '4h on-site not in 拉萨', optionIds: ['svc-4h'] }] }),
    });

  it('prices a valid line at unit price × quantity when no total is given', () => {
    spec
      .given([placed])
      .when(record('L1', 1))
      .then([configured('L1')]);
  });

  it('records the violations of an invalid line, which blocks the credit review', () => {
    spec
      .given([placed, configured('L2')])
      .when(record('L1', 1, false))
      .thenMatches((events, state) => {
        expect(events[0]?.type).toBe('OrderLineConfigurationRejected');
        expect(orderOf(state).lines[0]?.configuration).toMatchObject({
          status: 'INVALID',
          catalogVersion: 'cat-7',
        });
        expect(readyForCreditReview(state)).toBe(false);
        expect(orderStatus(state)).toBe('UNDER_REVIEW');
      });
  });

  it('ignores a verdict for a round the line was amended past', () => {
    const amended = event('OrderAmended', {
      orderId: ORDER_ID,
      amendmentNumber: 1,
      lines: [{ ...lines[0], quantity: 12, configurationRound: 2 }],
      removedLineIds: [],
      amendedBy: actors.desk.id,
      amendedAt: NOW,
    });
    spec.given([placed, amended]).when(record('L1', 1)).thenNothing();
    spec
      .given([placed, amended])
      .when(record('L1', 2))
      .thenMatches((events) => expect(events).toEqual([configured('L1', 2, 12)]));
  });

  it('ignores a repeated verdict', () => {
    spec
      .given([placed, configured('L1')])
      .when(record('L1', 1, false))
      .thenNothing();
  });

  it('refuses a valid verdict without price or lead time', () => {
    const incomplete = system('RecordLineConfiguration', {
      orderId: ORDER_ID,
      lineId: 'L1',
      configurationRound: 1,
      valid: true,
      catalogVersion: 'cat-7',
    });
    spec.given([placed]).when(incomplete).thenThrows('ORDER.INVALID_CONFIGURATION_OUTCOME');
  });

  it('is recorded by the process manager only', () => {
    spec
      .given([placed])
      .when(command('RecordLineConfiguration', { ...record('L1', 1).data }, actors.desk))
      .thenThrows('ORDER.FORBIDDEN');
  });

  it('makes the order ready for credit review once every line is priced', () => {
    spec
      .given([placed, configured('L1')])
      .when(record('L2', 1))
      .thenMatches((_events, state) => {
        expect(readyForCreditReview(state)).toBe(true);
        expect(orderTotal(state)).toEqual(money(5_000_000 + 1_000_000));
      });
    const before = orderDecider.evolve(
      orderDecider.evolve(orderDecider.initialState(), placed),
      configured('L1'),
    );
    expect(readyForCreditReview(before)).toBe(false);
    expect(orderTotal(before)).toBeUndefined();
  });
});
