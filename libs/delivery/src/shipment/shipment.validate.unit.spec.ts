import fc from 'fast-check';
import { DeciderSpecification, DomainError } from '@kamflow/eventsourcing';
import { type ShipmentCommand } from './shipment.commands';
import { shipmentDecider } from './shipment.decider';
import { desk, historyTo, meta, planData, provider, system } from './shipment.fixtures';
import { validateShipmentCommand } from './shipment.validate';

const spec = DeciderSpecification.for(shipmentDecider);
const INVALID = 'DELIVERY.INVALID_SHIPMENT';
const refusedOn = (field: string) => (error: DomainError) => {
  expect(error.kind).toBe('invalid');
  expect(error.details?.field).toBe(field);
};
const raw = (type: ShipmentCommand['type'], data: unknown, actor = desk) =>
  ({ type, data, metadata: meta(actor) }) as ShipmentCommand;

describe('shipment commands no reader could read', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['an impossible planned date', { ...planData, plannedDate: '2026-02-30' }, 'plannedDate'],
    ['no delivery address', { ...planData, deliveryAddress: undefined }, 'deliveryAddress'],
    ['an address that is a list', { ...planData, deliveryAddress: [] }, 'deliveryAddress'],
    [
      'a NUL in the contact',
      { ...planData, deliveryAddress: { ...planData.deliveryAddress, contact: 'Li\u0000' } },
      'deliveryAddress.contact',
    ],
    [
      'a negative quantity',
      { ...planData, lines: [{ lineId: 'l1', modelId: 'm', quantity: -2 }] },
      'lines[0].quantity',
    ],
    ['a line that is null', { ...planData, lines: [null] }, 'lines[0]'],
    ['lines that are text', { ...planData, lines: 'l1' }, 'lines'],
  ])('a plan with %s is refused, naming the field', (_what, data, field) => {
    spec
      .given([])
      .when(raw('PlanShipment', data, system))
      .thenThrows(INVALID, refusedOn(field));
  });

  it.each<[string, ShipmentCommand, string]>([
    [
      'an unknown status',
      raw(
        'ReportShipmentStatus',
        { shipmentId: 'shp-1', status: 'LOST', at: '2026-03-05T09:00:00Z' },
        provider(),
      ),
      'status',
    ],
    [
      'a report at no instant',
      raw(
        'ReportShipmentStatus',
        { shipmentId: 'shp-1', status: 'READY_TO_SHIP', at: '2026-03-05T25:00:00Z' },
        provider(),
      ),
      'at',
    ],
    [
      'a report without offset',
      raw(
        'ReportShipmentStatus',
        { shipmentId: 'shp-1', status: 'READY_TO_SHIP', at: '2026-03-05T09:00:00' },
        provider(),
      ),
      'at',
    ],
    [
      'a note with a lone surrogate',
      raw(
        'ReportShipmentStatus',
        { shipmentId: 'shp-1', status: 'FAILED', at: '2026-03-05T09:00:00Z', note: 'x\uD800' },
        provider(),
      ),
      'note',
    ],
    [
      'a reschedule to 2026-13-01',
      raw('RescheduleShipment', { shipmentId: 'shp-1', plannedDate: '2026-13-01', reason: 'r' }),
      'plannedDate',
    ],
    [
      'a reassignment to a provider that is a number',
      raw('ReassignShipmentProvider', { shipmentId: 'shp-1', providerId: 7, reason: 'r' }),
      'providerId',
    ],
    [
      'a cancellation with a reason of 2 001 characters',
      raw('CancelShipment', { shipmentId: 'shp-1', reason: 'x'.repeat(2001) }),
      'reason',
    ],
  ])('%s is refused before any rule', (_what, command, field) => {
    spec.given(historyTo('PLANNED')).when(command).thenThrows(INVALID, refusedOn(field));
  });

  it('either refuses junk in a status report as invalid or records data that passes the same checks', () => {
    const value = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    );
    const field = fc.constantFrom('status', 'at', 'note', 'pickUpNoteNo');
    fc.assert(
      fc.property(field, value, (name, v) => {
        const data = { shipmentId: 'shp-1', status: 'READY_TO_SHIP', at: '2026-03-05T09:00:00Z', [name]: v };
        const state = historyTo('PLANNED').reduce(shipmentDecider.evolve, shipmentDecider.initialState());
        let events;
        try {
          events = shipmentDecider.decide(raw('ReportShipmentStatus', data, provider()), state);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect(['invalid', 'conflict']).toContain((error as DomainError).kind);
          return;
        }
        for (const event of events) {
          const { at, note } = event.data as { at?: string; note?: string };
          validateShipmentCommand(
            raw('ReportShipmentStatus', { shipmentId: 'shp-1', status: 'READY_TO_SHIP', at, note }),
          );
        }
      }),
      { seed: 305, numRuns: 300 },
    );
  });
});
