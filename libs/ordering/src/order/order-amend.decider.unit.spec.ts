import { type Actor, DeciderSpecification } from '@kamflow/eventsourcing';
import { money, type Money } from '@kamflow/shared-kernel';
import { orderDecider } from './order.decider';
import {
  actors,
  command,
  configured,
  credit,
  dispatched,
  event,
  lines,
  NOW,
  ORDER_ID,
  placed,
  releasedOrder,
  shipmentPlanned,
  system,
  TOTAL,
  UNIT_PRICE,
  cancelled,
  orderOf,
} from './order.fixtures';
import { orderStatus, readyForCreditReview } from './order.queries';
import { type OrderLineSpec } from './order.values';

const spec = DeciderSpecification.for(orderDecider);
const [l1, l2] = lines as [OrderLineSpec, OrderLineSpec];
const amend = (changed: OrderLineSpec[], actor: Actor = actors.desk) =>
  command('AmendOrder', { orderId: ORDER_ID, lines: changed }, actor);
const amended = (
  number: number,
  changed: (OrderLineSpec & { configurationRound: number })[],
  removed: string[] = [],
) =>
  event('OrderAmended', {
    orderId: ORDER_ID,
    amendmentNumber: number,
    lines: changed,
    removedLineIds: removed,
    amendedBy: actors.desk.id,
    amendedAt: NOW,
  });

