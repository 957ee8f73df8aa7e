import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PgliteDatabase } from '@kamflow/event-store';
import { ConfigError, loadConfig } from '../../config/app-config';
import { EmbeddedPostgresDatabase, openDatabase } from '../open-database';
import { EmbeddedPostgresServer } from './embedded-postgres-server';
import { findPostgresBinaries, reachableBinaries, serverAccount } from './postgres-binaries';
import { isAlive } from './server-processes';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kamflow-embedded-pg-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded PostgreSQL server', () => {
  it('keeps committed rows across a stop and a start, with fsync and synchronous commit on', async () => {
    const dir = dataDir();
    const first = await openDatabase(loadConfig({ DATA_DIR: dir }), { poolSize: 2, log: quiet });
    expect(first).toBeInstanceOf(EmbeddedPostgresDatabase);
    const settings = await first.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name",
    );
    expect(settings).toEqual([
      { name: 'fsync', setting: 'on' },
      { name: 'full_page_writes', setting: 'on' },
      { name: 'synchronous_commit', setting: 'on' },
    ]);
    await first.exec('CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (1), (2)');
    const { pid } = (first as EmbeddedPostgresDatabase).server;
    await first.close();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(join(dir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await openDatabase(loadConfig({ DATA_DIR: dir }), { poolSize: 2, log: quiet });
    try {
      expect(await second.query('SELECT id FROM kept ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
    } finally {
      await second.close();
    }
  });

  it('starts although postmaster.pid names a live process that is no server of it (a reused pid)', async () => {
    const dir = dataDir();
    const first = await EmbeddedPostgresServer.start({ dataDir: dir, log: quiet });
    const lock = join(dir, 'pg', 'postmaster.pid');
    const left = readFileSync(lock, 'utf8');
    await first.stop();
    // As if the server had been killed and its pid then given to another process of the server's account
    // (PostgreSQL itself would take that process for a running server and refuse to start).
    const account = serverAccount();
    const other = spawn('sleep', ['60'], { uid: account?.uid, gid: account?.gid, stdio: 'ignore' });
    try {
      writeFileSync(lock, left.replace(/^\d+/, String(other.pid)));
      const second = await EmbeddedPostgresServer.start({ dataDir: dir, log: quiet });
      expect(second.pid).not.toBe(other.pid);
      expect(isAlive(other.pid!)).toBe(true);
      await second.stop();
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('runs as root from a checkout the server account cannot reach (such as one under /root)', () => {
    const account = serverAccount();
    const shipped = findPostgresBinaries();
    if (!account) {
      // Not root: the server runs as this process's own user, and the binaries are used where they are.
      expect(reachableBinaries(shipped, account)).toBe(shipped);
      return;
    }
    const closed = dataDir();
    chmodSync(closed, 0o700);
    cpSync(dirname(dirname(shipped.postgres)), join(closed, 'native'), { recursive: true, verbatimSymlinks: true });
    const hidden = { ...shipped, initdb: join(closed, 'native/bin/initdb'), postgres: join(closed, 'native/bin/postgres') };
    const usable = reachableBinaries(hidden, account);
    expect(usable.postgres.startsWith(closed)).toBe(false);
    const run = spawnSync(usable.postgres, ['--version'], { uid: account.uid, gid: account.gid, encoding: 'utf8' });
    expect(run.stdout).toContain(`PostgreSQL) ${shipped.major}`);
    expect(reachableBinaries(hidden, account)).toEqual(usable);
    rmSync(dirname(dirname(usable.postgres)), { recursive: true, force: true });
  });

  it('refuses the PGlite data of an earlier version with what to do, and opens it when PGlite is asked for', async () => {
    const dir = dataDir();
    const lite = await PgliteDatabase.open(join(dir, 'pglite'));
    await lite.exec('CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');
    await lite.close();

    const refused = openDatabase(loadConfig({ DATA_DIR: dir }), { poolSize: 2, log: quiet });
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(/holds a PGlite database .* EMBEDDED_ENGINE=pglite/);
    expect(existsSync(join(dir, 'pg'))).toBe(false);

    const warnings: string[] = [];
    const log = { ...quiet, warn: (message: string) => warnings.push(message) };
    const opened = await openDatabase(loadConfig({ DATA_DIR: dir, EMBEDDED_ENGINE: 'pglite' }), {
      poolSize: 2,
      log,
    });
    try {
      expect(await opened.query('SELECT id FROM kept')).toEqual([{ id: 7 }]);
      expect(warnings).toEqual([expect.stringContaining('can lose acknowledged orders')]);
    } finally {
      await opened.close();
    }
  });
});
