/** Key-account tiers: 战略 strategic, 核心 core, 重要 important, 普通 ordinary. */
export type AccountTier = 'STRATEGIC' | 'CORE' | 'IMPORTANT' | 'ORDINARY';
export const ACCOUNT_TIERS: readonly AccountTier[] = ['STRATEGIC', 'CORE', 'IMPORTANT', 'ORDINARY'];

/** 信用 A/B/C 级. */
export type CreditGrade = 'A' | 'B' | 'C';
export const CREDIT_GRADES: readonly CreditGrade[] = ['A', 'B', 'C'];

/** Sales channel of an order. */
export type Channel = 'DIRECT' | 'AGENT' | 'COMMERCE_PROVIDER';
export const CHANNELS: readonly Channel[] = ['DIRECT', 'AGENT', 'COMMERCE_PROVIDER'];

/** `DIRECT`: we ship and bill; `COMMERCE_PROVIDER`: a named commerce provider supplies and collects. */
export type ServiceModel = 'DIRECT' | 'COMMERCE_PROVIDER';
export const SERVICE_MODELS: readonly ServiceModel[] = ['DIRECT', 'COMMERCE_PROVIDER'];
