import { type AccountTier, type Money } from '@kamflow/shared-kernel';
import { type CatalogContent } from '../catalog/catalog.types';
import { leadTime, priceConfiguration } from './price-configuration';
import { validateConfiguration } from './validate-configuration';
import { type ConfigurationInput, type Violation, ViolationCodes } from './violation';

/** A valid configuration, priced. */
export interface ValidConfigurationEvaluation {
  valid: true;
  violations: [];
  listUnitPrice: Money;
  unitPrice: Money;
  discountBp: number;
  leadTimeDays: number;
  catalogVersion: number;
}

/**
 * An invalid configuration with every violation. Price and lead time are indicative and present only
 * when the model and every option are known (a configurator can still show a running total).
 */
export interface InvalidConfigurationEvaluation {
  valid: false;
  violations: Violation[];
  listUnitPrice?: Money;
  unitPrice?: Money;
  discountBp: number;
  leadTimeDays?: number;
  catalogVersion: number;
}

/** Validation, price and lead time of a configuration in one call. */
export type ConfigurationEvaluation = ValidConfigurationEvaluation | InvalidConfigurationEvaluation;

/** Validates, prices and times a configuration against one catalog version for an account tier. */
export function evaluateConfiguration(
  catalog: CatalogContent,
  input: ConfigurationInput,
  tier: AccountTier,
): ConfigurationEvaluation {
  const { violations } = validateConfiguration(catalog, input);
  const catalogVersion = catalog.version;
  const discountBp = catalog.tierDiscountsBp[tier] ?? 0;
  const unpriceable = violations.some(
    (v) => v.code === ViolationCodes.UnknownModel || v.code === ViolationCodes.UnknownOption,
  );
  if (unpriceable) return { valid: false, violations, discountBp, catalogVersion };
  const price = priceConfiguration(catalog, input, tier);
  const leadTimeDays = leadTime(catalog, input);
  if (violations.length > 0) return { valid: false, violations, ...price, leadTimeDays, catalogVersion };
  return { valid: true, violations: [], ...price, leadTimeDays, catalogVersion };
}
