import {
  CREDIT_GRADES,
  ifPresent,
  MAX_ID_LENGTH,
  requireDateOrInstant,
  requireInt,
  requireIsoDate,
  requireMoney,
  requireObject,
  requireOneOf,
  requireText,
} from '@kamflow/shared-kernel';
import { MAX_PAYMENT_TERMS_DAYS } from '../common/credit-guards';
import { CreditErrorCodes as C } from '../common/credit.errors';
import { type CreditAccountCommand } from './credit-account.commands';

/*
 * The shape of every credit account command, checked before any rule: a field no reader could read
 * is refused as `invalid`, naming it. Fields the context already documents keep their codes
 * (`CREDIT.INVALID_TERMS`, `CREDIT.INVALID_AMOUNT`, `CREDIT.CURRENCY_MISMATCH`, `CREDIT.REASON_REQUIRED`,
 * `CREDIT.INVALID_DATE`); anything else is `COMMAND.INVALID_FIELD`.
 */

const id = (value: unknown, field: string) => requireText(value, field, { max: MAX_ID_LENGTH });
const amount = (value: unknown, field = 'amount') =>
  requireMoney(value, field, { min: 1, code: C.InvalidAmount, currencyCode: C.CurrencyMismatch });
/** Longest reason; a compensation quotes the order's own reason (up to 2 000) after a prefix. */
const MAX_REASON_LENGTH = 3000;
const reason = (value: unknown) =>
  requireText(value, 'reason', { max: MAX_REASON_LENGTH, code: C.ReasonRequired });

/** Credit terms; all three when `required`, else only those present. */
export function validateTermsShape(data: Record<string, unknown>, required: boolean): void {
  const check = (value: unknown, guard: (v: unknown) => unknown) =>
    required ? guard(value) : ifPresent(value, guard);
  check(data.grade, (v) => requireOneOf(v, 'grade', CREDIT_GRADES, { code: C.InvalidTerms }));
  check(data.limit, (v) =>
    requireMoney(v, 'limit', {
      code: C.InvalidTerms,
      currencyCode: required ? C.InvalidTerms : C.CurrencyMismatch,
    }),
  );
  check(data.paymentTermsDays, (v) =>
    requireInt(v, 'paymentTermsDays', { max: MAX_PAYMENT_TERMS_DAYS, code: C.InvalidTerms }),
  );
}

/** Checks the data of a credit account command; throws the first field that is wrong. */
export function validateCreditAccountCommand(command: CreditAccountCommand): void {
  const data = requireObject(command.data, 'data');
  id(data.accountId, 'accountId');
  switch (command.type) {
    case 'OpenCreditAccount':
      return validateTermsShape(data, true);
    case 'ReviewOrderCredit':
      id(data.orderId, 'orderId');
      amount(data.amount);
      return;
    case 'ReleaseCreditHold':
    case 'RejectCreditHold':
    case 'WithdrawOrderCredit':
      id(data.orderId, 'orderId');
      reason(data.reason);
      return;
    case 'OpenReceivable':
      id(data.invoiceId, 'invoiceId');
      id(data.orderId, 'orderId');
      amount(data.amount);
      requireIsoDate(data.dueDate, 'dueDate', { code: C.InvalidDate });
      return;
    case 'RecordReceivablePayment':
      id(data.invoiceId, 'invoiceId');
      amount(data.amount);
      requireDateOrInstant(data.receivedAt, 'receivedAt', { code: C.InvalidDate });
      return;
    case 'ApplyCreditTerms':
      id(data.changeId, 'changeId');
      return validateTermsShape(data, false);
    case 'ReevaluateHeldOrders':
      return;
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
