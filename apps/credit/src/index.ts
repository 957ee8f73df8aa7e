export * from './credit.module';
