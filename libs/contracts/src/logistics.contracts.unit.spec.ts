import { logisticsSources as s } from './contracts.fixtures';
import { mapToPublic, routeOf, validatePublicEvent } from './public-events';

describe('public logistics events', () => {
  describe('a shipment planned for a provider', () => {
    const [assigned, ...rest] = mapToPublic(s.shipmentPlanned());

    it('tells that provider, and only that provider, about the assignment', () => {
      expect(rest).toEqual([]);
      expect(assigned).toMatchObject({
        type: 'logistics.shipment-assigned.v1',
        version: 1,
        source: 'kamflow',
        subject: 'shp-1',
        partner: 'lp-sf',
        occurredAt: '2026-12-01T08:00:00.000Z',
      });
    });
    it('carries the date, the address and the models and quantities to deliver', () => {
      expect(assigned.data).toEqual({
        shipmentId: 'shp-1',
        orderId: 'ord-1',
        providerId: 'lp-sf',
        plannedDate: '2026-12-15',
        deliveryAddress: expect.objectContaining({ city: 'Beijing', contact: 'Li Wei' }),
        lines: [{ lineId: 'L1', modelId: 'thinkpad-t14', quantity: 3 }],
        replacementOf: null,
      });
    });
    it('keeps the internal event id, so a redelivered event is recognised', () => {
      const event = s.shipmentPlanned();
      expect(mapToPublic(event)[0].id).toBe(event.eventId);
      expect(mapToPublic(event)).toEqual(mapToPublic(event));
    });
    it('is published on the logistics topic keyed by the provider id', () => {
      expect(routeOf(assigned)).toEqual({
        audience: 'logistics',
        topic: 'kamflow.public.logistics.v1',
        key: 'lp-sf',
      });
      expect(routeOf(assigned, 'it-1').topic).toBe('it-1.public.logistics.v1');
    });
  });

  it('names the shipment a replacement shipment replaces', () => {
    expect(mapToPublic(s.replacementPlanned())[0].data).toMatchObject({
      shipmentId: 'shp-2',
      replacementOf: 'shp-1',
    });
  });

  it('tells the previous provider to stand down when the shipment is reassigned', () => {
    const [event, ...rest] = mapToPublic(s.reassigned());
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      type: 'logistics.shipment-cancelled.v1',
      partner: 'lp-sf',
      data: { providerId: 'lp-sf', cause: 'REASSIGNED', reason: 'capacity' },
    });
  });

  it('publishes the pick-up note number', () => {
    expect(mapToPublic(s.pickUpNote())).toEqual([
      expect.objectContaining({
        type: 'logistics.pick-up-note-issued.v1',
        partner: 'lp-sf',
        data: expect.objectContaining({ pickUpNoteNo: 'PU-shp-1', issuedAt: '2026-12-15T09:00:00+08:00' }),
      }),
    ]);
  });

  it('tells the provider a cancelled shipment will not happen', () => {
    expect(mapToPublic(s.cancelled())[0]).toMatchObject({
      type: 'logistics.shipment-cancelled.v1',
      data: { cause: 'CANCELLED', reason: 'order cancelled', cancelledAt: '2026-12-03T08:00:00.000Z' },
    });
  });

  it('lists the rejected serials and their defects in a replacement request', () => {
    expect(mapToPublic(s.replacementRequested())[0]).toMatchObject({
      type: 'logistics.replacement-requested.v1',
      subject: 'shp-1',
      partner: 'lp-sf',
      data: {
        receiptId: 'RC-1',
        rejectedSerials: ['SN-3'],
        defects: [{ serial: 'SN-3', lineId: 'L1', defect: 'cracked screen' }],
        lines: [{ lineId: 'L1', modelId: 'thinkpad-t14', quantity: 1 }],
      },
    });
  });

  it('reminds the provider of an overdue acceptance receipt', () => {
    expect(mapToPublic(s.acceptanceOverdue())[0]).toMatchObject({
      type: 'logistics.acceptance-overdue.v1',
      partner: 'lp-sf',
      data: { acceptanceDueAt: '2026-12-19T10:00:00.000Z' },
    });
  });

  it('produces only events that validate against their JSON Schema', () => {
    const events = Object.values(s).flatMap((make) => mapToPublic(make()));
    expect(events).toHaveLength(7);
    for (const event of events) expect(validatePublicEvent(event)).toEqual([]);
  });
});
