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
