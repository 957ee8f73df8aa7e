import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** What `postmaster.pid` says about the server of a data directory. */
export interface PostmasterLock {
  pid: number;
  port: number;
  /** `starting`, `ready`, `stopping` or `standby`. */
  status: string;
}

/** Reads `<pgdata>/postmaster.pid`; `undefined` when there is none (no server, or a clean stop). */
export function readPostmasterLock(pgdata: string): PostmasterLock | undefined {
  let text: string;
  try {
    text = readFileSync(join(pgdata, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port: Number(lines[3]), status: (lines[7] ?? '').trim() || 'starting' };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a process, or `undefined` when it is gone. */
export function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    if (process.platform === 'linux') return undefined;
  }
  try {
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
  } catch {
    return undefined;
  }
}

/** Whether `pid` is a postmaster started on exactly this data directory (`-D <pgdata>`). */
export function isPostmasterOf(pid: number, pgdata: string): boolean {
  const args = commandLine(pid);
  if (!args) return false;
  const at = args.indexOf('-D');
  return at >= 0 && args[at + 1] === pgdata;
}

/**
 * Processes whose working directory is `pgdata`: every PostgreSQL process (postmaster and backends) works
 * there. Linux only; elsewhere the list is empty and the postmaster check alone decides.
 */
export function processesIn(pgdata: string): number[] {
  if (process.platform !== 'linux') return [];
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/cwd`) === pgdata) found.push(Number(name));
    } catch {
      /* gone, or not ours to inspect */
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function gone(pids: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Stops a postmaster: fast shutdown (SIGINT: sessions end, a checkpoint is written), then immediate shutdown
 * (SIGQUIT: crash recovery on the next start, nothing committed is lost), then SIGKILL.
 */
export async function stopPostmaster(pid: number, pgdata: string, fastTimeoutMs = 30_000): Promise<void> {
  signal([pid], 'SIGINT');
  if (await gone([pid], fastTimeoutMs)) return;
  signal([pid], 'SIGQUIT');
  if (await gone([pid], 5_000)) return;
  signal([pid, ...processesIn(pgdata)], 'SIGKILL');
  await gone([pid], 5_000);
}

/**
 * Recovers the data directory of a run that ended without stopping its server (SIGKILL, power cut): stops a
 * postmaster still running on it, waits for backends that outlived theirs, and removes a `postmaster.pid`
 * whose pid now belongs to an unrelated process (which PostgreSQL would take for a running server).
 * Returns the pid of the server it stopped.
 */
export async function recoverStaleServer(
  pgdata: string,
  warn: (message: string) => void,
): Promise<number | undefined> {
  const lock = readPostmasterLock(pgdata);
  const running =
    lock && isAlive(lock.pid) && (isPostmasterOf(lock.pid, pgdata) || processesIn(pgdata).includes(lock.pid));
  if (lock && running) {
    warn(`stopping the PostgreSQL server (pid ${lock.pid}) that an earlier run left running on ${pgdata}`);
    await stopPostmaster(lock.pid, pgdata);
    return lock.pid;
  }
  const orphans = processesIn(pgdata);
  if (orphans.length) {
    // Backends notice their postmaster's death and exit; the shared-memory interlock needs them gone.
    if (!(await gone(orphans, 10_000))) signal(orphans, 'SIGKILL');
    await gone(orphans, 5_000);
  }
  if (lock && isAlive(lock.pid)) rmSync(join(pgdata, 'postmaster.pid'), { force: true });
  return undefined;
}
