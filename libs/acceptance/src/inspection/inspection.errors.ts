import { DomainError, type ErrorKind } from '@kamflow/eventsourcing';

/** Stable error codes of the acceptance context. */
export const AcceptanceErrorCodes = {
  Forbidden: 'ACCEPTANCE.FORBIDDEN',
  NotDelivered: 'ACCEPTANCE.NOT_DELIVERED',
  NotAssignedProvider: 'ACCEPTANCE.NOT_ASSIGNED_PROVIDER',
  AlreadySigned: 'ACCEPTANCE.ALREADY_SIGNED',
  InvalidInspection: 'ACCEPTANCE.INVALID_INSPECTION',
  InvalidReceipt: 'ACCEPTANCE.INVALID_RECEIPT',
  SignatoryRequired: 'ACCEPTANCE.SIGNATORY_REQUIRED',
  InvalidSatisfaction: 'ACCEPTANCE.INVALID_SATISFACTION',
  SignedBeforeDelivery: 'ACCEPTANCE.SIGNED_BEFORE_DELIVERY',
  DuplicateSerial: 'ACCEPTANCE.DUPLICATE_SERIAL',
  UnknownLine: 'ACCEPTANCE.UNKNOWN_LINE',
  DefectRequired: 'ACCEPTANCE.DEFECT_REQUIRED',
  MoreThanDelivered: 'ACCEPTANCE.MORE_THAN_DELIVERED',
  UnitsNotInspected: 'ACCEPTANCE.UNITS_NOT_INSPECTED',
} as const;

type Code = (typeof AcceptanceErrorCodes)[keyof typeof AcceptanceErrorCodes];

export const acceptanceError = (
  code: Code,
  message: string,
  kind: ErrorKind,
  details?: Record<string, unknown>,
) => new DomainError(code, message, kind, details);
