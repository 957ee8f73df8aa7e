import { assertNever, type Decider } from '@kamflow/eventsourcing';
import { add, applyBasisPoints, multiply, Roles } from '@kamflow/shared-kernel';
import { type AccrueProviderFee, type ProviderLedgerCommand } from './provider-ledger.commands';
import { type ProviderLedgerEvent } from './provider-ledger.events';
import {
  evolveProviderLedger,
  initialProviderLedgerState,
  type ProviderLedgerState,
} from './provider-ledger.state';
import { BillingErrorCodes as C, billingError, isBlank, isTimestamp } from '../billing.errors';
import { validateProviderLedgerCommand } from './provider-ledger.validate';

/** Stream of one provider's ledger: `providerLedger-<providerId>`. */
export const providerLedgerStreamId = (providerId: string): string => `providerLedger-${providerId}`;

/**
 * Fees follow workload and satisfaction (seeds/000 line 719): the satisfaction score on the
 * receipt scales the job's fee, 5 → 110 % … 1 → 70 %, in basis points.
 */
export const SATISFACTION_FACTOR_BP: Readonly<Record<1 | 2 | 3 | 4 | 5, number>> = {
  1: 7_000,
  2: 8_000,
  3: 9_000,
  4: 10_000,
  5: 11_000,
};

const invalid = (message: string, field: string) =>
  billingError(C.InvalidAccrual, message, 'invalid', { field });
const isCount = (n: number) => Number.isInteger(n) && n >= 0;

function accrue(command: AccrueProviderFee, state: ProviderLedgerState): ProviderLedgerEvent[] {
  if (!command.metadata.actor.roles.includes(Roles.System)) {
    throw billingError(C.Forbidden, 'Provider fees are accrued by the fulfilment process', 'forbidden');
  }
  const d = command.data;
  if (state.status === 'ACTIVE' && state.jobs[d.jobId]) return [];
  for (const field of ['providerId', 'jobId', 'orderId'] as const)
    if (isBlank(d[field])) throw invalid(`${field} is required`, field);
  if (!isTimestamp(d.accruedAt)) throw invalid('accruedAt must be an ISO 8601 timestamp', 'accruedAt');
  if (!isCount(d.deliveredUnits) || d.deliveredUnits < 1)
    throw invalid('A job delivers at least one unit', 'deliveredUnits');
  if (!isCount(d.units) || d.units > d.deliveredUnits)
    throw invalid('Inspected units are at most the delivered units', 'units');
  const factorBp = SATISFACTION_FACTOR_BP[d.satisfaction as 1 | 2 | 3 | 4 | 5];
  if (!Number.isInteger(d.satisfaction) || factorBp === undefined)
    throw invalid('Satisfaction is 1 to 5', 'satisfaction');
  const { deliveryFeePerUnit, inspectionFeePerUnit } = d.terms;
  for (const [field, m] of [
    ['terms.deliveryFeePerUnit', deliveryFeePerUnit],
    ['terms.inspectionFeePerUnit', inspectionFeePerUnit],
  ] as const) {
    if (!Number.isSafeInteger(m?.amount) || m.amount < 0)
      throw invalid('A fee is a non-negative integer of minor units', field);
  }
  if (deliveryFeePerUnit.currency !== inspectionFeePerUnit.currency) {
    throw billingError(C.CurrencyMismatch, 'Fee terms are in one currency', 'invalid', { field: 'terms' });
  }
  const deliveryFee = multiply(deliveryFeePerUnit, d.deliveredUnits);
  const inspectionFee = multiply(inspectionFeePerUnit, d.units);
  const baseFee = add(deliveryFee, inspectionFee);
  return [
    {
      type: 'ProviderFeeAccrued',
      data: {
        providerId: d.providerId,
        jobId: d.jobId,
        orderId: d.orderId,
        month: new Date(d.accruedAt).toISOString().slice(0, 7),
        units: d.units,
        deliveredUnits: d.deliveredUnits,
        satisfaction: d.satisfaction,
        deliveryFee,
        inspectionFee,
        baseFee,
        factorBp,
        fee: applyBasisPoints(baseFee, factorBp),
        accruedAt: d.accruedAt,
      },
    },
  ];
}

/** Decides a provider ledger command. */
export function decideProviderLedger(
  command: ProviderLedgerCommand,
  state: ProviderLedgerState,
): ProviderLedgerEvent[] {
  validateProviderLedgerCommand(command);
  switch (command.type) {
    case 'AccrueProviderFee':
      return accrue(command, state);
    default:
      return assertNever(command.type, 'provider ledger command');
  }
}

/** The provider ledger aggregate (stream `providerLedger-<providerId>`); one accrual per job. */
export const providerLedgerDecider: Decider<ProviderLedgerState, ProviderLedgerCommand, ProviderLedgerEvent> =
  {
    initialState: initialProviderLedgerState,
    evolve: evolveProviderLedger,
    decide: decideProviderLedger,
  };
