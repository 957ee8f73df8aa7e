/** Creating, starting and probing the embedded cluster: the steps behind `EmbeddedPostgresServer.start`. */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { EmbeddedPostgresError, type PostgresBinaries, type ServerAccount } from './postgres-binaries';
import { readPostmasterLock, stopPostmaster } from './server-processes';

/** The superuser and the database of the embedded cluster. */
export const EMBEDDED_USER = 'kamflow';
export const EMBEDDED_DATABASE = 'kamflow';

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

export type EmbeddedPostgresPaths = ReturnType<typeof embeddedPostgresPaths>;

/** A TCP port of 127.0.0.1 free at the moment of asking. */
export function freePort(): Promise<number> {
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

/** The generated password of the cluster's superuser. */
export function readPassword(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new EmbeddedPostgresError(
      `${file} is missing: the embedded PostgreSQL cluster beside it cannot be opened without it`,
    );
  }
}

/** Refuses a cluster made by another PostgreSQL major version than the shipped binaries. */
export function assertVersion(binaries: PostgresBinaries, pgdata: string): void {
  const major = readFileSync(join(pgdata, 'PG_VERSION'), 'utf8').trim();
  if (major !== binaries.major) {
    throw new EmbeddedPostgresError(
      `${pgdata} holds a PostgreSQL ${major} cluster and this build ships PostgreSQL ${binaries.major}: ` +
        'dump it with that version (pg_dump) and restore it here, or move it away to start afresh',
    );
  }
}

/** `initdb` into a scratch directory, renamed into place only when complete (a killed initdb leaves no half cluster). */
export async function initialise(
  binaries: PostgresBinaries,
  account: ServerAccount | undefined,
  paths: EmbeddedPostgresPaths,
  log: { log(message: string): void },
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
      `--username=${EMBEDDED_USER}`,
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

export async function launch(
  binaries: PostgresBinaries,
  account: ServerAccount | undefined,
  paths: EmbeddedPostgresPaths,
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
