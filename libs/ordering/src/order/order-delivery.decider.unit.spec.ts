import { type Actor, DeciderSpecification } from '@kamflow/eventsourcing';
import { orderDecider } from './order.decider';
import {
  accepted,
  actors,
  address,
  command,
  dispatched,
  event,
  ORDER_ID,
  releasedOrder,
  reviewed,
  shipmentPlanned,
  system,
  orderOf,
} from './order.fixtures';
import { allocatedUnits, orderStatus } from './order.queries';

const spec = DeciderSpecification.for(orderDecider);
const plan = (shipmentId: string, quantities: { L1?: number; L2?: number }, actor: Actor = actors.desk) =>
  command('PlanOrderShipment', { ...shipmentPlanned(shipmentId, quantities).data }, actor);
const replace = (shipmentId: string, replacesShipmentId: string, quantity: number) =>
  system('PlanReplacementShipment', {
    orderId: ORDER_ID,
    shipmentId,
    replacesShipmentId,
    lines: [{ lineId: 'L1', quantity }],
  });
const cancelShipment = (shipmentId: string) =>
  system('RecordShipmentCancelled', { orderId: ORDER_ID, shipmentId });

describe('planning deliveries (配送)', () => {
  it('allocates units of a released order to a shipment', () => {
    spec
      .given(releasedOrder)
      .when(plan('S1', { L1: 4, L2: 2 }))
      .thenMatches((events, state) => {
        expect(events).toEqual([shipmentPlanned('S1', { L1: 4, L2: 2 })]);
        expect(orderStatus(state)).toBe('RELEASED');
      });
  });

  it('splits a line over several shipments up to the ordered quantity', () => {
    spec
      .given([...releasedOrder, shipmentPlanned('S1', { L1: 4 })])
      .when(plan('S2', { L1: 6 }))
      .thenMatches((_e, state) => expect(allocatedUnits(orderOf(state), 'L1')).toBe(10));
  });

  it('cannot ship more than was ordered', () => {
    spec
      .given([...releasedOrder, shipmentPlanned('S1', { L1: 4 }), shipmentPlanned('S2', { L1: 6 })])
      .when(plan('S3', { L1: 1 }))
      .thenThrows('ORDER.QUANTITY_EXCEEDS_ORDER', (e) => {
        expect(e.kind).toBe('rule');
        expect(e.details).toEqual({ field: 'lines[0].quantity', ordered: 10, allocated: 10 });
      });
  });

  it('frees the units of a cancelled shipment for planning again', () => {
    spec
      .given([
        ...releasedOrder,
        shipmentPlanned('S1', { L1: 10 }),
        dispatched('S1'),
        event('OrderShipmentCancelled', { orderId: ORDER_ID, shipmentId: 'S1' }),
      ])
      .when(plan('S2', { L1: 10 }))
      .thenMatches((events) => expect(events).toHaveLength(1));
  });

  it('waits for the release', () => {
    spec
      .given(reviewed)
      .when(plan('S1', { L1: 1 }))
      .thenThrows('ORDER.NOT_RELEASED');
  });

  it('refuses a line the order does not have, a reused shipment id and a past date', () => {
    spec
      .given(releasedOrder)
      .when(
        command('PlanOrderShipment', { ...plan('S1', { L1: 1 }).data, lines: [{ lineId: 'L9', quantity: 1 }] }),
      )
      .thenThrows('ORDER.LINE_NOT_FOUND');
    spec
      .given([...releasedOrder, shipmentPlanned('S1', { L1: 1 })])
      .when(plan('S1', { L1: 1 }))
      .thenThrows('ORDER.SHIPMENT_ALREADY_PLANNED');
    spec
      .given(releasedOrder)
      .when(command('PlanOrderShipment', { ...plan('S1', { L1: 1 }).data, plannedDate: '2026-11-20' }))
      .thenThrows('ORDER.PLANNED_DATE_IN_PAST');
  });

  it('is for the order desk only', () => {
    spec
      .given(releasedOrder)
      .when(plan('S1', { L1: 1 }, actors.manager))
      .thenThrows('ORDER.FORBIDDEN');
  });
});

