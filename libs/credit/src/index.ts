/** Credit context (信用审核): credit accounts, order credit reviews and grade/limit change approvals. */
export * from './common/credit.errors';
export { MAX_PAYMENT_TERMS_DAYS } from './common/credit-guards';
export * from './credit-account/credit-account.commands';
export * from './credit-account/credit-account.events';
export * from './credit-account/credit-account.state';
export * from './credit-account/credit-account.errors';
export * from './credit-account/credit-account.policy';
export { evolveCreditAccount } from './credit-account/credit-account.evolve';
export { reevaluateHeld } from './credit-account/credit-account.reevaluation';
export * from './credit-account/credit-account.decider';
export * from './credit-change/credit-change.commands';
export * from './credit-change/credit-change.events';
export * from './credit-change/credit-change.state';
export * from './credit-change/credit-change.errors';
export * from './credit-change/credit-change.decider';
