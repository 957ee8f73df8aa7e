import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { orderDecider } from './order.decider';
import {
  accepted,
  actors,
  command,
  dispatched,
  event,
  invoiced,
  invoicePaid,
  NOW,
  ORDER_ID,
  releasedOrder,
  shipmentPlanned,
  system,
  orderOf,
} from './order.fixtures';
import { acceptedUnits, orderStatus } from './order.queries';

const spec = DeciderSpecification.for(orderDecider);
const accept = (shipmentId: string, ...results: [string, number, number][]) =>
  system('RecordAcceptance', { ...accepted(shipmentId, ...results).data });
const issue = (invoiceId: string, shipmentId: string, amount = money(5_000_000)) =>
  system('RecordInvoiceIssued', { ...invoiced(invoiceId, shipmentId, amount).data });
const pay = (invoiceId: string) => system('RecordInvoicePaid', { orderId: ORDER_ID, invoiceId });
const completed = event('OrderCompleted', { orderId: ORDER_ID, completedAt: NOW });

/** Two shipments: S1 with all ten desktops, S2 with both servers; both dispatched. */
const underway = [
  ...releasedOrder,
  shipmentPlanned('S1', { L1: 10 }),
  shipmentPlanned('S2', { L2: 2 }),
  dispatched('S1'),
  dispatched('S2'),
];
const allAccepted = [...underway, accepted('S1', ['L1', 10, 0]), accepted('S2', ['L2', 2, 0])];

describe('the acceptance receipt (验机回执)', () => {
  it('records accepted and rejected units of the shipment', () => {
    spec
      .given(underway)
      .when(accept('S1', ['L1', 9, 1]))
      .thenMatches((events, state) => {
        expect(events).toEqual([accepted('S1', ['L1', 9, 1])]);
        expect(acceptedUnits(orderOf(state), 'L1')).toBe(9);
        expect(orderStatus(state)).toBe('IN_FULFILMENT');
      });
  });

  it('records a repeated receipt once', () => {
    spec
      .given([...underway, accepted('S1', ['L1', 10, 0])])
      .when(accept('S1', ['L1', 10, 0]))
      .thenNothing();
  });

  it('accounts for every unit shipped', () => {
    spec
      .given(underway)
      .when(accept('S1', ['L1', 8, 1]))
      .thenThrows('ORDER.ACCEPTANCE_QUANTITY_MISMATCH');
    spec
      .given(underway)
      .when(accept('S1', ['L1', 10, 0], ['L2', 0, 0]))
      .thenThrows('ORDER.ACCEPTANCE_QUANTITY_MISMATCH');
  });

  it('refuses a receipt for a cancelled shipment', () => {
    spec
      .given([...underway, event('OrderShipmentCancelled', { orderId: ORDER_ID, shipmentId: 'S1' })])
      .when(accept('S1', ['L1', 10, 0]))
      .thenThrows('ORDER.SHIPMENT_CANCELLED');
  });
});

describe('invoices (发票)', () => {
  it('records an invoice for the accepted units of a shipment', () => {
    spec
      .given(allAccepted)
      .when(issue('INV-1', 'S1'))
      .thenMatches((events, state) => {
        expect(events).toEqual([invoiced('INV-1', 'S1', money(5_000_000))]);
        expect(orderOf(state).invoices).toEqual([
          {
            invoiceId: 'INV-1',
            shipmentId: 'S1',
            amount: money(5_000_000),
            dueDate: '2027-01-30',
            paid: false,
          },
        ]);
      });
  });

  it('records a repeated invoice once', () => {
    spec
      .given([...allAccepted, invoiced('INV-1', 'S1', money(5_000_000))])
      .when(issue('INV-1', 'S1'))
      .thenNothing();
  });

  it('refuses an invoice for a shipment with no accepted units', () => {
    spec.given(underway).when(issue('INV-1', 'S1')).thenThrows('ORDER.NOTHING_TO_INVOICE');
  });
});

describe('payment collection and completion (回款)', () => {
  const bothInvoiced = [
    ...allAccepted,
    invoiced('INV-1', 'S1', money(5_000_000)),
    invoiced('INV-2', 'S2', money(2_400_000)),
  ];

  it('keeps the order in fulfilment while an invoice is open', () => {
    spec
      .given(bothInvoiced)
      .when(pay('INV-1'))
      .thenMatches((events, state) => {
        expect(events).toEqual([invoicePaid('INV-1')]);
        expect(orderStatus(state)).toBe('IN_FULFILMENT');
      });
  });

  it('completes the order with the last payment when every unit is accepted', () => {
    spec
      .given([...bothInvoiced, invoicePaid('INV-1')])
      .when(pay('INV-2'))
      .thenMatches((events, state) => {
        expect(events).toEqual([invoicePaid('INV-2'), completed]);
        expect(orderStatus(state)).toBe('COMPLETED');
      });
  });

  it('does not complete while units await acceptance, even with every invoice paid', () => {
    spec
      .given([...underway, accepted('S1', ['L1', 10, 0]), invoiced('INV-1', 'S1', money(5_000_000))])
      .when(pay('INV-1'))
      .then([invoicePaid('INV-1')]);
  });

  it('does not complete while rejected units are still being replaced', () => {
    spec
      .given([
        ...underway,
        accepted('S1', ['L1', 9, 1]),
        accepted('S2', ['L2', 2, 0]),
        invoiced('INV-1', 'S1', money(4_500_000)),
        invoiced('INV-2', 'S2', money(2_400_000)),
        invoicePaid('INV-2'),
      ])
      .when(pay('INV-1'))
      .then([invoicePaid('INV-1')]);
  });

  it('does not complete before an accepted shipment is invoiced', () => {
    spec
      .given([...allAccepted, invoiced('INV-1', 'S1', money(5_000_000))])
      .when(pay('INV-1'))
      .then([invoicePaid('INV-1')]);
  });

  it('completes once the replacement for rejected units is accepted and paid', () => {
    const replacement = event('OrderReplacementShipmentPlanned', {
      ...shipmentPlanned('S1-R1', { L1: 1 }).data,
      replacesShipmentId: 'S1',
    });
    spec
      .given([
        ...underway,
        accepted('S1', ['L1', 9, 1]),
        accepted('S2', ['L2', 2, 0]),
        invoiced('INV-1', 'S1', money(4_500_000)),
        invoiced('INV-2', 'S2', money(2_400_000)),
        invoicePaid('INV-1'),
        invoicePaid('INV-2'),
        replacement,
        dispatched('S1-R1'),
        accepted('S1-R1', ['L1', 1, 0]),
        invoiced('INV-3', 'S1-R1', money(500_000)),
      ])
      .when(pay('INV-3'))
      .then([invoicePaid('INV-3'), completed]);
  });

  it('records a repeated payment once', () => {
    spec
      .given([...bothInvoiced, invoicePaid('INV-1')])
      .when(pay('INV-1'))
      .thenNothing();
  });

  it('refuses a payment for an invoice the order does not have', () => {
    spec.given(bothInvoiced).when(pay('INV-9')).thenThrows('ORDER.INVOICE_NOT_FOUND');
  });

  it('is recorded by the process manager only', () => {
    spec
      .given(bothInvoiced)
      .when(command('RecordInvoicePaid', { orderId: ORDER_ID, invoiceId: 'INV-1' }, actors.finance))
      .thenThrows('ORDER.FORBIDDEN');
  });
});
