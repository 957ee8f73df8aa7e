import fc from 'fast-check';
import { DeciderSpecification, DomainError } from '@kamflow/eventsourcing';
import { INVALID_FIELD } from '@kamflow/shared-kernel';
import { orderDecider } from './order.decider';
import { address, command, lines, placeOrderData } from './order.fixtures';
import { validateOrderCommand } from './order.validate';

const spec = DeciderSpecification.for(orderDecider);
const refusedOn = (field: string) => (error: DomainError) => {
  expect(error.kind).toBe('invalid');
  expect(error.details?.field).toBe(field);
};
/** Data an edge might send, whatever the command type promises. */
const junk = <T>(data: unknown) => data as T;
const place = (data: unknown) => command('PlaceOrder', junk(data));
const withLine = (over: Record<string, unknown>) => ({
  ...placeOrderData,
  lines: [{ ...lines[0], ...over }],
});

describe('placing an order no reader could read', () => {
  it.each<[string, unknown, string, string]>([
    ['a negative quantity', withLine({ quantity: -1 }), 'ORDER.INVALID_QUANTITY', 'lines[0].quantity'],
    ['a fractional quantity', withLine({ quantity: 1.5 }), 'ORDER.INVALID_QUANTITY', 'lines[0].quantity'],
    [
      '100 001 units on a line',
      withLine({ quantity: 100_001 }),
      'ORDER.INVALID_QUANTITY',
      'lines[0].quantity',
    ],
    [
      'an impossible date',
      withLine({ requestedDate: '2026-13-45' }),
      'ORDER.INVALID_DATE',
      'lines[0].requestedDate',
    ],
    [
      'a 30 February',
      withLine({ requestedDate: '2027-02-30' }),
      'ORDER.INVALID_DATE',
      'lines[0].requestedDate',
    ],
    ['a NUL in a model id', withLine({ modelId: 'TC\u0000' }), INVALID_FIELD, 'lines[0].modelId'],
    [
      'option ids that are not a list',
      withLine({ optionIds: 'cpu-i7' }),
      INVALID_FIELD,
      'lines[0].optionIds',
    ],
    [
      'an option id that is a number',
      withLine({ optionIds: ['cpu-i7', 16] }),
      INVALID_FIELD,
      'lines[0].optionIds[1]',
    ],
    [
      'no delivery address',
      withLine({ deliveryAddress: undefined }),
      'ORDER.MISSING_FIELD',
      'lines[0].deliveryAddress',
    ],
    [
      'an address without contact',
      withLine({ deliveryAddress: { ...address, contact: '' } }),
      'ORDER.MISSING_FIELD',
      'lines[0].deliveryAddress.contact',
    ],
    [
      'a phone that is a number',
      withLine({ deliveryAddress: { ...address, phone: 10 } }),
      INVALID_FIELD,
      'lines[0].deliveryAddress.phone',
    ],
    ['a line that is text', { ...placeOrderData, lines: ['L1'] }, INVALID_FIELD, 'lines[0]'],
    ['lines that are an object', { ...placeOrderData, lines: {} }, INVALID_FIELD, 'lines'],
    ['no lines', { ...placeOrderData, lines: [] }, 'ORDER.NO_LINES', 'lines'],
    [
      '201 lines',
      { ...placeOrderData, lines: Array.from({ length: 201 }, (_, i) => ({ ...lines[0], lineId: `L${i}` })) },
      INVALID_FIELD,
      'lines',
    ],
    ['no account', { ...placeOrderData, account: undefined }, 'ORDER.MISSING_FIELD', 'account'],
    [
      'an unknown tier',
      { ...placeOrderData, account: { ...placeOrderData.account, tier: 'GOLD' } },
      INVALID_FIELD,
      'account.tier',
    ],
    [
      'a lone surrogate in the PO',
      { ...placeOrderData, customerPo: 'PO\uD800' },
      INVALID_FIELD,
      'customerPo',
    ],
    ['a signatory that is text', { ...placeOrderData, signedBy: '张三' }, INVALID_FIELD, 'signedBy'],
    ['an unknown channel', { ...placeOrderData, channel: 'WEB' }, INVALID_FIELD, 'channel'],
  ])('is refused for %s, naming the field, with no event', (_what, data, code, field) => {
    spec.given([]).when(place(data)).thenThrows(code, refusedOn(field));
  });

  it('either refuses junk in any line field as invalid or records a line that passes the same checks', () => {
    const fields = Object.keys(lines[0]);
    const value = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.integer({ min: -5, max: 200_000 }),
      fc.double(),
      fc.constantFrom('2026-12-01', '2026-02-29', '', ' ', '\u0000', [], {}, null, ['a']),
    );
    fc.assert(
      fc.property(fc.constantFrom(...fields), value, (field, v) => {
        let events;
        try {
          events = orderDecider.decide(place(withLine({ [field]: v })), { status: 'NONE' });
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect(['invalid', 'rule']).toContain((error as DomainError).kind);
          return;
        }
        const [event] = events;
        if (event?.type !== 'OrderPlaced') throw new Error('expected OrderPlaced');
        const { orderId, account, channel, signedBy, customerPo } = event.data;
        const lineSpecs = event.data.lines.map(({ configurationRound: _round, ...spec }) => spec);
        validateOrderCommand(place({ orderId, account, channel, signedBy, customerPo, lines: lineSpecs }));
      }),
      { seed: 1126, numRuns: 400 },
    );
  });
});
