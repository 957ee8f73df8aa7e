import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { commandLine, isAlive } from './server-processes';
import { EmbeddedPostgresError } from './postgres-binaries';

interface Owner {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux): a reused pid has another one. */
  started?: string;
}

function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function readOwner(file: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Owner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** The process that runs the server of this data directory, when it is still alive (not a reused pid). */
export function liveOwner(file: string): Owner | undefined {
  const owner = readOwner(file);
  if (!owner || !isAlive(owner.pid)) return undefined;
  const started = startTime(owner.pid);
  if (owner.started && started) return owner.started === started ? owner : undefined;
  const program = commandLine(owner.pid)?.[0];
  return program && /node/i.test(basename(program)) ? owner : undefined;
}

/**
 * Records this process as the one running the server of a data directory; refuses when another live
 * process does (two products on one `DATA_DIR` would stop each other's server).
 */
export function claimDataDir(file: string, dataDir: string): void {
  const owner = liveOwner(file);
  if (owner && owner.pid !== process.pid) {
    throw new EmbeddedPostgresError(
      `the data directory ${dataDir} is in use by another running process (pid ${owner.pid}): stop it, or set DATA_DIR to another directory`,
    );
  }
  writeFileSync(file, JSON.stringify({ pid: process.pid, started: startTime(process.pid) }) + '\n');
}

/** Forgets this process as the owner (after its server stopped). */
export function releaseDataDir(file: string): void {
  if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
}
