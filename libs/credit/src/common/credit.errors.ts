import { DomainError } from '@kamflow/eventsourcing';

/** Stable error codes of the credit context (信用审核). */
export const CreditErrorCodes = {
  Forbidden: 'CREDIT.FORBIDDEN',
  ReasonRequired: 'CREDIT.REASON_REQUIRED',
  SameSignatory: 'CREDIT.SAME_SIGNATORY',
  ApproverSignatureRequired: 'CREDIT.APPROVER_SIGNATURE_REQUIRED',
  InvalidAmount: 'CREDIT.INVALID_AMOUNT',
  InvalidTerms: 'CREDIT.INVALID_TERMS',
  InvalidDate: 'CREDIT.INVALID_DATE',
  CurrencyMismatch: 'CREDIT.CURRENCY_MISMATCH',
  AccountExists: 'CREDIT.ACCOUNT_EXISTS',
  AccountNotFound: 'CREDIT.ACCOUNT_NOT_FOUND',
  ReviewNotFound: 'CREDIT.REVIEW_NOT_FOUND',
  ReviewNotHeld: 'CREDIT.REVIEW_NOT_HELD',
  ReceivableNotFound: 'CREDIT.RECEIVABLE_NOT_FOUND',
  NoChange: 'CREDIT.NO_CHANGE',
  ChangeExists: 'CREDIT.CHANGE_EXISTS',
  ChangeNotFound: 'CREDIT.CHANGE_NOT_FOUND',
  ChangeAlreadyDecided: 'CREDIT.CHANGE_ALREADY_DECIDED',
} as const;

export type CreditErrorCode = (typeof CreditErrorCodes)[keyof typeof CreditErrorCodes];

/** A failure of the credit context; `code` is one of {@link CreditErrorCodes}. */
export class CreditError extends DomainError {
  constructor(
    code: CreditErrorCode,
    message: string,
    kind: DomainError['kind'],
    details?: Record<string, unknown>,
  ) {
    super(code, message, kind, details);
  }
}
