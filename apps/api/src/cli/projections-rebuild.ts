import 'reflect-metadata';
import { join } from 'node:path';
import { PgDatabase, PgliteDatabase, PostgresEventStore, type SqlDatabase } from '@kamflow/event-store';
import { loadConfig, LogEventSource, ProjectionRunner } from '@kamflow/infrastructure';
import { ALL_PROJECTIONS, type Projection } from '@kamflow/projections';

const PROJECTIONS: readonly Projection[] = ALL_PROJECTIONS;

/**
 * `npm run projections:rebuild -- <name>`: replays the log into shadow tables and swaps them in with the
 * checkpoint, while a running server (PostgreSQL mode) keeps answering from the old tables. The embedded
 * database (PGlite) is single-process: stop the server first, or restart it after bumping the version.
 */
async function main(argv: string[]): Promise<number> {
  const name = argv[0];
  const projection = PROJECTIONS.find((p) => p.name === name);
  if (!projection) {
    process.stderr.write(
      `usage: projections:rebuild -- <name>\nprojections: ${PROJECTIONS.map((p) => p.name).join(', ')}\n`,
    );
    return 2;
  }
  const config = loadConfig();
  const db: SqlDatabase = config.databaseUrl
    ? new PgDatabase({ connectionString: config.databaseUrl, max: 4 })
    : await PgliteDatabase.open(join(config.dataDir, 'pglite'));
  const store = new PostgresEventStore(db);
  try {
    await store.migrate();
    const runner = new ProjectionRunner(db, new LogEventSource(store));
    runner.register(projection);
    const started = Date.now();
    const { position } = await runner.rebuild(projection.name);
    process.stdout.write(
      `rebuilt ${projection.name} up to position ${position} in ${Date.now() - started} ms\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`rebuild failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
