import { DeciderSpecification } from '@kamflow/eventsourcing';
import { type PlanShipment, type ShipmentCommand } from './shipment.commands';
import { shipmentDecider, shipmentStreamId } from './shipment.decider';
import {
  AT_TIME,
  cancel,
  desk,
  historyTo,
  lines,
  meta,
  NOW,
  planData,
  planned,
  provider,
  ref,
  report,
  reschedule,
  system,
} from './shipment.fixtures';
import { type ShipmentEvent } from './shipment.events';
import { nextStep } from './shipment.next-step';

const spec = DeciderSpecification.for(shipmentDecider);
const plan = (data: PlanShipment['data'] = planData, actor = system): ShipmentCommand => ({
  type: 'PlanShipment',
  data,
  metadata: meta(actor),
});
const reassign = (providerId = 'lp-ems', actor = desk): ShipmentCommand => ({
  type: 'ReassignShipmentProvider',
  data: { shipmentId: 'shp-1', providerId, reason: 'more capacity in the north' },
  metadata: meta(actor),
});

describe('planning a shipment', () => {
  it('records the plan with its provider, address and lines', () => {
    spec.given([]).when(plan()).then([planned]);
    expect(shipmentStreamId('shp-1')).toBe('shipment-shp-1');
  });

  it('keeps the shipment it replaces (换机)', () => {
    spec
      .given([])
      .when(plan({ ...planData, replacesShipmentId: 'shp-0' }))
      .thenMatches((_, after) =>
        expect(after).toMatchObject({ status: 'PLANNED', replacesShipmentId: 'shp-0' }),
      );
  });

  it('treats a redelivered plan for the same order as already done', () => {
    spec.given([planned]).when(plan()).thenNothing();
  });

  it('refuses to reuse a shipment id for another order', () => {
    spec
      .given([planned])
      .when(plan({ ...planData, orderId: 'ord-2' }))
      .thenThrows('DELIVERY.ALREADY_PLANNED');
  });

  it.each([
    ['no lines', { ...planData, lines: [] }],
    ['a zero quantity', { ...planData, lines: [{ lineId: 'l1', modelId: 'm', quantity: 0 }] }],
    ['a fractional quantity', { ...planData, lines: [{ lineId: 'l1', modelId: 'm', quantity: 1.5 }] }],
    ['a line twice', { ...planData, lines: [lines[0], lines[0]] }],
    ['no phone to call', { ...planData, deliveryAddress: { ...planData.deliveryAddress, phone: '' } }],
    ['a malformed date', { ...planData, plannedDate: '05/03/2026' }],
  ])('refuses a plan with %s', (_, data) => {
    spec.given([]).when(plan(data)).thenThrows('DELIVERY.INVALID_SHIPMENT');
  });

  it('refuses a logistics provider planning its own work', () => {
    spec.given([]).when(plan(planData, provider())).thenThrows('DELIVERY.FORBIDDEN');
  });

  it('answers not found for commands on a shipment never planned', () => {
    spec.given([]).when(report('READY_TO_SHIP')).thenThrows('DELIVERY.SHIPMENT_NOT_FOUND');
  });
});

describe('reassigning the provider', () => {
  it.each(['PLANNED', 'READY_TO_SHIP'] as const)('hands a %s shipment to another provider', (status) => {
    spec
      .given(historyTo(status))
      .when(reassign())
      .then([
        {
          type: 'ShipmentProviderReassigned',
          data: {
            ...ref,
            providerId: 'lp-ems',
            previousProviderId: 'lp-sf',
            reason: 'more capacity in the north',
            reassignedAt: NOW,
          },
        },
      ]);
  });

  it.each(['PICKED_UP', 'DISPATCHED', 'DELIVERED', 'CANCELLED'] as const)(
    'refuses once the shipment is %s',
    (status) => {
      spec.given(historyTo(status)).when(reassign()).thenThrows('DELIVERY.NOT_REASSIGNABLE');
    },
  );

  it('does nothing when the provider is already assigned', () => {
    spec.given(historyTo('PLANNED')).when(reassign('lp-sf')).thenNothing();
  });

  it('is for the order desk only', () => {
    spec.given(historyTo('PLANNED')).when(reassign('lp-ems', provider())).thenThrows('DELIVERY.FORBIDDEN');
  });
});

