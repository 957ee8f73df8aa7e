import { type Money } from '@kamflow/shared-kernel';
import { type ProviderLedgerEvent } from './provider-ledger.events';

/** The fees a provider has accrued, by job. */
export interface ProviderLedger {
  status: 'ACTIVE';
  providerId: string;
  jobs: Record<string, { month: string; fee: Money }>;
}

/** Provider ledger state: empty until the first accrual. */
export type ProviderLedgerState = { status: 'EMPTY' } | ProviderLedger;

export const initialProviderLedgerState = (): ProviderLedgerState => ({ status: 'EMPTY' });

/** Folds one event into the ledger. */
export function evolveProviderLedger(
  state: ProviderLedgerState,
  event: ProviderLedgerEvent,
): ProviderLedgerState {
  const { providerId, jobId, month, fee } = event.data;
  const jobs = state.status === 'ACTIVE' ? state.jobs : {};
  return { status: 'ACTIVE', providerId, jobs: { ...jobs, [jobId]: { month, fee } } };
}
