export * from './sql/sql-database';
export * from './sql/pg-database';
export * from './sql/pglite-database';
export * from './sql/migrations';
export * from './sql/sql-errors';
export * from './postgres/postgres-event-store';
export * from './postgres/event-store.migrations';
export * from './factory';
