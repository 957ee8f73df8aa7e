import { type Actor, DeciderSpecification } from '@kamflow/eventsourcing';
import { orderDecider } from './order.decider';
import { actors, command, lines, NOW, placed, placeOrderData } from './order.fixtures';
import { orderStatus } from './order.queries';

const spec = DeciderSpecification.for(orderDecider);
const place = (data: Partial<typeof placeOrderData> = {}, actor: Actor = actors.desk) =>
  command('PlaceOrder', { ...placeOrderData, ...data }, actor);

describe('placing an order (销售订单)', () => {
  it('records who signed it and puts every line up for its first configuration round', () => {
    spec.given([]).when(place()).then([placed]);
  });

  it('shows the new order under review with contract, credit and every line pending', () => {
    spec
      .given([])
      .when(place())
      .thenMatches((_events, state) => {
        expect(orderStatus(state)).toBe('UNDER_REVIEW');
        if (state.status === 'NONE') throw new Error('not placed');
        expect(state.contractReview.status).toBe('PENDING');
        expect(state.creditReview.status).toBe('PENDING');
        expect(state.lines.map((l) => [l.lineId, l.configurationRound, l.configuration.status])).toEqual([
          ['L1', 1, 'PENDING'],
          ['L2', 1, 'PENDING'],
        ]);
      });
  });

  it('places an order id only once', () => {
    spec.given([placed]).when(place()).thenThrows('ORDER.ALREADY_PLACED');
  });
});

describe('who may sign (客户经理只管谈判不管签单)', () => {
  it('refuses an account manager', () => {
    spec
      .given([])
      .when(place({}, actors.manager))
      .thenThrows('ORDER.ACCOUNT_MANAGER_CANNOT_SIGN', (error) => expect(error.kind).toBe('forbidden'));
  });

  it('lets an account manager who also works the order desk sign as the desk', () => {
    spec
      .given([])
      .when(place({}, actors.managerAtDesk))
      .thenMatches((events) => expect(events[0]?.type).toBe('OrderPlaced'));
  });

  it('refuses staff without a signing role', () => {
    spec.given([]).when(place({}, actors.finance)).thenThrows('ORDER.FORBIDDEN');
  });

  it('lets an agent sign an agent-channel order under its own signature', () => {
    spec
      .given([])
      .when(place({ channel: 'AGENT', signedBy: { kind: 'AGENT', name: '华北代理' } }, actors.agent))
      .thenMatches((events) => expect(events).toHaveLength(1));
  });

  it('refuses an agent signing in the name of the order desk', () => {
    spec
      .given([])
      .when(place({ channel: 'AGENT' }, actors.agent))
      .thenThrows('ORDER.AGENT_MUST_SIGN_AS_AGENT');
  });

  it('refuses an agent signature outside the agent channel', () => {
    spec
      .given([])
      .when(place({ channel: 'DIRECT', signedBy: { kind: 'AGENT', name: '华北代理' } }))
      .thenThrows('ORDER.AGENT_SIGNATURE_REQUIRES_AGENT_CHANNEL');
  });
});

describe('the commerce-provider channel', () => {
  it('is refused for a directly served account', () => {
    spec
      .given([])
      .when(place({ channel: 'COMMERCE_PROVIDER' }))
      .thenThrows('ORDER.CHANNEL_NOT_ALLOWED');
  });

  it('is open to an account served by a commerce provider', () => {
    const account = {
      ...placeOrderData.account,
      serviceModel: 'COMMERCE_PROVIDER' as const,
      commerceProviderId: 'cp-1',
    };
    spec
      .given([])
      .when(place({ channel: 'COMMERCE_PROVIDER', account }))
      .thenMatches((events) => expect(events[0]?.type).toBe('OrderPlaced'));
  });

  it('needs the commerce provider named on such an account', () => {
    const account = { ...placeOrderData.account, serviceModel: 'COMMERCE_PROVIDER' as const };
    spec
      .given([])
      .when(place({ channel: 'COMMERCE_PROVIDER', account }))
      .thenThrows('ORDER.MISSING_FIELD', (e) =>
        expect(e.details).toEqual({ field: 'account.commerceProviderId' }),
      );
  });
});

describe('order lines', () => {
  const [l1, l2] = lines;

  it('needs at least one line', () => {
    spec
      .given([])
      .when(place({ lines: [] }))
      .thenThrows('ORDER.NO_LINES');
  });

  it('needs a whole quantity of at least one, naming the field', () => {
    spec
      .given([])
      .when(place({ lines: [l1, { ...l2, quantity: 0 }] }))
      .thenThrows('ORDER.INVALID_QUANTITY', (e) => expect(e.details?.field).toBe('lines[1].quantity'));
    spec
      .given([])
      .when(place({ lines: [{ ...l1, quantity: 1.5 }] }))
      .thenThrows('ORDER.INVALID_QUANTITY');
  });

  it('refuses the same line id twice', () => {
    spec
      .given([])
      .when(place({ lines: [l1, { ...l2, lineId: 'L1' }] }))
      .thenThrows('ORDER.DUPLICATE_LINE');
  });

  it('refuses a requested date before the order date', () => {
    spec
      .given([])
      .when(place({ lines: [{ ...l1, requestedDate: '2026-11-25' }] }))
      .thenThrows('ORDER.REQUESTED_DATE_IN_PAST', (e) => expect(e.kind).toBe('rule'));
  });

  it('accepts delivery requested for the order date itself', () => {
    spec
      .given([])
      .when(place({ lines: [{ ...l1, requestedDate: NOW.slice(0, 10) }] }))
      .thenMatches((events) => expect(events).toHaveLength(1));
  });

  it('refuses a malformed requested date', () => {
    spec
      .given([])
      .when(place({ lines: [{ ...l1, requestedDate: '2026-02-30' }] }))
      .thenThrows('ORDER.INVALID_DATE');
  });
});
