export * from './fulfilment.module';
