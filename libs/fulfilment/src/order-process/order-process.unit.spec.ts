import { DeciderSpecification } from '@kamflow/eventsourcing';
import { orderProcessDecider, type OrderProcessCommand } from './order-process';

const system = { id: 'system:fulfilment', roles: ['system'] };
const delivered = {
  orderId: 'SO-1',
  shipmentId: 'SH-1',
  providerId: 'lp-1',
  deliveredAt: '2026-11-26T10:00:00.000Z',
  acceptanceDueAt: '2026-11-29T10:00:00.000Z',
};
const at = (now: string, command: Omit<OrderProcessCommand, 'metadata'>) =>
  ({ ...command, metadata: { now, actor: system } }) as OrderProcessCommand;
const spec = DeciderSpecification.for(orderProcessDecider);

describe('a delivery awaiting its acceptance receipt', () => {
  const given = spec.given([{ type: 'AcceptanceAwaited', data: delivered }]);

  it('becomes overdue once the deadline passes without a receipt', () => {
    given
      .when(at('2026-11-29T10:00:01.000Z', { type: 'CheckAcceptanceOverdue', data: { orderId: 'SO-1', shipmentId: 'SH-1' } }))
      .then([{ type: 'AcceptanceOverdue', data: { ...delivered, detectedAt: '2026-11-29T10:00:01.000Z' } }]);
  });

  it('is not overdue before the deadline', () => {
    given
      .when(at('2026-11-29T09:59:59.000Z', { type: 'CheckAcceptanceOverdue', data: { orderId: 'SO-1', shipmentId: 'SH-1' } }))
      .thenNothing();
  });

  it('is never overdue once the receipt is signed', () => {
    spec
      .given([
        { type: 'AcceptanceAwaited', data: delivered },
        { type: 'AcceptanceReceived', data: { orderId: 'SO-1', shipmentId: 'SH-1', signedAt: '2026-11-27T00:00:00.000Z' } },
      ])
      .when(at('2026-12-30T00:00:00.000Z', { type: 'CheckAcceptanceOverdue', data: { orderId: 'SO-1', shipmentId: 'SH-1' } }))
      .thenNothing();
  });

  it('is tracked once however often the delivery is reported', () => {
    given.when(at('2026-11-26T10:00:00.000Z', { type: 'TrackDelivery', data: delivered })).thenNothing();
  });

  it('is only recorded by the process itself', () => {
    spec
      .given([])
      .when({ type: 'TrackDelivery', data: delivered, metadata: { now: '2026-11-26T10:00:00.000Z', actor: { id: 'user:desk', roles: ['order-desk'] } } })
      .thenThrows('PROCESS.FORBIDDEN');
  });
});

describe('an order process command no reader could read', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a delivery at no instant', { ...delivered, deliveredAt: '2026-11-31T10:00:00Z' }, 'deliveredAt'],
    ['a deadline that is a number', { ...delivered, acceptanceDueAt: 1_795_000_000_000 }, 'acceptanceDueAt'],
    ['a NUL in the provider', { ...delivered, providerId: 'lp\u0000' }, 'providerId'],
  ])('a tracked delivery with %s is refused, naming the field', (_what, data, field) => {
    spec
      .given([])
      .when(at('2026-11-26T10:00:00.000Z', { type: 'TrackDelivery', data } as never))
      .thenThrows('COMMAND.INVALID_FIELD', (e) => expect(e.details?.field).toBe(field));
  });
});
