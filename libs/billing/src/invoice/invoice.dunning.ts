import { addCalendarDays, daysBetween } from '@kamflow/shared-kernel';
import { type CheckInvoiceOverdue } from './invoice.commands';
import { type InvoiceEvent } from './invoice.events';
import { type Invoice, type InvoiceState } from './invoice.state';

/**
 * Dunning levels (催款), by calendar days past the due date: 1 a reminder the day after, 2 at 15 days,
 * 3 at 30 days (the credit review holds new orders beyond 30), 4 at 60 days (escalation).
 */
export const DUNNING_LEVELS: readonly { level: number; afterDays: number }[] = [
  { level: 1, afterDays: 1 },
  { level: 2, afterDays: 15 },
  { level: 3, afterDays: 30 },
  { level: 4, afterDays: 60 },
];

/** The dunning level an unpaid invoice has reached `daysOverdue` days after its due date (0: none). */
export function dunningLevelFor(daysOverdue: number): number {
  return DUNNING_LEVELS.filter((l) => daysOverdue >= l.afterDays).reduce(
    (max, l) => Math.max(max, l.level),
    0,
  );
}

/** The date on which the next dunning level falls due, for the process manager's timer. */
export function nextDunningDate(state: InvoiceState): string | undefined {
  if (state.status !== 'OPEN') return undefined;
  const next = DUNNING_LEVELS.find((l) => l.level > state.dunningLevel);
  return next ? addCalendarDays(state.dueDate, next.afterDays) : undefined;
}

/** Raises the highest level reached, once; a late check raises only that level, not the ones it skipped. */
export function checkInvoiceOverdue(command: CheckInvoiceOverdue, invoice: Invoice): InvoiceEvent[] {
  if (invoice.status === 'PAID') return [];
  const now = command.metadata.now;
  const daysOverdue = daysBetween(invoice.dueDate, now);
  const dunningLevel = dunningLevelFor(daysOverdue);
  if (dunningLevel <= invoice.dunningLevel) return [];
  const { invoiceId, orderId, accountId, commerceProviderId, dueDate, outstanding } = invoice;
  return [
    {
      type: 'InvoiceOverdue',
      data: {
        invoiceId,
        orderId,
        accountId,
        ...(commerceProviderId ? { commerceProviderId } : {}),
        dueDate,
        daysOverdue,
        dunningLevel,
        outstanding,
        checkedAt: now,
      },
    },
  ];
}
