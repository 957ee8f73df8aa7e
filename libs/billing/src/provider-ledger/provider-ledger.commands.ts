import { type Command } from '@kamflow/eventsourcing';
import { type Money } from '@kamflow/shared-kernel';

/** A logistics provider's fee terms (from provider master data). */
export interface ProviderFeeTerms {
  deliveryFeePerUnit: Money;
  inspectionFeePerUnit: Money;
}

/** Accrues the provider's fee for one delivery + inspection job (process manager on a signed receipt). */
export type AccrueProviderFee = Command<
  'AccrueProviderFee',
  {
    providerId: string;
    /** The shipment id: one job per shipment. */
    jobId: string;
    orderId: string;
    /** Units inspected on site (accepted + rejected). */
    units: number;
    /** Units delivered on the shipment. */
    deliveredUnits: number;
    /** Customer satisfaction from the receipt, 1-5. */
    satisfaction: number;
    terms: ProviderFeeTerms;
    accruedAt: string;
  }
>;

/** Every command of the provider ledger. */
export type ProviderLedgerCommand = AccrueProviderFee;
