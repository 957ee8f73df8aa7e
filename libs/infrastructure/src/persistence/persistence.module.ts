import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@kamflow/eventsourcing';
import { PostgresEventStore, type SqlDatabase } from '@kamflow/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotifyingEventStore } from './notifying-event-store';
import { openDatabase } from './open-database';
import { EVENT_STORE_WRAPPER, SQL_DATABASE } from './tokens';

/**
 * The database and the event store: a pool on `DATABASE_URL`, or on the embedded PostgreSQL server in
 * `DATA_DIR` (stopped with the application), or PGlite (`EMBEDDED_ENGINE=pglite`). Migrations run at start.
 */
@Global()
@Module({
  providers: [
    {
      provide: SQL_DATABASE,
      inject: [APP_CONFIG],
      // The embedded server shares one machine with the product: 8 sessions carry its load (measured: the same
      // orders/s as 20) with a third of the resident memory under load.
      useFactory: (config: AppConfig): Promise<SqlDatabase> =>
        openDatabase(config, { poolSize: config.databaseUrl ? 20 : 8, log: new Logger('persistence') }),
    },
    {
      provide: EVENT_STORE,
      inject: [SQL_DATABASE, { token: EVENT_STORE_WRAPPER, optional: true }],
      useFactory: async (db: SqlDatabase, wrap?: (store: EventStore) => NotifyingEventStore) => {
        const store = new PostgresEventStore(db, undefined, false);
        await store.migrate();
        return wrap ? wrap(store) : new NotifyingEventStore(store);
      },
    },
    { provide: NotifyingEventStore, useExisting: EVENT_STORE },
  ],
  exports: [SQL_DATABASE, EVENT_STORE, NotifyingEventStore],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
