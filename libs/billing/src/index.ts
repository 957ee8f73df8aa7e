/** Billing (发票 / 回款): invoices, payments, dunning and provider fee accruals. */
export * from './invoice/invoice.commands';
export * from './invoice/invoice.events';
export * from './invoice/invoice.state';
export { BillingErrorCodes } from './billing.errors';
export { DUNNING_LEVELS, dunningLevelFor, nextDunningDate } from './invoice/invoice.dunning';
export * from './invoice/invoice.decider';
export * from './provider-ledger/provider-ledger.commands';
export * from './provider-ledger/provider-ledger.events';
export * from './provider-ledger/provider-ledger.state';
export * from './provider-ledger/provider-ledger.decider';
