import { assertNever, type Decider } from '@kamflow/eventsourcing';
import { Roles } from '@kamflow/shared-kernel';
import { type InvoiceCommand } from './invoice.commands';
import { checkInvoiceOverdue } from './invoice.dunning';
import { BillingErrorCodes as C, billingError } from '../billing.errors';
import { type InvoiceEvent } from './invoice.events';
import { issueInvoice } from './invoice.issue';
import { recordPayment } from './invoice.record-payment';
import { evolveInvoice, initialInvoiceState, type InvoiceState } from './invoice.state';
import { validateInvoiceCommand } from './invoice.validate';

/** Stream of one invoice: `invoice-<invoiceId>`. */
export const invoiceStreamId = (invoiceId: string): string => `invoice-${invoiceId}`;

function requireProcessOrFinance(roles: readonly string[], action: string): void {
  if (!roles.includes(Roles.System) && !roles.includes(Roles.Finance)) {
    throw billingError(C.Forbidden, `${action} is done by the fulfilment process or finance`, 'forbidden');
  }
}

/** Decides an invoice command. */
export function decideInvoice(command: InvoiceCommand, state: InvoiceState): InvoiceEvent[] {
  validateInvoiceCommand(command);
  if (command.type === 'IssueInvoice') {
    requireProcessOrFinance(command.metadata.actor.roles, 'Issuing an invoice');
    return issueInvoice(command, state);
  }
  if (state.status === 'NONE') {
    throw billingError(C.InvoiceNotFound, `Invoice ${command.data.invoiceId} was not found`, 'not-found', {
      invoiceId: command.data.invoiceId,
    });
  }
  switch (command.type) {
    case 'RecordPayment':
      return recordPayment(command, state);
    case 'CheckInvoiceOverdue':
      requireProcessOrFinance(command.metadata.actor.roles, 'Checking for overdue invoices');
      return checkInvoiceOverdue(command, state);
    default:
      return assertNever(command, 'invoice command');
  }
}

/** The invoice aggregate (stream `invoice-<invoiceId>`). */
export const invoiceDecider: Decider<InvoiceState, InvoiceCommand, InvoiceEvent> = {
  initialState: initialInvoiceState,
  evolve: evolveInvoice,
  decide: decideInvoice,
};
