export * from './configuration.module';
export * from './catalog.service';
