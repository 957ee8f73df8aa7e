import { MAX_ID_LENGTH, requireObject, requireText } from '@kamflow/shared-kernel';
import { CreditErrorCodes as C } from '../common/credit.errors';
import { validateTermsShape } from '../credit-account/credit-account.validate';
import { type CreditChangeCommand } from './credit-change.commands';

/**
 * The shape of a credit change command, checked before any rule: ids bounded text, the proposed
 * terms (those present) as the credit account takes them (`CREDIT.INVALID_TERMS`; a `null` limit
 * is not "unchanged" but malformed), a reason (`CREDIT.REASON_REQUIRED`).
 */
export function validateCreditChangeCommand(command: CreditChangeCommand): void {
  const data = requireObject(command.data, 'data');
  requireText(data.changeId, 'changeId', { max: MAX_ID_LENGTH });
  if (command.type === 'ProposeCreditChange') {
    requireText(data.accountId, 'accountId', { max: MAX_ID_LENGTH });
    validateTermsShape(data, false);
  }
  requireText(data.reason, 'reason', { code: C.ReasonRequired });
}
