import { type Actor } from '@kamflow/eventsourcing';
import { CREDIT_GRADES, type CreditGrade, hasRole, type Money, type Role } from '@kamflow/shared-kernel';
import { CreditError, CreditErrorCodes } from './credit.errors';

/** The actor must hold one of the roles. */
export function requireRole(actor: Actor, action: string, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) {
    throw new CreditError(CreditErrorCodes.Forbidden, `${actor.id} may not ${action}`, 'forbidden', {
      actor: actor.id,
      requiredRoles: roles,
    });
  }
}

/** A decision a person takes must say why: a non-blank reason. Returns it trimmed. */
export function requireReason(reason: string | undefined): string {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed === '')
    throw new CreditError(CreditErrorCodes.ReasonRequired, 'A reason is required', 'invalid');
  return trimmed;
}

/** A strictly positive amount of whole minor units in the account's currency. */
export function requirePositiveAmount(amount: Money, currency: string, field = 'amount'): void {
  if (!Number.isSafeInteger(amount.amount) || amount.amount <= 0) {
    throw new CreditError(
      CreditErrorCodes.InvalidAmount,
      `${field} must be a positive whole number of minor units`,
      'invalid',
      {
        field,
        amount: amount.amount,
      },
    );
  }
  requireCurrency(amount, currency, field);
}

export function requireCurrency(amount: Money, currency: string, field: string): void {
  if (amount.currency !== currency) {
    throw new CreditError(
      CreditErrorCodes.CurrencyMismatch,
      `${field} is in ${amount.currency}, the credit account in ${currency}`,
      'invalid',
      { field, currency: amount.currency, accountCurrency: currency },
    );
  }
}

/** Longest payment term the product accepts (net days). */
export const MAX_PAYMENT_TERMS_DAYS = 365;

/**
 * Validates credit terms: grade A/B/C, a limit ≥ 0 in whole minor units, net days 0..365.
 * Absent fields pass unless `required`.
 */
export function validateTerms(
  terms: { grade?: CreditGrade; limit?: Money; paymentTermsDays?: number },
  required = false,
): void {
  const invalid = (field: string, message: string): never => {
    throw new CreditError(CreditErrorCodes.InvalidTerms, message, 'invalid', { field });
  };
  const { grade, limit, paymentTermsDays: days } = terms;
  if (grade === undefined ? required : !CREDIT_GRADES.includes(grade))
    invalid('grade', 'grade must be A, B or C');
  if (limit === undefined ? required : !Number.isSafeInteger(limit.amount) || limit.amount < 0) {
    invalid('limit', 'limit must be a whole number of minor units, zero or more');
  }
  if (days === undefined ? required : !Number.isInteger(days) || days < 0 || days > MAX_PAYMENT_TERMS_DAYS) {
    invalid(
      'paymentTermsDays',
      `paymentTermsDays must be a whole number from 0 to ${MAX_PAYMENT_TERMS_DAYS}`,
    );
  }
}
