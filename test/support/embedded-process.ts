import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import {
  isAlive,
  isPostmasterOf,
  readPostmasterLock,
} from '../../libs/infrastructure/src/persistence/embedded-postgres/server-processes';
import { freePort } from './distributed';

const ROOT = resolve(__dirname, '..', '..');

/** The built embedded product (`dist/apps/api/src/main.js`) running as a child process. */
export interface EmbeddedProcess {
  child: ChildProcess;
  baseUrl: string;
  /** SIGKILL to the product's process group: no shutdown hook runs. */
  kill(): Promise<void>;
  /** SIGTERM, as a service manager or Ctrl-C would; resolves when the process has exited. */
  stop(): Promise<number | string | null>;
  output(): string;
}

const started = new Set<{ child: ChildProcess; dataDir: string }>();

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* gone */
  }
}

/** Starts the product on `dataDir` in a process group of its own and waits for a 200 from `/ready`. */
export async function startEmbeddedProcess(dataDir: string, timeoutMs = 90_000): Promise<EmbeddedProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      MANAGEMENT_PORT: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      EMBEDDED_ENGINE: 'postgres',
      // Without a broker: a killed run's partner-command consumer would hold the next start in a rebalance.
      KAFKA_BROKERS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const entry = { child, dataDir };
  started.add(entry);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the product exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    const ready = await fetch(`${baseUrl}/api/v1/ready`, { signal: AbortSignal.timeout(5_000) }).catch(
      () => undefined,
    );
    if (ready?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    baseUrl,
    output: () => output,
    kill: async () => {
      signalGroup(child, 'SIGKILL');
      await exited(child);
      started.delete(entry);
    },
    stop: async () => {
      const kill = setTimeout(() => signalGroup(child, 'SIGKILL'), 30_000);
      signalGroup(child, 'SIGTERM');
      await exited(child);
      clearTimeout(kill);
      started.delete(entry);
      return child.exitCode ?? child.signalCode;
    },
  };
}

/** The postmaster running on `<dataDir>/pg`, if any. */
export function embeddedPostmaster(dataDir: string): number | undefined {
  const pgdata = join(dataDir, 'pg');
  const lock = readPostmasterLock(pgdata);
  return lock && isAlive(lock.pid) && isPostmasterOf(lock.pid, pgdata) ? lock.pid : undefined;
}

/**
 * Kills whatever a test file started and left running, the product's group and the server on its data
 * directory (which runs in a session of its own), also when a test failed half-way.
 */
export function killEmbeddedProcesses(): void {
  for (const { child, dataDir } of started) {
    signalGroup(child, 'SIGKILL');
    const postmaster = embeddedPostmaster(dataDir);
    if (postmaster) process.kill(postmaster, 'SIGQUIT');
  }
  started.clear();
}