describe('a failed shipment', () => {
  const failed = historyTo('FAILED', 'IN_TRANSIT');

  it('is rescheduled by the desk and starts over from PLANNED', () => {
    spec
      .given(failed)
      .when(reschedule())
      .thenMatches((events, after) => {
        expect(events).toEqual([
          {
            type: 'ShipmentRescheduled',
            data: {
              ...ref,
              plannedDate: '2026-03-09',
              previousPlannedDate: '2026-03-05',
              reason: 'customer asked for Monday',
              rescheduledAt: NOW,
            },
          },
        ]);
        expect(after).toMatchObject({ status: 'PLANNED', plannedDate: '2026-03-09' });
      });
  });

  it('gets a new pick-up note on the next attempt', () => {
    const rescheduled: ShipmentEvent = {
      type: 'ShipmentRescheduled',
      data: {
        ...ref,
        plannedDate: '2026-03-09',
        previousPlannedDate: '2026-03-05',
        reason: 'r',
        rescheduledAt: NOW,
      },
    };
    const ready: ShipmentEvent = { type: 'ShipmentReadyToShip', data: { ...ref, at: AT_TIME } };
    spec
      .given([...failed, rescheduled, ready])
      .when(report('PICKED_UP'))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ pickUpNoteNo: 'PN-shp-1-2' }));
  });

  it('refuses a new date in the past', () => {
    spec.given(failed).when(reschedule('2026-03-01')).thenThrows('DELIVERY.PLANNED_DATE_IN_PAST');
  });

  it('is not rescheduled by the provider', () => {
    spec.given(failed).when(reschedule('2026-03-09', provider())).thenThrows('DELIVERY.FORBIDDEN');
  });

  it('asks the provider to confirm readiness again once rescheduled', () => {
    expect(
      nextStep(
        spec
          .given(failed)
          .when(reschedule())
          .thenMatches(() => undefined),
      ),
    ).toBe('CONFIRM_READY');
  });
});

describe('rescheduling a shipment that has not failed', () => {
  it('moves the date of a planned shipment', () => {
    spec
      .given(historyTo('PLANNED'))
      .when(reschedule('2026-03-10'))
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['ShipmentRescheduled']));
  });

  it('does nothing when the planned date is unchanged', () => {
    spec.given(historyTo('PLANNED')).when(reschedule('2026-03-05')).thenNothing();
  });

  it.each(['READY_TO_SHIP', 'DISPATCHED', 'DELIVERED'] as const)('refuses a %s shipment', (status) => {
    spec.given(historyTo(status)).when(reschedule()).thenThrows('DELIVERY.NOT_RESCHEDULABLE');
  });
});

describe('cancelling a shipment', () => {
  it.each(['PLANNED', 'READY_TO_SHIP', 'PICKED_UP'] as const)(
    'cancels a %s shipment and returns its lines',
    (status) => {
      spec
        .given(historyTo(status))
        .when(cancel(system))
        .then([
          { type: 'ShipmentCancelled', data: { ...ref, lines, reason: 'order cancelled', cancelledAt: NOW } },
        ]);
    },
  );

  it.each(['DISPATCHED', 'IN_TRANSIT', 'DELIVERED'] as const)('refuses once the shipment is %s', (status) => {
    spec
      .given(historyTo(status))
      .when(cancel())
      .thenThrows('DELIVERY.NOT_CANCELLABLE', (e) => expect(e.kind).toBe('conflict'));
  });

  it('cancels a shipment that failed before it was dispatched', () => {
    spec
      .given(historyTo('FAILED', 'PICKED_UP'))
      .when(cancel())
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['ShipmentCancelled']));
  });

  it('refuses a shipment that failed after dispatch: the goods have left', () => {
    spec.given(historyTo('FAILED', 'DISPATCHED')).when(cancel()).thenThrows('DELIVERY.NOT_CANCELLABLE');
  });

  it('does nothing for a shipment already cancelled', () => {
    spec.given(historyTo('CANCELLED')).when(cancel()).thenNothing();
  });

  it('is not for the logistics provider', () => {
    spec.given(historyTo('PLANNED')).when(cancel(provider())).thenThrows('DELIVERY.FORBIDDEN');
  });
});