describe('amending an order', () => {
  it('sends a changed line back to configuration in its next round and keeps the others configured', () => {
    spec
      .given([placed, configured('L1'), configured('L2')])
      .when(amend([{ ...l1, quantity: 12 }, l2]))
      .thenMatches((events, state) => {
        expect(events).toEqual([amended(1, [{ ...l1, quantity: 12, configurationRound: 2 }])]);
        const [line1, line2] = orderOf(state).lines;
        expect([line1?.configuration.status, line1?.configurationRound]).toEqual(['PENDING', 2]);
        expect(line2?.configuration).toMatchObject({
          status: 'VALID',
          lineTotal: configured('L2').data.lineTotal,
        });
      });
  });

  const newOptions = { ...l1, optionIds: ['cpu-i9', 'ram-32'] };
  const afterAmendment = [...releasedOrder, amended(1, [{ ...newOptions, configurationRound: 2 }])];
  const repriced = event('OrderLineConfigured', { ...configured('L1', 2).data, lineTotal: money(6_000_000) });
  const newTotal = money(6_000_000 + 2_400_000);

  it('puts a released order back under review for configuration and credit; the contract approval stands', () => {
    spec
      .given(releasedOrder)
      .when(amend([newOptions]))
      .thenMatches((events, state) => {
        expect(events).toEqual([afterAmendment.at(-1)]);
        const order = orderOf(state);
        expect(orderStatus(order)).toBe('UNDER_REVIEW');
        expect(order.release).toBeUndefined();
        expect(order.contractReview.status).toBe('APPROVED');
        expect(order.creditReview.status).toBe('PENDING');
        expect(readyForCreditReview(order)).toBe(false);
      });
  });

  it('re-runs credit on the repriced total once the changed line is configured, then releases again', () => {
    spec
      .given(afterAmendment)
      .when(
        system('RecordLineConfiguration', {
          orderId: ORDER_ID,
          lineId: 'L1',
          configurationRound: 2,
          valid: true,
          catalogVersion: 'cat-7',
          unitPrice: UNIT_PRICE.L1,
          lineTotal: money(6_000_000),
          leadTimeDays: 5,
        }),
      )
      .thenMatches((_events, state) => expect(readyForCreditReview(state)).toBe(true));
    const approve = (amount: Money) =>
      system('RecordCreditDecision', { orderId: ORDER_ID, outcome: 'APPROVED', amount, snapshot: {} });
    spec
      .given([...afterAmendment, repriced])
      .when(approve(TOTAL))
      .thenNothing();
    spec
      .given([...afterAmendment, repriced])
      .when(approve(newTotal))
      .thenMatches((events) => expect(events[0]?.type).toBe('OrderCreditApproved'));
    spec
      .given([...afterAmendment, repriced, credit('OrderCreditApproved', newTotal)])
      .when(system('ReleaseOrder', { orderId: ORDER_ID }))
      .thenMatches(([released]) =>
        expect(released).toMatchObject({ type: 'OrderReleased', data: { total: newTotal } }),
      );
  });

  it('takes a held order off credit hold for a fresh review', () => {
    spec
      .given([placed, configured('L1'), configured('L2'), credit('OrderCreditHeld')])
      .when(amend([{ ...l2, quantity: 1 }]))
      .thenMatches((_e, state) => expect(orderStatus(state)).toBe('UNDER_REVIEW'));
  });

  it('adds a new line in its first round and removes a line sent with quantity 0', () => {
    const l3 = { ...l1, lineId: 'L3', modelId: 'TP-X1' };
    spec
      .given([placed])
      .when(amend([l3, { ...l2, quantity: 0 }]))
      .thenMatches((events, state) => {
        expect(events).toEqual([amended(1, [{ ...l3, configurationRound: 1 }], ['L2'])]);
        expect(orderOf(state).lines.map((l) => l.lineId)).toEqual(['L1', 'L3']);
      });
  });

  it('never reuses a configuration round when a removed line comes back', () => {
    spec
      .given([placed, amended(1, [], ['L2'])])
      .when(amend([l2]))
      .thenMatches(([e]) => expect(e).toEqual(amended(2, [{ ...l2, configurationRound: 2 }])));
  });

  it('records nothing when every line is sent back unchanged', () => {
    spec
      .given([placed])
      .when(amend([l1, l2]))
      .thenNothing();
  });

  it('accepts an unchanged line whose requested date has passed, but not a changed one', () => {
    const at = (c: ReturnType<typeof amend>) => ({
      ...c,
      metadata: { ...c.metadata, now: '2026-12-05T09:00:00Z' },
    });
    spec
      .given([placed])
      .when(at(amend([l1, { ...l2, quantity: 3 }])))
      .thenMatches((events) => expect(events).toHaveLength(1));
    spec
      .given([placed])
      .when(at(amend([{ ...l1, quantity: 3 }])))
      .thenThrows('ORDER.REQUESTED_DATE_IN_PAST');
  });

  it('refuses removing a line the order does not have', () => {
    spec
      .given([placed])
      .when(amend([{ ...l1, lineId: 'L9', quantity: 0 }]))
      .thenThrows('ORDER.LINE_NOT_FOUND');
  });

  it('refuses removing every line: that is a cancellation', () => {
    spec
      .given([placed])
      .when(
        amend([
          { ...l1, quantity: 0 },
          { ...l2, quantity: 0 },
        ]),
      )
      .thenThrows('ORDER.NO_LINES');
  });

  it('cannot reduce a line below what is already planned for shipment', () => {
    const planned = [...releasedOrder, shipmentPlanned('S1', { L1: 6 })];
    spec
      .given(planned)
      .when(amend([{ ...l1, quantity: 5 }]))
      .thenThrows('ORDER.QUANTITY_BELOW_PLANNED', (e) => expect(e.details).toMatchObject({ planned: 6 }));
    spec
      .given(planned)
      .when(amend([{ ...l1, quantity: 6 }]))
      .thenMatches((events) => expect(events).toHaveLength(1));
  });

  it('is refused after the first dispatch', () => {
    spec
      .given([...releasedOrder, shipmentPlanned('S1', { L1: 6 }), dispatched('S1')])
      .when(amend([{ ...l1, quantity: 8 }]))
      .thenThrows('ORDER.NOT_AMENDABLE');
  });

  it('is refused for a rejected or cancelled order', () => {
    const rejected = event('ContractRejected', {
      orderId: ORDER_ID,
      reviewer: 'r',
      reason: 'no',
      reviewedAt: NOW,
    });
    spec
      .given([placed, rejected])
      .when(amend([{ ...l1, quantity: 8 }]))
      .thenThrows('ORDER.NOT_AMENDABLE');
    spec
      .given([placed, cancelled])
      .when(amend([{ ...l1, quantity: 8 }]))
      .thenThrows('ORDER.NOT_AMENDABLE');
  });

  it('is for the order desk only', () => {
    spec
      .given([placed])
      .when(amend([{ ...l1, quantity: 8 }], actors.manager))
      .thenThrows('ORDER.FORBIDDEN');
  });
});
