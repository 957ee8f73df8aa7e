import {
  MAX_ID_LENGTH,
  requireInstant,
  requireInt,
  requireMoney,
  requireObject,
  requireText,
} from '@kamflow/shared-kernel';
import { BillingErrorCodes as C } from '../billing.errors';
import { type ProviderLedgerCommand } from './provider-ledger.commands';

/** The most units one delivery job carries. */
const MAX_UNITS = 10_000_000;

/**
 * The shape of a provider ledger command, checked before any rule: `BILLING.INVALID_ACCRUAL` naming
 * the field (`BILLING.CURRENCY_MISMATCH` for a fee in a currency the books are not kept in).
 */
export function validateProviderLedgerCommand(command: ProviderLedgerCommand): void {
  const code = C.InvalidAccrual;
  const d = requireObject(command.data, 'data', { code });
  for (const field of ['providerId', 'jobId', 'orderId'] as const)
    requireText(d[field], field, { max: MAX_ID_LENGTH, code });
  requireInt(d.units, 'units', { max: MAX_UNITS, code });
  requireInt(d.deliveredUnits, 'deliveredUnits', { min: 1, max: MAX_UNITS, code });
  requireInt(d.satisfaction, 'satisfaction', { min: 1, max: 5, code });
  const terms = requireObject(d.terms, 'terms', { code });
  for (const fee of ['deliveryFeePerUnit', 'inspectionFeePerUnit'] as const)
    requireMoney(terms[fee], `terms.${fee}`, { code, currencyCode: C.CurrencyMismatch });
  requireInstant(d.accruedAt, 'accruedAt', { code });
}
