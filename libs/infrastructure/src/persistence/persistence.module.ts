import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@kamflow/eventsourcing';
import { PgDatabase, PgliteDatabase, PostgresEventStore, type SqlDatabase } from '@kamflow/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotifyingEventStore } from './notifying-event-store';
import { EVENT_STORE_WRAPPER, SQL_DATABASE } from './tokens';

/**
 * The database and the event store: PGlite in `DATA_DIR` when embedded, a PostgreSQL pool otherwise.
 * Migrations run at start.
 */
@Global()
@Module({
  providers: [
    {
      provide: SQL_DATABASE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<SqlDatabase> => {
        if (config.databaseUrl) return new PgDatabase({ connectionString: config.databaseUrl, max: 20 });
        new Logger('persistence').log(`embedded PostgreSQL (PGlite) in ${config.dataDir}`);
        return PgliteDatabase.open(join(config.dataDir, 'pglite'));
      },
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
