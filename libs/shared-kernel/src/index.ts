export * from './money';
export * from './business-days';
export * from './roles';
export * from './account';
export * from './guards';
