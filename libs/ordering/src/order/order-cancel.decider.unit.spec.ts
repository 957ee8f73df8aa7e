import { type Actor, DeciderSpecification } from '@kamflow/eventsourcing';
import { orderDecider } from './order.decider';
import {
  actors,
  cancelled,
  command,
  configured,
  contractApproved,
  credit,
  dispatched,
  event,
  ORDER_ID,
  orderOf,
  placed,
  releasedOrder,
  shipmentPlanned,
} from './order.fixtures';
import { orderStatus } from './order.queries';

const spec = DeciderSpecification.for(orderDecider);
const cancel = (reason = '客户撤单', actor: Actor = actors.desk) =>
  command('CancelOrder', { orderId: ORDER_ID, reason }, actor);

describe('cancelling an order', () => {
  it('cancels an order under review with nothing to compensate', () => {
    spec
      .given([placed, contractApproved])
      .when(cancel())
      .thenMatches((events, state) => {
        expect(events).toEqual([cancelled]);
        expect(orderStatus(state)).toBe('CANCELLED');
      });
  });

  it('names the still-planned shipments and the reserved credit to give back', () => {
    const cancelledShipment = event('OrderShipmentCancelled', { orderId: ORDER_ID, shipmentId: 'S1' });
    spec
      .given([
        ...releasedOrder,
        shipmentPlanned('S1', { L1: 2 }),
        cancelledShipment,
        shipmentPlanned('S2', { L1: 3 }),
      ])
      .when(cancel())
      .thenMatches(([e], state) => {
        expect(e?.data).toMatchObject({ plannedShipmentIds: ['S2'], creditReserved: true });
        expect(orderOf(state).shipments.map((s) => s.status)).toEqual(['CANCELLED', 'CANCELLED']);
      });
  });

  it('is refused after the first dispatch', () => {
    spec
      .given([...releasedOrder, shipmentPlanned('S1', { L1: 2 }), dispatched('S1')])
      .when(cancel())
      .thenThrows('ORDER.NOT_CANCELLABLE', (e) => expect(e.kind).toBe('conflict'));
  });

  it('is refused for an order already cancelled or rejected', () => {
    spec.given([placed, cancelled]).when(cancel()).thenThrows('ORDER.NOT_CANCELLABLE');
    const rejected = { ...credit('OrderCreditHeld'), type: 'OrderCreditRejected' as const };
    spec
      .given([placed, configured('L1'), configured('L2'), rejected])
      .when(cancel())
      .thenThrows('ORDER.NOT_CANCELLABLE');
  });

  it('needs a reason', () => {
    spec.given([placed]).when(cancel(' ')).thenThrows('ORDER.REASON_REQUIRED');
  });

  it('is for the order desk only', () => {
    spec.given([placed]).when(cancel('x', actors.manager)).thenThrows('ORDER.FORBIDDEN');
  });
});
