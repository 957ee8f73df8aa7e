import { DeciderSpecification } from '@kamflow/eventsourcing';
import { type ReportableStatus } from './shipment.commands';
import { shipmentDecider } from './shipment.decider';
import { AT_TIME, desk, historyTo, lines, provider, ref, report } from './shipment.fixtures';
import { SHIPMENT_TRANSITIONS, type ShipmentStatus } from './shipment.state';

const spec = DeciderSpecification.for(shipmentDecider);

describe('the shipment lifecycle table', () => {
  it('lets a shipment end only in DELIVERED or CANCELLED', () => {
    const terminal = Object.entries(SHIPMENT_TRANSITIONS).filter(([, next]) => next.length === 0);
    expect(terminal.map(([status]) => status).sort()).toEqual(['CANCELLED', 'DELIVERED']);
  });

  it('allows a failure from every status in which the goods are being handled, and only there', () => {
    const failing = Object.entries(SHIPMENT_TRANSITIONS).filter(([, next]) => next.includes('FAILED'));
    expect(failing.map(([status]) => status)).toEqual([
      'READY_TO_SHIP',
      'PICKED_UP',
      'DISPATCHED',
      'IN_TRANSIT',
    ]);
  });
});

describe('a provider reporting along the lifecycle', () => {
  const legal: [ShipmentStatus, ReportableStatus, string][] = [
    ['PLANNED', 'READY_TO_SHIP', 'ShipmentReadyToShip'],
    ['READY_TO_SHIP', 'PICKED_UP', 'ShipmentPickUpNoteIssued'],
    ['PICKED_UP', 'DISPATCHED', 'ShipmentDispatched'],
    ['DISPATCHED', 'IN_TRANSIT', 'ShipmentInTransit'],
    ['IN_TRANSIT', 'DELIVERED', 'ShipmentDelivered'],
    ['READY_TO_SHIP', 'FAILED', 'ShipmentDeliveryFailed'],
    ['PICKED_UP', 'FAILED', 'ShipmentDeliveryFailed'],
    ['DISPATCHED', 'FAILED', 'ShipmentDeliveryFailed'],
    ['IN_TRANSIT', 'FAILED', 'ShipmentDeliveryFailed'],
  ];

  it.each(legal)('moves a %s shipment to %s (%s)', (from, to, eventType) => {
    spec
      .given(historyTo(from))
      .when(report(to, 'reason given'))
      .thenMatches((events, after) => {
        expect(events.map((e) => e.type)).toEqual([eventType]);
        expect(after.status).toBe(to);
      });
  });

  const illegal: [ShipmentStatus, ReportableStatus][] = [
    ['PLANNED', 'PICKED_UP'],
    ['PLANNED', 'DISPATCHED'],
    ['PLANNED', 'DELIVERED'],
    ['PLANNED', 'FAILED'],
    ['READY_TO_SHIP', 'DISPATCHED'],
    ['READY_TO_SHIP', 'DELIVERED'],
    ['PICKED_UP', 'IN_TRANSIT'],
    ['PICKED_UP', 'READY_TO_SHIP'],
    ['DISPATCHED', 'DELIVERED'],
    ['IN_TRANSIT', 'PICKED_UP'],
    ['DELIVERED', 'FAILED'],
    ['DELIVERED', 'IN_TRANSIT'],
    ['FAILED', 'READY_TO_SHIP'],
    ['FAILED', 'DELIVERED'],
    ['CANCELLED', 'READY_TO_SHIP'],
  ];

  it.each(illegal)('refuses to skip or reverse from %s to %s, naming both', (from, to) => {
    spec
      .given(historyTo(from))
      .when(report(to, 'reason given'))
      .thenThrows('DELIVERY.ILLEGAL_TRANSITION', (error) => {
        expect(error.kind).toBe('conflict');
        expect(error.details).toMatchObject({ from, to });
      });
  });

  it.each(['READY_TO_SHIP', 'PICKED_UP', 'DISPATCHED', 'IN_TRANSIT', 'DELIVERED'] as const)(
    'treats reporting %s again as already done',
    (status) => {
      spec.given(historyTo(status)).when(report(status)).thenNothing();
    },
  );

  it('treats a repeated failure report as already done', () => {
    spec.given(historyTo('FAILED')).when(report('FAILED', 'still nobody on site')).thenNothing();
  });
});

