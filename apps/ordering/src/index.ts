export * from './ordering.module';
