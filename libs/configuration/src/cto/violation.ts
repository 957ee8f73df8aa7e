import { type Channel } from '@kamflow/shared-kernel';

/** Stable codes of configuration violations. */
export const ViolationCodes = {
  UnknownModel: 'CONFIG.UNKNOWN_MODEL',
  UnknownOption: 'CONFIG.UNKNOWN_OPTION',
  DuplicateOption: 'CONFIG.DUPLICATE_OPTION',
  OptionNotForModel: 'CONFIG.OPTION_NOT_FOR_MODEL',
  NotCtoSellable: 'CONFIG.NOT_CTO_SELLABLE',
  ChannelRestricted: 'CONFIG.CHANNEL_RESTRICTED',
  RegionRestricted: 'CONFIG.REGION_RESTRICTED',
  ClassMin: 'CONFIG.CLASS_MIN',
  ClassMax: 'CONFIG.CLASS_MAX',
  Requires: 'CONFIG.REQUIRES',
  Excludes: 'CONFIG.EXCLUDES',
} as const;
export type ViolationCode = (typeof ViolationCodes)[keyof typeof ViolationCodes];

/** One broken rule of a configuration: which rule, which options. */
export interface Violation {
  code: ViolationCode;
  /** Readable id of the broken rule, e.g. `requires:MEM-64G`, `class:TP-T14/CPU:min`, `option:ONSITE-4H-PC:regions`. */
  rule: string;
  /** English explanation for the order desk. */
  message: string;
  /** The options involved (empty when only the model or a missing class is at fault). */
  optionIds: string[];
  classId?: string;
}

/** What a configuration selects: a model and its options. */
export interface ConfigurationSelection {
  modelId: string;
  optionIds: readonly string[];
}

/** A configuration to validate, with the sales context restrictions depend on. */
export interface ConfigurationInput extends ConfigurationSelection {
  channel: Channel;
  /** Delivery region (city), e.g. `Shanghai`. */
  region: string;
}

/** The outcome of validation: every violation, not just the first. */
export interface ValidationResult {
  valid: boolean;
  violations: Violation[];
}
