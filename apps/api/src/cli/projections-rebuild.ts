import 'reflect-metadata';
import { PostgresEventStore } from '@kamflow/event-store';
import {
  loadConfig,
  LogEventSource,
  openDatabase,
  ProjectionRunner,
  STDERR_LOG,
} from '@kamflow/infrastructure';
import { ALL_PROJECTIONS, type Projection } from '@kamflow/projections';

const PROJECTIONS: readonly Projection[] = ALL_PROJECTIONS;

/**
 * `npm run projections:rebuild -- <name>... | all`: replays the log once into shadow tables of the named
 * projections and swaps each in with its checkpoint, while a running server (PostgreSQL mode) keeps
 * answering from the old tables; beside a running embedded product it uses the product's PostgreSQL server.
 * PGlite (`EMBEDDED_ENGINE=pglite`) is single-process: stop the product first, or restart it after bumping
 * the version.
 */
async function main(argv: string[]): Promise<number> {
  const names = argv.includes('all') ? PROJECTIONS.map((p) => p.name) : argv;
  const unknown = names.filter((n) => !PROJECTIONS.some((p) => p.name === n));
  if (!names.length || unknown.length) {
    process.stderr.write(
      `${unknown.length ? `unknown projection: ${unknown.join(', ')}\n` : ''}` +
        `usage: projections:rebuild -- <name>... | all\nprojections: ${PROJECTIONS.map((p) => p.name).join(', ')}\n`,
    );
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config, { poolSize: 4, log: STDERR_LOG, joinRunning: true });
  const store = new PostgresEventStore(db);
  try {
    await store.migrate();
    const runner = new ProjectionRunner(db, new LogEventSource(store));
    for (const name of names) runner.register(PROJECTIONS.find((p) => p.name === name)!);
    const started = Date.now();
    const results = await runner.rebuildAll(names);
    const ms = Date.now() - started;
    for (const r of results) {
      process.stdout.write(`rebuilt ${r.name}: ${r.rows} rows, up to position ${r.position}\n`);
    }
    const head = Math.max(0, ...results.map((r) => r.position));
    process.stdout.write(
      `${results.length} projection(s) in one pass over ${head} log positions in ${ms} ms` +
        ` (${Math.round(head / Math.max(ms / 1000, 0.001))} log positions/s)\n`,
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
