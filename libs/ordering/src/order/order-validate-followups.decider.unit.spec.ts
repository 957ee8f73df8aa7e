import { DeciderSpecification, type DomainError } from '@kamflow/eventsourcing';
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
  releasedOrder,
  reviewed,
  shipmentPlanned,
  system,
} from './order.fixtures';

const spec = DeciderSpecification.for(orderDecider);
const refusedOn = (field: string) => (error: DomainError) => {
  expect(error.kind).toBe('invalid');
  expect(error.details?.field).toBe(field);
};
/** Data an edge might send, whatever the command type promises. */
const junk = <T>(data: unknown) => data as T;

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
