import {
  type CatalogContent,
  type ConfigurationEvaluation,
  type ProductModel,
} from '@kamflow/configuration';
import { type AccountTier, type Money, multiply } from '@kamflow/shared-kernel';

/** A model with, per class, the options it offers (resolving "absent = every option of the class"). */
export function modelWithOptions(catalog: CatalogContent, model: ProductModel) {
  return {
    ...model,
    classes: model.classes.map((c) => ({
      ...c,
      optionIds: c.optionIds ?? catalog.options.filter((o) => o.classId === c.classId).map((o) => o.id),
    })),
  };
}

/** `GET /catalog/models`: the current version with every model's offered options spelled out. */
export function catalogView(catalog: CatalogContent) {
  return {
    catalogId: catalog.catalogId,
    version: catalog.version,
    publishedAt: catalog.publishedAt,
    models: catalog.models.map((m) => modelWithOptions(catalog, m)),
    optionClasses: catalog.optionClasses,
    options: catalog.options,
    rules: catalog.rules,
    tierDiscountsBp: catalog.tierDiscountsBp,
  };
}

/**
 * `POST /configurations/validate`: the evaluation with a stable shape (price fields null when the model or
 * an option is unknown), the tier it was priced for and, with a quantity, the line total.
 */
export function validationView(evaluation: ConfigurationEvaluation, tier: AccountTier, quantity?: number) {
  const unitPrice: Money | null = evaluation.unitPrice ?? null;
  return {
    valid: evaluation.valid,
    violations: evaluation.violations,
    unitPrice,
    listUnitPrice: evaluation.listUnitPrice ?? null,
    discountBp: evaluation.discountBp,
    leadTimeDays: evaluation.leadTimeDays ?? null,
    catalogVersion: evaluation.catalogVersion,
    tier,
    ...(quantity !== undefined ? { quantity, total: unitPrice ? multiply(unitPrice, quantity) : null } : {}),
  };
}
