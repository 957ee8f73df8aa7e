export * from './order-process/order-process';
export * from './process/reaction';
export * from './process/fulfilment.process';
