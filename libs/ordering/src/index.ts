/** Ordering context (销售订单, 合同审核): the order aggregate and its public API. */
export * from './order/order.values';
export * from './order/order.commands';
export * from './order/order.events';
export * from './order/order.state';
export * from './order/order.errors';
export {
  orderStatus,
  orderTotal,
  readyForCreditReview,
  readyForRelease,
  allocatedUnits,
  acceptedUnits,
  unreplacedRejected,
  isFullyAcceptedAndPaid,
  isClosed,
} from './order/order.queries';
export { evolveOrder } from './order/order.evolve';
export { orderDecider, decideOrder, orderStreamId } from './order/order.decider';