describe('replacing units rejected on inspection (换机)', () => {
  const inspected = [
    ...releasedOrder,
    shipmentPlanned('S1', { L1: 10 }),
    dispatched('S1'),
    accepted('S1', ['L1', 7, 3]),
  ];

  it('ships the replacement with the provider and address of the rejected shipment, next business day', () => {
    spec
      .given(inspected)
      .when(replace('S1-R1', 'S1', 3))
      .then([
        event('OrderReplacementShipmentPlanned', {
          orderId: ORDER_ID,
          shipmentId: 'S1-R1',
          replacesShipmentId: 'S1',
          providerId: 'lp-sf',
          plannedDate: '2026-11-27',
          deliveryAddress: address,
          lines: [{ lineId: 'L1', quantity: 3 }],
        }),
      ]);
  });

  it('is limited to rejected units not yet replaced', () => {
    const replaced = orderDecider.decide(
      replace('S1-R1', 'S1', 2),
      inspected.reduce(orderDecider.evolve, orderDecider.initialState()),
    );
    spec
      .given([...inspected, ...replaced])
      .when(replace('S1-R2', 'S1', 2))
      .thenThrows('ORDER.REPLACEMENT_EXCEEDS_REJECTED');
    spec
      .given([...inspected, ...replaced])
      .when(replace('S1-R2', 'S1', 1))
      .thenMatches((events) => expect(events).toHaveLength(1));
  });

  it('records a repeated replacement request once', () => {
    const replaced = orderDecider.decide(
      replace('S1-R1', 'S1', 3),
      inspected.reduce(orderDecider.evolve, orderDecider.initialState()),
    );
    spec
      .given([...inspected, ...replaced])
      .when(replace('S1-R1', 'S1', 3))
      .thenNothing();
  });

  it('keeps rejected units reserved for their replacement, out of the desk’s reach', () => {
    spec
      .given(inspected)
      .when(plan('S2', { L1: 1 }))
      .thenThrows('ORDER.QUANTITY_EXCEEDS_ORDER');
  });

  it('needs the acceptance receipt of the shipment it replaces', () => {
    spec
      .given([...releasedOrder, shipmentPlanned('S1', { L1: 10 })])
      .when(replace('S1-R1', 'S1', 1))
      .thenThrows('ORDER.SHIPMENT_NOT_INSPECTED');
  });
});

describe('dispatch (发货确认)', () => {
  const planned = [...releasedOrder, shipmentPlanned('S1', { L1: 4 })];
  const dispatch = (shipmentId: string) =>
    system('RecordShipmentDispatched', { orderId: ORDER_ID, shipmentId });

  it('puts the order in fulfilment at its first dispatch', () => {
    spec
      .given(planned)
      .when(dispatch('S1'))
      .thenMatches((events, state) => {
        expect(events).toEqual([dispatched('S1')]);
        expect(orderStatus(state)).toBe('IN_FULFILMENT');
        expect(orderOf(state).dispatched).toBe(true);
      });
  });

  it('records a repeated dispatch once', () => {
    spec
      .given([...planned, dispatched('S1')])
      .when(dispatch('S1'))
      .thenNothing();
  });

  it('refuses a dispatch of a cancelled or unknown shipment', () => {
    spec
      .given([...planned, event('OrderShipmentCancelled', { orderId: ORDER_ID, shipmentId: 'S1' })])
      .when(dispatch('S1'))
      .thenThrows('ORDER.SHIPMENT_CANCELLED');
    spec.given(planned).when(dispatch('S9')).thenThrows('ORDER.SHIPMENT_NOT_FOUND');
  });

  it('is recorded by the process manager only', () => {
    spec
      .given(planned)
      .when(command('RecordShipmentDispatched', { orderId: ORDER_ID, shipmentId: 'S1' }, actors.desk))
      .thenThrows('ORDER.FORBIDDEN');
  });
});

describe('a failed delivery', () => {
  const underway = [...releasedOrder, shipmentPlanned('S1', { L1: 4 }), dispatched('S1')];

  it('lets the shipment be cancelled; the order stays in fulfilment', () => {
    spec
      .given(underway)
      .when(cancelShipment('S1'))
      .thenMatches((events, state) => {
        expect(events).toEqual([event('OrderShipmentCancelled', { orderId: ORDER_ID, shipmentId: 'S1' })]);
        expect(orderStatus(state)).toBe('IN_FULFILMENT');
        expect(allocatedUnits(orderOf(state), 'L1')).toBe(0);
      });
  });

  it('records a repeated cancellation once', () => {
    spec
      .given([...underway, event('OrderShipmentCancelled', { orderId: ORDER_ID, shipmentId: 'S1' })])
      .when(cancelShipment('S1'))
      .thenNothing();
  });

  it('cannot cancel a shipment already accepted', () => {
    spec
      .given([...underway, accepted('S1', ['L1', 4, 0])])
      .when(cancelShipment('S1'))
      .thenThrows('ORDER.SHIPMENT_ALREADY_ACCEPTED');
  });
});
