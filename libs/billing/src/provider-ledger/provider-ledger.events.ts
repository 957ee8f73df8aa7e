import { type DomainEvent } from '@kamflow/eventsourcing';
import { type Money } from '@kamflow/shared-kernel';

/** A provider earned a fee for a job; monthly statements sum these by `month`. */
export type ProviderFeeAccrued = DomainEvent<
  'ProviderFeeAccrued',
  {
    providerId: string;
    jobId: string;
    orderId: string;
    /** Statement month, `YYYY-MM` (UTC). */
    month: string;
    units: number;
    deliveredUnits: number;
    satisfaction: number;
    deliveryFee: Money;
    inspectionFee: Money;
    /** deliveryFee + inspectionFee, before the satisfaction factor. */
    baseFee: Money;
    /** Satisfaction factor in basis points (10 000 = 100 %). */
    factorBp: number;
    fee: Money;
    accruedAt: string;
  }
>;

/** Every event of the `providerLedger-<providerId>` stream. */
export type ProviderLedgerEvent = ProviderFeeAccrued;
