import {
  MAX_ID_LENGTH,
  MAX_MONEY_AMOUNT,
  MAX_NAME_LENGTH,
  requireArray,
  requireMoney,
  requireObject,
  requireOneOf,
  requireText,
} from '@kamflow/shared-kernel';
import { type ProviderKind, type ProviderProfile } from './provider';

const PROVIDER_KINDS: readonly ProviderKind[] = ['LOGISTICS', 'COMMERCE'];
/** Most regions one provider lists. */
const MAX_REGIONS = 500;

/**
 * Checks a provider registration field by field and returns exactly the fields the event records.
 * A negative fee passes here and is refused by the decider's own rule (`PROVIDER.NEGATIVE_FEE`).
 */
export function validateRegisterProvider(input: ProviderProfile): ProviderProfile {
  const data = requireObject(input, 'data');
  const fees = requireObject(data.fees, 'fees');
  const fee = (field: 'deliveryFeePerUnit' | 'inspectionFeePerUnit') =>
    requireMoney(fees[field], `fees.${field}`, { min: -MAX_MONEY_AMOUNT });
  return {
    providerId: requireText(data.providerId, 'providerId', { max: MAX_ID_LENGTH }),
    kind: requireOneOf(data.kind, 'kind', PROVIDER_KINDS),
    name: requireText(data.name, 'name', { max: MAX_NAME_LENGTH }),
    fees: {
      deliveryFeePerUnit: fee('deliveryFeePerUnit'),
      inspectionFeePerUnit: fee('inspectionFeePerUnit'),
    },
    regions: requireArray(data.regions, 'regions', { max: MAX_REGIONS }).map((region, i) =>
      requireText(region, `regions[${i}]`, { max: MAX_NAME_LENGTH }),
    ),
  };
}
