import { assertNever, type Decider } from '@kamflow/eventsourcing';
import { type CreditAccountCommand } from './credit-account.commands';
import { CreditAccountErrors } from './credit-account.errors';
import { type CreditAccountEvent } from './credit-account.events';
import { evolveCreditAccount } from './credit-account.evolve';
import { decideApplyTerms, decideReevaluate } from './credit-account.reevaluation';
import { decideOpenReceivable, decidePayment } from './credit-account.receivables';
import { decideOpen, decideReview, decideWithdraw } from './credit-account.review';
import { decideRelease, decideReject } from './credit-account.signatures';
import { validateCreditAccountCommand } from './credit-account.validate';
import {
  type CreditAccountState,
  initialCreditAccountState,
  type OpenCreditAccountState,
} from './credit-account.state';

/** Decides a command on the credit account: the consistency boundary of the account's exposure. */
export function decideCreditAccount(
  command: CreditAccountCommand,
  state: CreditAccountState,
): CreditAccountEvent[] {
  validateCreditAccountCommand(command);
  if (command.type === 'OpenCreditAccount') return decideOpen(command, state);
  const open = requireOpen(state, command.data.accountId);
  switch (command.type) {
    case 'ReviewOrderCredit':
      return decideReview(command, open);
    case 'ReleaseCreditHold':
      return decideRelease(command, open);
    case 'RejectCreditHold':
      return decideReject(command, open);
    case 'WithdrawOrderCredit':
      return decideWithdraw(command, open);
    case 'OpenReceivable':
      return decideOpenReceivable(command, open);
    case 'RecordReceivablePayment':
      return decidePayment(command, open);
    case 'ApplyCreditTerms':
      return decideApplyTerms(command, open);
    case 'ReevaluateHeldOrders':
      return decideReevaluate(command, open);
    default:
      return assertNever(command, 'credit account command');
  }
}

function requireOpen(state: CreditAccountState, accountId: string): OpenCreditAccountState {
  if (state.status !== 'open') throw CreditAccountErrors.accountNotFound(accountId);
  return state;
}

/**
 * The credit account aggregate (stream `creditAccount-<accountId>`): order credit reviews, reservations,
 * holds, releases and receivables decided on one account so two orders can never take the same headroom.
 */
export const creditAccountDecider: Decider<CreditAccountState, CreditAccountCommand, CreditAccountEvent> = {
  initialState: initialCreditAccountState,
  evolve: evolveCreditAccount,
  decide: decideCreditAccount,
};
