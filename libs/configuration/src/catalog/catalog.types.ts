import { type AccountTier, type Channel, type Money } from '@kamflow/shared-kernel';

/** Product families of the key-account catalog. */
export type ProductFamily = 'ThinkCentre' | 'ThinkPad' | 'ThinkServer';
export const PRODUCT_FAMILIES: readonly ProductFamily[] = ['ThinkCentre', 'ThinkPad', 'ThinkServer'];

/**
 * Well-known option class ids. A catalog may define others; these are the ones the demo catalog and
 * the admin UI know by name.
 */
export const OptionClassIds = {
  Cpu: 'CPU',
  Memory: 'MEMORY',
  Storage: 'STORAGE',
  Os: 'OS',
  Software: 'SOFTWARE',
  Warranty: 'WARRANTY',
  Adp: 'ADP',
  KeepYourDrive: 'KYD',
  Onsite4h: 'ONSITE_4H',
  SpareDepot: 'SPARE_DEPOT',
} as const;

/** How many options of one class a model takes, and (optionally) which of them it offers. */
export interface ModelClass {
  classId: string;
  /** Minimum number of options of this class (0: optional class). */
  min: number;
  /** Maximum number of options of this class. */
  max: number;
  /**
   * The options of this class offered on this model; absent = every option of the class.
   * This is how a Xeon stays on servers while desktops and notebooks share the CPU class.
   */
  optionIds?: string[];
}

/** A configurable base model (产品型号), priced before options. */
export interface ProductModel {
  id: string;
  family: ProductFamily;
  name: string;
  nameZh: string;
  basePrice: Money;
  /** Business days to assemble a configured unit (特配 build time). */
  assemblyDays: number;
  /** The option classes that apply to this model; an option of another class is not for this model. */
  classes: ModelClass[];
}

/** A group of interchangeable options (CPU, memory, warranty ...). */
export interface OptionClass {
  id: string;
  name: string;
  nameZh: string;
}

/** A selectable option: a component or a service product. */
export interface CatalogOption {
  id: string;
  classId: string;
  name: string;
  nameZh: string;
  /** Price added to the model's base price, per unit. */
  price: Money;
  /** Business days to source the option; the slowest option drives the line's lead time. */
  leadTimeDays: number;
  /** False: may not be sold through CTO (e.g. the on-site spare-parts depot 现场备件库). */
  ctoSellable: boolean;
  /** Order channels allowed to sell the option; absent = all. */
  channels?: Channel[];
  /** Delivery regions (cities) where the option is available; absent = all. Compared case-insensitively. */
  regions?: string[];
}

/** Selecting `optionId` requires at least one of `requiresAnyOf` in the same configuration. */
export interface RequiresRule {
  kind: 'requires';
  /** Readable rule id reported in violations; derived from the rule when absent. */
  id?: string;
  /** Why the rule exists, shown to the order desk. */
  description?: string;
  optionId: string;
  requiresAnyOf: string[];
}

/** Selecting `optionId` forbids every option of `excludes` in the same configuration. */
export interface ExcludesRule {
  kind: 'excludes';
  /** Readable rule id reported in violations; derived from the rule when absent. */
  id?: string;
  /** Why the rule exists, shown to the order desk. */
  description?: string;
  optionId: string;
  excludes: string[];
}

/** A constraint between options. */
export type CatalogRule = RequiresRule | ExcludesRule;

/** One published version of a catalog (产品BOM). Immutable once published. */
export interface CatalogContent {
  catalogId: string;
  /** Positive integer, strictly increasing per catalog. */
  version: number;
  /** ISO 8601. */
  publishedAt: string;
  models: ProductModel[];
  optionClasses: OptionClass[];
  options: CatalogOption[];
  rules: CatalogRule[];
  /** Tier discount in basis points (1 200 = 12 %) off the configured list price. */
  tierDiscountsBp: Record<AccountTier, number>;
}

/** The readable id of a rule: its own id, else one derived from its kind and option. */
export function ruleId(rule: CatalogRule): string {
  return rule.id ?? `${rule.kind}:${rule.optionId}`;
}
