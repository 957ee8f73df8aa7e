import { CreditError, CreditErrorCodes } from '../common/credit.errors';

/** The errors the credit change aggregate raises. */
export const CreditChangeErrors = {
  changeExists: (changeId: string) =>
    new CreditError(
      CreditErrorCodes.ChangeExists,
      `Credit change ${changeId} was already proposed`,
      'conflict',
      { changeId },
    ),
  changeNotFound: (changeId: string) =>
    new CreditError(CreditErrorCodes.ChangeNotFound, `Credit change ${changeId} was not found`, 'not-found', {
      changeId,
    }),
  alreadyDecided: (changeId: string, status: string) =>
    new CreditError(
      CreditErrorCodes.ChangeAlreadyDecided,
      `Credit change ${changeId} is already ${status}`,
      'conflict',
      {
        changeId,
        status,
      },
    ),
  emptyChange: () =>
    new CreditError(
      CreditErrorCodes.NoChange,
      'A change names at least one of grade, limit or payment terms',
      'invalid',
    ),
  sameSignatory: (actor: string) =>
    new CreditError(
      CreditErrorCodes.SameSignatory,
      `${actor} proposed this change and may not approve it`,
      'forbidden',
      {
        actor,
      },
    ),
};
