import { type Money, Roles } from '@kamflow/shared-kernel';
import { requirePositiveAmount, requireRole } from '../common/credit-guards';
import { type OpenReceivable, type RecordReceivablePayment } from './credit-account.commands';
import { CreditAccountErrors } from './credit-account.errors';
import { type CreditAccountEvent } from './credit-account.events';
import { withReevaluation } from './credit-account.reevaluation';
import { type OpenCreditAccountState } from './credit-account.state';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An invoice moves up to its amount from the order's reservation into receivables; a repeated invoice id is ignored. */
export function decideOpenReceivable(
  command: OpenReceivable,
  state: OpenCreditAccountState,
): CreditAccountEvent[] {
  requireRole(command.metadata.actor, 'open a receivable', Roles.System);
  const { invoiceId, orderId, amount, dueDate } = command.data;
  if (invoiceId in state.receivables) return [];
  requirePositiveAmount(amount, state.limit.currency);
  if (!ISO_DATE.test(dueDate) || Number.isNaN(Date.parse(`${dueDate}T00:00:00Z`))) {
    throw CreditAccountErrors.invalidDate('dueDate', dueDate);
  }
  const reservation = state.reservations[orderId]?.amount ?? 0;
  const reservationReleased: Money = {
    amount: Math.min(amount.amount, reservation),
    currency: amount.currency,
  };
  return [
    {
      type: 'ReceivableOpened',
      data: { accountId: state.accountId, invoiceId, orderId, amount, dueDate, reservationReleased },
    },
  ];
}

/**
 * A payment reduces the receivable (capped at what is outstanding; a paid-up invoice takes nothing more) and
 * re-evaluates held orders, since exposure fell and overdue items may be settled.
 */
export function decidePayment(
  command: RecordReceivablePayment,
  state: OpenCreditAccountState,
): CreditAccountEvent[] {
  requireRole(command.metadata.actor, 'record a receivable payment', Roles.System);
  const { invoiceId, amount, receivedAt } = command.data;
  requirePositiveAmount(amount, state.limit.currency);
  const receivable = state.receivables[invoiceId];
  if (!receivable) throw CreditAccountErrors.receivableNotFound(invoiceId);
  const outstanding = receivable.outstanding.amount;
  if (outstanding === 0) return [];
  const applied = Math.min(amount.amount, outstanding);
  const currency = amount.currency;
  return withReevaluation(
    state,
    [
      {
        type: 'ReceivablePaymentApplied',
        data: {
          accountId: state.accountId,
          invoiceId,
          amount: { amount: applied, currency },
          outstanding: { amount: outstanding - applied, currency },
          receivedAt,
        },
      },
    ],
    command.metadata.now,
  );
}
