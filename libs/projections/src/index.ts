/** Read-model projections: pure `keysOf` / `evolve` over the global log, run by the platform's ProjectionRunner. */
export * from './projection';
export * from './apply';
export * from './orders/order-tables';
export * from './orders/order-rows';
export * from './orders/orders.projection';
export * from './work-queues/work-queue-tables';
export * from './work-queues/work-items';
export * from './work-queues/work-queues.projection';

import { ordersProjection } from './orders/orders.projection';
import { workQueuesProjection } from './work-queues/work-queues.projection';

/** The projections of the order desk and the providers. */
export const DESK_PROJECTIONS = [ordersProjection, workQueuesProjection] as const;
export * from './testing/desk-scenario';
export * from './testing/record-scenario';
export * from './testing/desk-scenario-closing';
export * from './accounts/account-tables';
export * from './accounts/account-rows';
export * from './accounts/accounts.projection';
export * from './finance/finance-tables';
export * from './finance/finance.projection';

import { accountsProjection } from './accounts/accounts.projection';
import { financeProjection } from './finance/finance.projection';

/** The projections of account managers and finance. */
export const ACCOUNT_AND_FINANCE_PROJECTIONS = [accountsProjection, financeProjection] as const;

/** Every read-model projection the API runs. */
export const ALL_PROJECTIONS = [...DESK_PROJECTIONS, ...ACCOUNT_AND_FINANCE_PROJECTIONS] as const;
export * from './testing/account-finance-scenario';
