import { type UpcasterRegistry } from '@kamflow/eventsourcing';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { PgDatabase } from './sql/pg-database';
import { PgliteDatabase } from './sql/pglite-database';

/** The event store on a PostgreSQL server, schema migrated. */
export async function createPostgresEventStore(options: {
  connectionString: string;
  poolSize?: number;
  upcasters?: UpcasterRegistry;
  /** Concurrent group-commit flushes (`es_append_batch` calls); the default suits most setups. */
  maxConcurrentFlushes?: number;
}): Promise<PostgresEventStore> {
  const db = new PgDatabase({ connectionString: options.connectionString, max: options.poolSize ?? 20 });
  const store = new PostgresEventStore(db, options.upcasters, true, {
    maxConcurrentFlushes: options.maxConcurrentFlushes,
  });
  await store.migrate();
  return store;
}

/** The embedded event store on PGlite: data in `dataDir`, or in memory when it is undefined. */
export async function createEmbeddedEventStore(options: {
  dataDir?: string;
  upcasters?: UpcasterRegistry;
}): Promise<PostgresEventStore> {
  const db = await PgliteDatabase.open(options.dataDir);
  const store = new PostgresEventStore(db, options.upcasters);
  await store.migrate();
  return store;
}
