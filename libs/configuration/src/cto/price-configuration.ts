import { DomainError } from '@kamflow/eventsourcing';
import { type AccountTier, add, applyBasisPoints, type Money } from '@kamflow/shared-kernel';
import { type CatalogContent, type CatalogOption, type ProductModel } from '../catalog/catalog.types';
import { type ConfigurationSelection, ViolationCodes } from './violation';

/** The unit price of a configuration for an account tier. */
export interface ConfigurationPrice {
  /** Base price plus every selected option, before discount. */
  listUnitPrice: Money;
  /** The tier discount applied, in basis points. */
  discountBp: number;
  /** List price less the tier discount, rounded to a whole minor unit. */
  unitPrice: Money;
}

/**
 * Prices a configuration: model base price plus each distinct selected option, less the account tier's
 * discount (basis points of the whole unit, rounded half away from zero to a whole fen).
 * Throws `CONFIG.UNKNOWN_MODEL` / `CONFIG.UNKNOWN_OPTION` when the selection cannot be priced.
 */
export function priceConfiguration(
  catalog: CatalogContent,
  config: ConfigurationSelection,
  tier: AccountTier,
): ConfigurationPrice {
  const { model, options } = resolve(catalog, config);
  const listUnitPrice = options.reduce((total, o) => add(total, o.price), model.basePrice);
  const discountBp = catalog.tierDiscountsBp[tier] ?? 0;
  return { listUnitPrice, discountBp, unitPrice: applyBasisPoints(listUnitPrice, 10_000 - discountBp) };
}

/**
 * Lead time of a configured unit in business days: the model's assembly days plus the slowest selected
 * option's lead time (options are sourced in parallel, assembly starts when the last one arrives).
 */
export function leadTime(catalog: CatalogContent, config: ConfigurationSelection): number {
  const { model, options } = resolve(catalog, config);
  return model.assemblyDays + Math.max(0, ...options.map((o) => o.leadTimeDays));
}

/** The model and distinct options of a selection; throws when any is not in the catalog. */
export function resolve(
  catalog: CatalogContent,
  config: ConfigurationSelection,
): { model: ProductModel; options: CatalogOption[] } {
  const model = catalog.models.find((m) => m.id === config.modelId);
  if (!model) {
    throw new DomainError(
      ViolationCodes.UnknownModel,
      `Model ${config.modelId} is not in the catalog`,
      'invalid',
      {
        modelId: config.modelId,
        catalogVersion: catalog.version,
      },
    );
  }
  const options = [...new Set(config.optionIds)].map((id) => {
    const option = catalog.options.find((o) => o.id === id);
    if (!option) {
      throw new DomainError(ViolationCodes.UnknownOption, `Option ${id} is not in the catalog`, 'invalid', {
        optionId: id,
        catalogVersion: catalog.version,
      });
    }
    return option;
  });
  return { model, options };
}
