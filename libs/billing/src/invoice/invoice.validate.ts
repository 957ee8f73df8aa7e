import {
  CHANNELS,
  ifPresent,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  requireArray,
  requireDateOrInstant,
  requireInstant,
  requireInt,
  requireMoney,
  requireObject,
  requireOneOf,
  requireText,
} from '@kamflow/shared-kernel';
import { BillingErrorCodes as C } from '../billing.errors';
import { type InvoiceCommand } from './invoice.commands';

/*
 * The shape of every invoice command, checked before any rule, with the billing context's codes:
 * `BILLING.INVALID_INVOICE` (issuing), `BILLING.INVALID_PAYMENT` and `BILLING.INVALID_AMOUNT` (a
 * payment), `BILLING.CURRENCY_MISMATCH` (a currency the books are not kept in); each names the field.
 */

/** The most lines an invoice carries, units a line invoices, and the longest payment term (net days). */
const MAX_LINES = 200;
const MAX_QUANTITY = 100_000;
const MAX_PAYMENT_TERMS_DAYS = 365;

type Data = Record<string, unknown>;

function issue(d: Data): void {
  const code = C.InvalidInvoice;
  for (const field of ['orderId', 'accountId', 'receiptId', 'shipmentId'] as const)
    requireText(d[field], field, { max: MAX_ID_LENGTH, code });
  requireInstant(d.issuedAt, 'issuedAt', { code });
  ifPresent(d.acceptedAt, (v) => requireInstant(v, 'acceptedAt', { code }));
  requireInt(d.paymentTermsDays, 'paymentTermsDays', { max: MAX_PAYMENT_TERMS_DAYS, code });
  requireOneOf(d.channel, 'channel', CHANNELS, { code });
  ifPresent(d.commerceProviderId, (v) => requireText(v, 'commerceProviderId', { max: MAX_ID_LENGTH, code }));
  requireArray(d.lines, 'lines', { max: MAX_LINES, code }).forEach((item, i) => {
    const line = requireObject(item, `lines[${i}]`, { code });
    requireText(line.lineId, `lines[${i}].lineId`, { max: MAX_ID_LENGTH, code });
    requireInt(line.quantity, `lines[${i}].quantity`, { max: MAX_QUANTITY, code });
    requireMoney(line.unitPrice, `lines[${i}].unitPrice`, { code, currencyCode: C.CurrencyMismatch });
  });
}

function payment(d: Data): void {
  const code = C.InvalidPayment;
  requireText(d.paymentId, 'paymentId', { max: MAX_ID_LENGTH, code });
  requireMoney(d.amount, 'amount', { min: 1, code: C.InvalidAmount, currencyCode: C.CurrencyMismatch });
  requireDateOrInstant(d.receivedAt, 'receivedAt', { code });
  requireText(d.reference, 'reference', { max: MAX_NAME_LENGTH, code });
}

/** Checks the data of an invoice command; throws on the first field that is wrong. */
export function validateInvoiceCommand(command: InvoiceCommand): void {
  const code = command.type === 'RecordPayment' ? C.InvalidPayment : C.InvalidInvoice;
  const d = requireObject(command.data, 'data', { code });
  requireText(d.invoiceId, 'invoiceId', { max: MAX_ID_LENGTH, code });
  if (command.type === 'IssueInvoice') issue(d);
  else if (command.type === 'RecordPayment') payment(d);
}
