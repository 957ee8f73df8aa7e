import { DomainError, type ErrorKind } from '@kamflow/eventsourcing';

/** Stable error codes of the billing context. */
export const BillingErrorCodes = {
  Forbidden: 'BILLING.FORBIDDEN',
  InvoiceNotFound: 'BILLING.INVOICE_NOT_FOUND',
  InvoiceExists: 'BILLING.INVOICE_EXISTS',
  InvalidInvoice: 'BILLING.INVALID_INVOICE',
  CommerceProviderRequired: 'BILLING.COMMERCE_PROVIDER_REQUIRED',
  CurrencyMismatch: 'BILLING.CURRENCY_MISMATCH',
  NothingToInvoice: 'BILLING.NOTHING_TO_INVOICE',
  NotInvoiceProvider: 'BILLING.NOT_INVOICE_PROVIDER',
  InvalidPayment: 'BILLING.INVALID_PAYMENT',
  InvalidAmount: 'BILLING.INVALID_AMOUNT',
  PaymentReferenceReused: 'BILLING.PAYMENT_REFERENCE_REUSED',
  AlreadyPaid: 'BILLING.ALREADY_PAID',
  Overpayment: 'BILLING.OVERPAYMENT',
  InvalidAccrual: 'BILLING.INVALID_ACCRUAL',
} as const;

type Code = (typeof BillingErrorCodes)[keyof typeof BillingErrorCodes];

export const billingError = (
  code: Code,
  message: string,
  kind: ErrorKind,
  details?: Record<string, unknown>,
) => new DomainError(code, message, kind, details);

export const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

export const isBlank = (value: string | undefined): boolean => (value?.trim() ?? '') === '';
