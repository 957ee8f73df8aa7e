import { DeciderSpecification } from '@kamflow/eventsourcing';
import { acceptanceStreamId, inspectionDecider } from './inspection.decider';
import { type InspectionEvent } from './inspection.events';
import { allAccepted, bad, delivery, NOW, ok, open, opened, provider, sign } from './inspection.fixtures';

const spec = DeciderSpecification.for(inspectionDecider);

describe('opening the inspection of a delivered shipment', () => {
  it('records what was delivered, when', () => {
    spec.given([]).when(open).then([opened]);
    expect(acceptanceStreamId('shp-1')).toBe('acceptance-shp-1');
  });

  it('treats a redelivered ShipmentDelivered as already done', () => {
    spec.given([opened]).when(open).thenNothing();
  });

  it('refuses a delivery with nothing on it', () => {
    spec
      .given([])
      .when({ ...open, data: { ...delivery, lines: [] } })
      .thenThrows('ACCEPTANCE.INVALID_INSPECTION');
  });

  it('is not opened by a provider', () => {
    spec
      .given([])
      .when({ ...open, metadata: { now: NOW, actor: provider() } })
      .thenThrows('ACCEPTANCE.FORBIDDEN');
  });
});

describe('signing the acceptance receipt', () => {
  it('records the receipt with per-line accepted and rejected counts', () => {
    spec
      .given([opened])
      .when(sign())
      .then([
        {
          type: 'AcceptanceReceiptSigned',
          data: {
            shipmentId: 'shp-1',
            receiptId: 'rcp-1',
            orderId: 'ord-1',
            accountId: 'acc-1',
            providerId: 'lp-sf',
            signatory: 'Wang Fang',
            signedAt: '2026-03-06T11:30:00.000Z',
            satisfaction: 5,
            units: allAccepted,
            lines: [
              { lineId: 'l1', modelId: 'thinkpad-t14', delivered: 2, accepted: 2, rejected: 0 },
              { lineId: 'l2', modelId: 'thinkcentre-m90', delivered: 1, accepted: 1, rejected: 0 },
            ],
            acceptedUnits: 3,
            rejectedUnits: 0,
          },
        },
      ]);
  });

  it('requests a replacement (换机) for the rejected units, with their serials and defects', () => {
    spec
      .given([opened])
      .when(sign({ units: [ok('PF-001'), bad('PF-002'), ok('MJ-100', 'l2')] }))
      .thenMatches((events, after) => {
        expect(events.map((e) => e.type)).toEqual(['AcceptanceReceiptSigned', 'ReplacementRequested']);
        expect(events[0].data).toMatchObject({ acceptedUnits: 2, rejectedUnits: 1 });
        expect(events[1].data).toEqual({
          shipmentId: 'shp-1',
          receiptId: 'rcp-1',
          orderId: 'ord-1',
          accountId: 'acc-1',
          providerId: 'lp-sf',
          lines: [{ lineId: 'l1', modelId: 'thinkpad-t14', quantity: 1 }],
          serials: ['PF-002'],
          defects: [{ serial: 'PF-002', lineId: 'l1', defect: 'cracked screen' }],
          requestedAt: '2026-03-06T11:30:00.000Z',
        });
        expect(after.status).toBe('SIGNED');
      });
  });

  it('refuses a receipt before the delivery was reported', () => {
    spec
      .given([])
      .when(sign())
      .thenThrows('ACCEPTANCE.NOT_DELIVERED', (e) => expect(e.kind).toBe('conflict'));
  });

  it('refuses another provider', () => {
    spec
      .given([opened])
      .when(sign({}, provider('lp-other')))
      .thenThrows('ACCEPTANCE.NOT_ASSIGNED_PROVIDER', (e) => expect(e.kind).toBe('forbidden'));
  });

  it('refuses staff signing on the provider’s behalf', () => {
    spec
      .given([opened])
      .when(sign({}, { id: 'user:desk', roles: ['order-desk'] }))
      .thenThrows('ACCEPTANCE.NOT_ASSIGNED_PROVIDER');
  });

  describe('once signed', () => {
    const signedHistory: InspectionEvent[] = [
      opened,
      ...inspectionDecider.decide(sign(), inspectionDecider.evolve(inspectionDecider.initialState(), opened)),
    ];

    it('refuses a second receipt', () => {
      spec
        .given(signedHistory)
        .when(sign({ receiptId: 'rcp-2' }))
        .thenThrows('ACCEPTANCE.ALREADY_SIGNED');
    });

    it('treats the same receipt sent again as already done', () => {
      spec.given(signedHistory).when(sign()).thenNothing();
    });
  });
});