describe('the events a provider report records', () => {
  it('issues a pick-up note numbered after the shipment when the provider gives none', () => {
    spec
      .given(historyTo('READY_TO_SHIP'))
      .when(report('PICKED_UP'))
      .then([
        { type: 'ShipmentPickUpNoteIssued', data: { ...ref, pickUpNoteNo: 'PN-shp-1-1', at: AT_TIME } },
      ]);
  });

  it("keeps the provider's own pick-up note number", () => {
    spec
      .given(historyTo('READY_TO_SHIP'))
      .when({
        ...report('PICKED_UP'),
        data: { shipmentId: 'shp-1', status: 'PICKED_UP', at: AT_TIME, pickUpNoteNo: 'SF-88' },
      })
      .thenMatches((events) => expect(events[0].data).toMatchObject({ pickUpNoteNo: 'SF-88' }));
  });

  it('tells acceptance what was delivered, to whom and when', () => {
    spec
      .given(historyTo('IN_TRANSIT'))
      .when(report('DELIVERED'))
      .then([
        { type: 'ShipmentDelivered', data: { ...ref, accountId: 'acc-1', lines, deliveredAt: AT_TIME } },
      ]);
  });

  it('records a failure with its reason and the status it failed in', () => {
    spec
      .given(historyTo('DISPATCHED'))
      .when(report('FAILED', 'truck broke down'))
      .then([
        {
          type: 'ShipmentDeliveryFailed',
          data: { ...ref, from: 'DISPATCHED', reason: 'truck broke down', failedAt: AT_TIME },
        },
      ]);
  });

  it('refuses a failure without a reason', () => {
    spec
      .given(historyTo('IN_TRANSIT'))
      .when(report('FAILED', '  '))
      .thenThrows('DELIVERY.FAILURE_REASON_REQUIRED');
  });

  it('refuses a report whose time is not a timestamp', () => {
    spec
      .given(historyTo('PLANNED'))
      .when({
        ...report('READY_TO_SHIP'),
        data: { shipmentId: 'shp-1', status: 'READY_TO_SHIP', at: 'soon' },
      })
      .thenThrows('DELIVERY.INVALID_SHIPMENT');
  });
});

describe('who may report on a shipment', () => {
  it('refuses another logistics provider', () => {
    spec
      .given(historyTo('PLANNED'))
      .when(report('READY_TO_SHIP', undefined, provider('lp-other')))
      .thenThrows('DELIVERY.NOT_ASSIGNED_PROVIDER', (e) => expect(e.kind).toBe('forbidden'));
  });

  it('refuses order-desk staff: status comes from the provider', () => {
    spec
      .given(historyTo('PLANNED'))
      .when(report('READY_TO_SHIP', undefined, desk))
      .thenThrows('DELIVERY.NOT_ASSIGNED_PROVIDER');
  });

  it('refuses a principal claiming the provider id without the logistics-provider role', () => {
    const impostor = { id: 'user:x', roles: ['finance'], providerId: 'lp-sf' };
    spec
      .given(historyTo('PLANNED'))
      .when(report('READY_TO_SHIP', undefined, impostor))
      .thenThrows('DELIVERY.NOT_ASSIGNED_PROVIDER');
  });

  it('follows a reassignment: the new provider reports, the old one no longer can', () => {
    const history = [
      ...historyTo('PLANNED'),
      {
        type: 'ShipmentProviderReassigned' as const,
        data: {
          ...ref,
          providerId: 'lp-ems',
          previousProviderId: 'lp-sf',
          reason: 'capacity',
          reassignedAt: AT_TIME,
        },
      },
    ];
    spec.given(history).when(report('READY_TO_SHIP')).thenThrows('DELIVERY.NOT_ASSIGNED_PROVIDER');
    spec
      .given(history)
      .when(report('READY_TO_SHIP', undefined, provider('lp-ems')))
      .then([{ type: 'ShipmentReadyToShip', data: { ...ref, providerId: 'lp-ems', at: AT_TIME } }]);
  });
});
