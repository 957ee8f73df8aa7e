import { CreditError, CreditErrorCodes } from '../common/credit.errors';
import { type CreditReviewStatus } from './credit-account.state';

/** The errors the credit account aggregate raises. */
export const CreditAccountErrors = {
  accountExists: (accountId: string) =>
    new CreditError(
      CreditErrorCodes.AccountExists,
      `Credit account ${accountId} is already open`,
      'conflict',
      { accountId },
    ),
  accountNotFound: (accountId: string) =>
    new CreditError(
      CreditErrorCodes.AccountNotFound,
      `Credit account ${accountId} was not found`,
      'not-found',
      { accountId },
    ),
  reviewNotFound: (orderId: string) =>
    new CreditError(CreditErrorCodes.ReviewNotFound, `Order ${orderId} has no credit review`, 'not-found', {
      orderId,
    }),
  reviewNotHeld: (orderId: string, status: CreditReviewStatus) =>
    new CreditError(
      CreditErrorCodes.ReviewNotHeld,
      `The credit review of order ${orderId} is ${status}, not held`,
      'conflict',
      {
        orderId,
        status,
      },
    ),
  receivableNotFound: (invoiceId: string) =>
    new CreditError(
      CreditErrorCodes.ReceivableNotFound,
      `Invoice ${invoiceId} has no receivable`,
      'not-found',
      { invoiceId },
    ),
  sameSignatory: (actor: string) =>
    new CreditError(
      CreditErrorCodes.SameSignatory,
      `${actor} already signed this release; a second person must sign`,
      'forbidden',
      {
        actor,
      },
    ),
  approverSignatureRequired: (orderId: string) =>
    new CreditError(
      CreditErrorCodes.ApproverSignatureRequired,
      `Releasing order ${orderId} above 120 % of the limit needs a credit-approver's signature`,
      'forbidden',
      { orderId },
    ),
  noChange: (changeId: string) =>
    new CreditError(
      CreditErrorCodes.NoChange,
      `Change ${changeId} names no grade, limit or payment terms`,
      'invalid',
      { changeId },
    ),
  invalidDate: (field: string, value: string) =>
    new CreditError(CreditErrorCodes.InvalidDate, `${field} must be a date YYYY-MM-DD`, 'invalid', {
      field,
      value,
    }),
};
