export * from './acceptance.module';
