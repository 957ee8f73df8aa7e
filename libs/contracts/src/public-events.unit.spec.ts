import { ORDER_EVENT_TYPES } from '@kamflow/ordering';
import { commerceSources, financeSources, logisticsSources, recorded } from './contracts.fixtures';
import { MONEY_SCHEMA, validate } from './json-schema';
import { mapToPublic, PUBLIC_EVENT_CONTRACTS, publicEventSchema, validatePublicEvent } from './public-events';

describe('the public contract as a whole', () => {
  it('has a fixture producing every published event type', () => {
    const produced = new Set(
      [
        ...Object.values(logisticsSources).map((make) => make()),
        commerceSources.orderPlaced(),
        commerceSources.invoiceIssued(),
        commerceSources.invoicePaid('cp-digital'),
        commerceSources.invoiceOverdue(),
        ...Object.values(financeSources).map((make) => make()),
      ]
        .flatMap(mapToPublic)
        .map((e) => e.type),
    );
    expect([...produced].sort()).toEqual(PUBLIC_EVENT_CONTRACTS.map((c) => c.type).sort());
  });

  it('names every type <audience>.<name>.v<version> with a matching version', () => {
    for (const c of PUBLIC_EVENT_CONTRACTS) {
      expect(c.type).toMatch(new RegExp(`^${c.audience}\\.[a-z-]+\\.v${c.version}$`));
    }
  });

  it.each([
    ...ORDER_EVENT_TYPES.filter((t) => t !== 'OrderPlaced').map((t) => [t, 'order-ord-1']),
    ...[
      'ShipmentReadyToShip',
      'ShipmentDispatched',
      'ShipmentInTransit',
      'ShipmentDelivered',
      'ShipmentDeliveryFailed',
      'ShipmentRescheduled',
    ].map((t) => [t, 'shipment-shp-1']),
    ['InspectionOpened', 'acceptance-shp-1'],
    ['AcceptanceReceiptSigned', 'acceptance-shp-1'],
    ['AcceptanceAwaited', 'orderProcess-ord-1'],
    ['CreditAccountOpened', 'creditAccount-acc-1'],
    ['OrderCreditWithdrawn', 'creditAccount-acc-1'],
    ['ReceivableOpened', 'creditAccount-acc-1'],
    ['CreditTermsChanged', 'creditAccount-acc-1'],
    ['CatalogVersionPublished', 'catalog-c1'],
  ])('keeps the internal-only event %s internal', (type, stream) => {
    expect(
      mapToPublic(recorded(type, stream, { orderId: 'ord-1', shipmentId: 'shp-1', providerId: 'lp-sf' })),
    ).toEqual([]);
  });
});

describe('the schema validator', () => {
  const event = () => mapToPublic(logisticsSources.shipmentPlanned())[0];

  it('rejects money as a float', () => {
    expect(validate(MONEY_SCHEMA, { amount: 12.5, currency: 'CNY' })).toEqual([
      '$.amount: expected integer, got number',
    ]);
  });
  it('rejects a missing field, an unknown field and a wrong constant', () => {
    const broken = {
      ...event(),
      type: 'logistics.shipment-assigned.v1',
      version: 2,
      extra: 1,
      subject: undefined,
    };
    expect(validatePublicEvent(broken)).toEqual([
      '$.subject: is required',
      '$.version: must be 2'.replace('2', '1'),
      '$.extra: is not allowed',
    ]);
  });
  it('rejects a bad date, an empty line list and an unknown type', () => {
    const e = event();
    const broken = {
      ...e,
      occurredAt: 'yesterday',
      data: { ...e.data, plannedDate: '15.12.2026', lines: [] },
    };
    expect(validatePublicEvent(broken)).toEqual([
      '$.occurredAt: not an ISO 8601 date-time',
      '$.data.plannedDate: does not match ^\\d{4}-\\d{2}-\\d{2}$',
      '$.data.plannedDate: not a YYYY-MM-DD date',
      '$.data.lines: needs at least 1 items',
    ]);
    expect(validatePublicEvent({ type: 'logistics.unknown.v1' })).toEqual([
      '$.type: unknown public event type "logistics.unknown.v1"',
    ]);
  });
  it('declares JSON Schema draft 2020-12 on every event schema', () => {
    for (const c of PUBLIC_EVENT_CONTRACTS) {
      expect(publicEventSchema(c.type)).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: c.type,
      });
    }
  });
});
