import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { type CheckInvoiceOverdue } from './invoice.commands';
import { invoiceDecider } from './invoice.decider';
import { dunningLevelFor, nextDunningDate } from './invoice.dunning';
import { type InvoiceEvent } from './invoice.events';
import { AMOUNT, finance, issued, meta, system } from './invoice.fixtures';

const spec = DeciderSpecification.for(invoiceDecider);
// The fixture invoice is due 2026-04-05.
const check = (now: string, actor = system): CheckInvoiceOverdue => ({
  type: 'CheckInvoiceOverdue',
  data: { invoiceId: 'inv-1' },
  metadata: meta(actor, now),
});
const overdueAt = (daysOverdue: number, dunningLevel: number, checkedAt: string): InvoiceEvent => ({
  type: 'InvoiceOverdue',
  data: {
    invoiceId: 'inv-1',
    orderId: 'ord-1',
    accountId: 'acc-1',
    dueDate: '2026-04-05',
    daysOverdue,
    dunningLevel,
    outstanding: money(AMOUNT),
    checkedAt,
  },
});

describe('dunning an unpaid invoice', () => {
  it('does nothing on the due date itself', () => {
    spec.given([issued()]).when(check('2026-04-05T23:00:00.000Z')).thenNothing();
  });

  it('raises level 1 the day after the due date', () => {
    spec
      .given([issued()])
      .when(check('2026-04-06T01:00:00.000Z'))
      .then([overdueAt(1, 1, '2026-04-06T01:00:00.000Z')]);
  });

  it.each([
    [14, 1],
    [15, 2],
    [29, 2],
    [30, 3],
    [59, 3],
    [60, 4],
    [400, 4],
  ])('at %s days overdue is at level %s', (days, level) => {
    expect(dunningLevelFor(days)).toBe(level);
  });

  it('raises each level once', () => {
    spec
      .given([issued(), overdueAt(1, 1, 'x')])
      .when(check('2026-04-10T00:00:00.000Z'))
      .thenNothing();
    spec
      .given([issued(), overdueAt(1, 1, 'x')])
      .when(check('2026-04-20T00:00:00.000Z'))
      .then([overdueAt(15, 2, '2026-04-20T00:00:00.000Z')]);
  });

  it('raises only the level reached when a check comes late', () => {
    spec
      .given([issued()])
      .when(check('2026-05-10T00:00:00.000Z'))
      .then([overdueAt(35, 3, '2026-05-10T00:00:00.000Z')]);
  });

  it('carries what is still outstanding after partial payments', () => {
    const partly: InvoiceEvent = {
      type: 'PaymentRecorded',
      data: {
        invoiceId: 'inv-1',
        orderId: 'ord-1',
        accountId: 'acc-1',
        paymentId: 'p1',
        amount: money(49_850),
        receivedAt: '2026-04-01T00:00:00.000Z',
        reference: 'BOC-1',
        outstanding: money(AMOUNT - 49_850),
      },
    };
    spec
      .given([issued(), partly])
      .when(check('2026-04-06T00:00:00.000Z'))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ outstanding: money(2_200_000) }));
  });

  it('stops once the invoice is paid', () => {
    const paidEvent: InvoiceEvent = {
      type: 'InvoicePaid',
      data: {
        invoiceId: 'inv-1',
        orderId: 'ord-1',
        accountId: 'acc-1',
        amount: money(AMOUNT),
        paidAt: '2026-04-01T00:00:00.000Z',
      },
    };
    spec.given([issued(), paidEvent]).when(check('2026-06-01T00:00:00.000Z')).thenNothing();
  });

  it('tells the timer when the next level falls due', () => {
    const state = [issued(), overdueAt(1, 1, 'x')].reduce(
      invoiceDecider.evolve,
      invoiceDecider.initialState(),
    );
    expect(nextDunningDate(state)).toBe('2026-04-20');
    const last = invoiceDecider.evolve(state, overdueAt(60, 4, 'x'));
    expect(nextDunningDate(last)).toBeUndefined();
  });

  it('is run by the fulfilment timer or finance only', () => {
    spec
      .given([issued()])
      .when(check('2026-04-06T01:00:00.000Z', finance))
      .thenMatches((e) => expect(e).toHaveLength(1));
    spec
      .given([issued()])
      .when(
        check('2026-04-06T01:00:00.000Z', {
          id: 'provider:cp',
          roles: ['commerce-provider'],
          providerId: 'cp',
        }),
      )
      .thenThrows('BILLING.FORBIDDEN');
  });
});
