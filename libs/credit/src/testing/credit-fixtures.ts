import { type Actor, fold } from '@kamflow/eventsourcing';
import { type CreditGrade, money, type Money, Roles } from '@kamflow/shared-kernel';
import { type CreditAccountCommand } from '../credit-account/credit-account.commands';
import { creditAccountDecider } from '../credit-account/credit-account.decider';
import { type CreditAccountEvent } from '../credit-account/credit-account.events';
import { type CreditAccountState, type OpenCreditAccountState } from '../credit-account/credit-account.state';

/** Test fixtures for the credit context's specs. */
export const ACCOUNT = 'acc-1';
/** The decision time of the specs: a Tuesday. */
export const NOW = '2026-03-10T09:00:00Z';

const actor = (id: string, ...roles: string[]): Actor => ({ id, roles });
export const actors = {
  system: actor('system:fulfilment', Roles.System),
  admin: actor('user:admin', Roles.Admin),
  desk: actor('user:desk', Roles.OrderDesk),
  manager: actor('user:manager', Roles.AccountManager),
  analyst: actor('user:analyst', Roles.CreditAnalyst),
  otherAnalyst: actor('user:analyst-2', Roles.CreditAnalyst),
  approver: actor('user:director', Roles.CreditApprover),
  otherApprover: actor('user:director-2', Roles.CreditApprover),
};

/** Yuan → Money in fen. */
export const yuan = (amount: number): Money => money(Math.round(amount * 100));
export const fen = (amount: number): Money => money(amount);

type DataOf<T extends CreditAccountCommand['type']> = Extract<CreditAccountCommand, { type: T }>['data'];

/** A credit account command with `accountId` filled in. */
export function cmd<T extends CreditAccountCommand['type']>(
  type: T,
  data: Omit<DataOf<T>, 'accountId'>,
  by: Actor = actors.system,
  now: string = NOW,
): Extract<CreditAccountCommand, { type: T }> {
  return { type, data: { accountId: ACCOUNT, ...data }, metadata: { now, actor: by } } as unknown as Extract<
    CreditAccountCommand,
    { type: T }
  >;
}

export const open = (grade: CreditGrade, limit: Money, paymentTermsDays = 30) =>
  cmd('OpenCreditAccount', { grade, limit, paymentTermsDays }, actors.admin);
export const review = (orderId: string, amount: Money, now = NOW) =>
  cmd('ReviewOrderCredit', { orderId, amount }, actors.system, now);
export const release = (orderId: string, by: Actor, reason = 'Customer confirmed prepayment') =>
  cmd('ReleaseCreditHold', { orderId, reason }, by);
export const invoice = (invoiceId: string, orderId: string, amount: Money, dueDate: string) =>
  cmd('OpenReceivable', { invoiceId, orderId, amount, dueDate });
export const pay = (invoiceId: string, amount: Money) =>
  cmd('RecordReceivablePayment', { invoiceId, amount, receivedAt: NOW });
export const terms = (
  changeId: string,
  change: { grade?: CreditGrade; limit?: Money; paymentTermsDays?: number },
) => cmd('ApplyCreditTerms', { changeId, ...change });

/** The events a sequence of commands records, each decided on the state the previous ones left. */
export function history(...commands: CreditAccountCommand[]): CreditAccountEvent[] {
  return commands.reduce<CreditAccountEvent[]>((events, command) => {
    const state = fold(creditAccountDecider, events);
    return [...events, ...creditAccountDecider.decide(command, state)];
  }, []);
}

/** The open account the events lead to. */
export function accountAfter(events: readonly CreditAccountEvent[]): OpenCreditAccountState {
  const state: CreditAccountState = fold(creditAccountDecider, events);
  if (state.status !== 'open') throw new Error('account not open');
  return state;
}

/** Event types in order, for compact assertions. */
export const types = (events: readonly { type: string }[]): string[] => events.map((e) => e.type);
