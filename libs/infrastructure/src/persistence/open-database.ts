import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type PoolConfig } from 'pg';
import { PgDatabase, PgliteDatabase, type SqlDatabase } from '@kamflow/event-store';
import { type AppConfig, ConfigError } from '../config/app-config';
import {
  type EmbeddedPostgresLog,
  EmbeddedPostgresServer,
} from './embedded-postgres/embedded-postgres-server';

/** A pool on the embedded server that stops the server when it is closed. */
export class EmbeddedPostgresDatabase extends PgDatabase {
  constructor(
    config: PoolConfig,
    readonly server: EmbeddedPostgresServer,
  ) {
    super(config);
  }

  override async close(): Promise<void> {
    try {
      await super.close();
    } finally {
      await this.server.stop();
    }
  }
}

/**
 * Refuses, with what to do, an embedded data directory the chosen engine cannot read: the PGlite data of an
 * earlier version when the engine is now PostgreSQL.
 */
export function assertEmbeddedDataDir(config: AppConfig): void {
  if (config.databaseUrl || config.embeddedEngine !== 'postgres') return;
  if (
    existsSync(join(config.dataDir, 'pglite', 'PG_VERSION')) &&
    !existsSync(join(config.dataDir, 'pg', 'PG_VERSION'))
  ) {
    throw new ConfigError(
      'EMBEDDED_ENGINE',
      `is postgres (the default), but ${config.dataDir} holds a PGlite database (${join(config.dataDir, 'pglite')}) ` +
        `of an earlier version: start with EMBEDDED_ENGINE=pglite to keep using it (not crash-durable), ` +
        `or move ${config.dataDir} away (or set DATA_DIR) to start afresh on the embedded PostgreSQL server`,
    );
  }
}

/** For command-line tools: the embedded server's messages on stderr, apart from the tool's output. */
export const STDERR_LOG: EmbeddedPostgresLog = {
  log: (message) => process.stderr.write(`${message}\n`),
  warn: (message) => process.stderr.write(`${message}\n`),
  error: (message) => process.stderr.write(`${message}\n`),
};

export interface OpenDatabaseOptions {
  poolSize: number;
  log: EmbeddedPostgresLog;
  /**
   * Use the embedded server of a product already running on the same `DATA_DIR` instead of starting one
   * (command-line tools beside a running product).
   */
  joinRunning?: boolean;
}

/**
 * The SQL database the configuration names: a pool on `DATABASE_URL`; else a pool on the embedded
 * PostgreSQL server in `DATA_DIR` (started here, stopped by `close()`); or PGlite when `EMBEDDED_ENGINE=pglite`.
 * Embedded PostgreSQL and server mode share the pool, the SQL and the schema.
 */
export async function openDatabase(config: AppConfig, options: OpenDatabaseOptions): Promise<SqlDatabase> {
  if (config.databaseUrl)
    return new PgDatabase({ connectionString: config.databaseUrl, max: options.poolSize });
  assertEmbeddedDataDir(config);
  if (config.embeddedEngine === 'pglite') {
    options.log.warn(
      `EMBEDDED_ENGINE=pglite: PGlite in-process in ${join(config.dataDir, 'pglite')}, fsync off and one connection: ` +
        'a power loss or OS crash can lose acknowledged orders; for tests and demos only',
    );
    return PgliteDatabase.open(join(config.dataDir, 'pglite'));
  }
  const running = options.joinRunning ? EmbeddedPostgresServer.runningOn(config.dataDir) : undefined;
  if (running) return new PgDatabase({ ...running, max: options.poolSize });
  const server = await EmbeddedPostgresServer.start({ dataDir: config.dataDir, log: options.log });
  options.log.log(
    `embedded PostgreSQL (pid ${server.pid}) on 127.0.0.1:${server.port}, data in ${server.dataDir}`,
  );
  return new EmbeddedPostgresDatabase({ ...server.connection, max: options.poolSize }, server);
}
