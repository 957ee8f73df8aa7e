import fc from 'fast-check';
import { DeciderSpecification, DomainError } from '@kamflow/eventsourcing';
import { INVALID_FIELD, money } from '@kamflow/shared-kernel';
import { type OrderCommand } from './order.commands';
import { orderDecider } from './order.decider';
import {
  actors,
  address,
  command,
  lines,
  ORDER_ID,
  placed,
  placeOrderData,
  releasedOrder,
  reviewed,
  shipmentPlanned,
  system,
} from './order.fixtures';
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

describe('other order commands no reader could read', () => {
  const cases: [string, OrderCommand, string, string][] = [
    [
      'an amendment with a negative quantity',
      command('AmendOrder', junk({ orderId: ORDER_ID, lines: [{ ...lines[0], quantity: -3 }] })),
      'ORDER.INVALID_QUANTITY',
      'lines[0].quantity',
    ],
    [
      'an amendment without an address',
      command(
        'AmendOrder',
        junk({ orderId: ORDER_ID, lines: [{ ...lines[0], quantity: 4, deliveryAddress: null }] }),
      ),
      'ORDER.MISSING_FIELD',
      'lines[0].deliveryAddress',
    ],
    [
      'a cancellation with a NUL in the reason',
      command('CancelOrder', { orderId: ORDER_ID, reason: '撤单\u0000' }),
      INVALID_FIELD,
      'reason',
    ],
    [
      'a cancellation without a reason',
      command('CancelOrder', junk({ orderId: ORDER_ID })),
      'ORDER.REASON_REQUIRED',
      'reason',
    ],
    [
      'a contract review with an unknown decision',
      command('ReviewContract', junk({ orderId: ORDER_ID, decision: 'MAYBE' }), actors.reviewer),
      INVALID_FIELD,
      'decision',
    ],
    [
      'a contract review with a reason that is a list',
      command('ReviewContract', junk({ orderId: ORDER_ID, decision: 'REJECT', reason: [] }), actors.reviewer),
      INVALID_FIELD,
      'reason',
    ],
    [
      'a credit decision without currency',
      system(
        'RecordCreditDecision',
        junk({ orderId: ORDER_ID, outcome: 'APPROVED', amount: { amount: 1 }, snapshot: {} }),
      ),
      INVALID_FIELD,
      'amount.currency',
    ],
    [
      'a credit decision with an unknown outcome',
      system(
        'RecordCreditDecision',
        junk({ orderId: ORDER_ID, outcome: 'MAYBE', amount: money(1), snapshot: {} }),
      ),
      INVALID_FIELD,
      'outcome',
    ],
    [
      'a credit decision without snapshot',
      system('RecordCreditDecision', junk({ orderId: ORDER_ID, outcome: 'HELD', amount: money(1) })),
      INVALID_FIELD,
      'snapshot',
    ],
    [
      'a configuration verdict with a fractional price',
      system(
        'RecordLineConfiguration',
        junk({
          orderId: ORDER_ID,
          lineId: 'L1',
          configurationRound: 1,
          valid: true,
          catalogVersion: '7',
          unitPrice: { amount: 0.5, currency: 'CNY' },
          leadTimeDays: 5,
        }),
      ),
      INVALID_FIELD,
      'unitPrice.amount',
    ],
    [
      'a configuration verdict with violations that are text',
      system(
        'RecordLineConfiguration',
        junk({
          orderId: ORDER_ID,
          lineId: 'L1',
          configurationRound: 1,
          valid: false,
          catalogVersion: '7',
          violations: 'bad',
        }),
      ),
      INVALID_FIELD,
      'violations',
    ],
    [
      'a shipment on 2026-02-29',
      command(
        'PlanOrderShipment',
        junk({ ...shipmentPlanned('s-1', { L1: 1 }).data, plannedDate: '2026-02-29' }),
      ),
      'ORDER.INVALID_DATE',
      'plannedDate',
    ],
    [
      'a shipment without city',
      command(
        'PlanOrderShipment',
        junk({ ...shipmentPlanned('s-1', { L1: 1 }).data, deliveryAddress: { ...address, city: undefined } }),
      ),
      'ORDER.MISSING_FIELD',
      'deliveryAddress.city',
    ],
    [
      'a shipment of -1 units',
      command('PlanOrderShipment', junk({ ...shipmentPlanned('s-1', { L1: -1 }).data })),
      'ORDER.INVALID_QUANTITY',
      'lines[0].quantity',
    ],
    [
      'an acceptance with fractional units',
      system(
        'RecordAcceptance',
        junk({ orderId: ORDER_ID, shipmentId: 's-1', lines: [{ lineId: 'L1', accepted: 0.5, rejected: 0 }] }),
      ),
      'ORDER.ACCEPTANCE_QUANTITY_MISMATCH',
      'lines[0].accepted',
    ],
    [
      'an invoice due on no day',
      system(
        'RecordInvoiceIssued',
        junk({
          orderId: ORDER_ID,
          invoiceId: 'i-1',
          shipmentId: 's-1',
          amount: money(1),
          dueDate: '2027-01-32',
        }),
      ),
      'ORDER.INVALID_DATE',
      'dueDate',
    ],
    [
      'an invoice of a list',
      system(
        'RecordInvoiceIssued',
        junk({ orderId: ORDER_ID, invoiceId: 'i-1', shipmentId: 's-1', amount: [], dueDate: '2027-01-30' }),
      ),
      INVALID_FIELD,
      'amount',
    ],
  ];
  it.each(cases)('%s is refused before any rule', (_what, cmd, code, field) => {
    spec.given(releasedOrder).when(cmd).thenThrows(code, refusedOn(field));
  });

  it('still records well-formed commands', () => {
    spec
      .given([placed])
      .when(command('CancelOrder', { orderId: ORDER_ID, reason: '客户撤单\n改期' }))
      .thenMatches((events) => {
        expect(events.map((e) => e.type)).toEqual(['OrderCancelled']);
      });
    spec
      .given(reviewed)
      .when(command('ReviewContract', { orderId: ORDER_ID, decision: 'APPROVE' }, actors.reviewer))
      .thenThrows('ORDER.CONTRACT_ALREADY_REVIEWED');
  });
});
