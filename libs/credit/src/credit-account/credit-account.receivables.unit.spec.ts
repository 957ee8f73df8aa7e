import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import {
  accountAfter,
  actors,
  cmd,
  history,
  invoice,
  NOW,
  open,
  pay,
  review,
  yuan,
} from '../testing/credit-fixtures';
import { creditAccountDecider } from './credit-account.decider';
import { exposure, receivable, reserved } from './credit-account.policy';

const spec = DeciderSpecification.for(creditAccountDecider);
const approved = history(open('A', yuan(10_000)), review('o-1', yuan(6_000)));

describe('opening a receivable for an invoice', () => {
  it("moves the invoiced amount from the order's reservation to receivables, leaving exposure unchanged", () => {
    spec
      .given(approved)
      .when(invoice('inv-1', 'o-1', yuan(6_000), '2026-04-09'))
      .thenMatches((events) => {
        expect(events).toEqual([
          {
            type: 'ReceivableOpened',
            data: {
              accountId: 'acc-1',
              invoiceId: 'inv-1',
              orderId: 'o-1',
              amount: yuan(6_000),
              dueDate: '2026-04-09',
              reservationReleased: yuan(6_000),
            },
          },
        ]);
        const account = accountAfter([...approved, ...events]);
        expect(account.reservations).toEqual({});
        expect(receivable(account)).toEqual(yuan(6_000));
        expect(exposure(account)).toEqual(yuan(6_000));
      });
  });

  it('keeps the rest of the reservation after a partial delivery is invoiced', () => {
    const account = accountAfter(
      history(
        open('A', yuan(10_000)),
        review('o-1', yuan(6_000)),
        invoice('inv-1', 'o-1', yuan(2_000), '2026-04-09'),
      ),
    );
    expect(reserved(account)).toEqual(yuan(4_000));
    expect(receivable(account)).toEqual(yuan(2_000));
  });

  it('releases no more than was reserved when the invoice is larger', () => {
    spec
      .given(approved)
      .when(invoice('inv-1', 'o-1', yuan(7_000), '2026-04-09'))
      .thenMatches((events) => {
        expect(events[0].data).toMatchObject({ reservationReleased: yuan(6_000) });
        expect(exposure(accountAfter([...approved, ...events]))).toEqual(yuan(7_000));
      });
    spec
      .given(approved)
      .when(invoice('inv-2', 'o-other', yuan(1_000), '2026-04-09'))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ reservationReleased: yuan(0) }));
  });

  it('ignores an invoice it has already seen', () => {
    spec
      .given(
        history(
          open('A', yuan(10_000)),
          review('o-1', yuan(6_000)),
          invoice('inv-1', 'o-1', yuan(6_000), '2026-04-09'),
        ),
      )
      .when(invoice('inv-1', 'o-1', yuan(6_000), '2026-04-09'))
      .thenNothing();
  });

  it('refuses a malformed due date and a non-system caller', () => {
    spec
      .given(approved)
      .when(invoice('inv-1', 'o-1', yuan(6_000), '09/04/2026'))
      .thenThrows('CREDIT.INVALID_DATE');
    spec
      .given(approved)
      .when(
        cmd(
          'OpenReceivable',
          { invoiceId: 'inv-1', orderId: 'o-1', amount: yuan(1), dueDate: '2026-04-09' },
          actors.manager,
        ),
      )
      .thenThrows('CREDIT.FORBIDDEN');
  });
});

describe('a payment on a receivable', () => {
  const invoiced = history(
    open('A', yuan(10_000)),
    review('o-1', yuan(6_000)),
    invoice('inv-1', 'o-1', yuan(6_000), '2026-04-09'),
  );

  it('reduces the outstanding amount and the exposure', () => {
    spec
      .given(invoiced)
      .when(pay('inv-1', yuan(2_500)))
      .thenMatches((events) => {
        expect(events).toEqual([
          {
            type: 'ReceivablePaymentApplied',
            data: {
              accountId: 'acc-1',
              invoiceId: 'inv-1',
              amount: yuan(2_500),
              outstanding: yuan(3_500),
              receivedAt: NOW,
            },
          },
        ]);
        expect(exposure(accountAfter([...invoiced, ...events]))).toEqual(yuan(3_500));
      });
  });

  it('applies no more than is outstanding, and nothing to a paid-up invoice', () => {
    spec
      .given(invoiced)
      .when(pay('inv-1', yuan(7_000)))
      .thenMatches((events) =>
        expect(events[0].data).toMatchObject({ amount: yuan(6_000), outstanding: yuan(0) }),
      );
    const paidUp = history(
      open('A', yuan(10_000)),
      review('o-1', yuan(6_000)),
      invoice('inv-1', 'o-1', yuan(6_000), '2026-04-09'),
      pay('inv-1', yuan(6_000)),
    );
    spec
      .given(paidUp)
      .when(pay('inv-1', yuan(1)))
      .thenNothing();
  });

  it('refuses an unknown invoice and a zero payment', () => {
    spec
      .given(invoiced)
      .when(pay('inv-unknown', yuan(1)))
      .thenThrows('CREDIT.RECEIVABLE_NOT_FOUND');
    spec
      .given(invoiced)
      .when(pay('inv-1', money(0)))
      .thenThrows('CREDIT.INVALID_AMOUNT');
  });
});
