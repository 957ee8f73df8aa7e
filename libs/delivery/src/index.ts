/** Delivery (配送): shipments, provider assignment and the status reported by logistics providers. */
export * from './shipment/shipment.commands';
export * from './shipment/shipment.events';
export * from './shipment/shipment.state';
export { DeliveryErrorCodes } from './shipment/shipment.errors';
export * from './shipment/shipment.decider';
export * from './shipment/shipment.next-step';
