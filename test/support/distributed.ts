import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Client } from './app-harness';

const execFileAsync = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');

/** The processes of the distributed mode, in start order: the relay and the context services, then the gateway. */
export const DISTRIBUTED_PROCESSES = [
  { name: 'relay', entry: 'dist/apps/relay/src/main.js', health: '/health' },
  { name: 'ordering', entry: 'dist/apps/ordering/src/main.js', health: '/health' },
  { name: 'configuration', entry: 'dist/apps/configuration/src/main.js', health: '/health' },
  { name: 'credit', entry: 'dist/apps/credit/src/main.js', health: '/health' },
  { name: 'delivery', entry: 'dist/apps/delivery/src/main.js', health: '/health' },
  { name: 'acceptance', entry: 'dist/apps/acceptance/src/main.js', health: '/health' },
  { name: 'billing', entry: 'dist/apps/billing/src/main.js', health: '/health' },
  { name: 'fulfilment', entry: 'dist/apps/fulfilment/src/main.js', health: '/health' },
  { name: 'gateway', entry: 'dist/apps/api/src/main.js', health: '/api/v1/health' },
] as const;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds `dist` (`tsc -p tsconfig.build.json` + `tsc-alias`) when a source file is newer than the built entries. */
export async function buildIfStale(): Promise<boolean> {
  // Parallel test files must not compile into the same dist/ at once.
  const release = await acquireLock(join(tmpdir(), 'kamflow-build.lock'));
  try {
    return await buildIfStaleLocked();
  } finally {
    release();
  }
}

async function buildIfStaleLocked(): Promise<boolean> {
  const entries = DISTRIBUTED_PROCESSES.map((p) => join(ROOT, p.entry));
  const built = entries.every(existsSync) ? Math.min(...entries.map((e) => statSync(e).mtimeMs)) : 0;
  const sources = Math.max(
    ...['apps', 'libs'].flatMap((top) =>
      readdirSync(join(ROOT, top))
        .filter((d) => d !== 'admin-ui' && existsSync(join(ROOT, top, d, 'src')))
        .map((d) => newestMtime(join(ROOT, top, d, 'src'))),
    ),
  );
  if (built > sources) return false;
  // Type errors elsewhere in the tree must not block the run: tsc still emits (noEmitOnError is off).
  await execFileAsync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => {
    if (!entries.every(existsSync)) throw error;
  });
  await execFileAsync(process.execPath, ['node_modules/tsc-alias/dist/bin/index.js', '-p', 'tsconfig.build.json'], { cwd: ROOT });
  return true;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface DistributedSystem {
  gatewayUrl: string;
  /** Each process's public port (`PORT`: the gateway's API, the services' /health and /ready). */
  ports: Record<string, number>;
  /** Each process's management port (`MANAGEMENT_PORT` on 127.0.0.1: /metrics). */
  managementPorts: Record<string, number>;
  logDir: string;
  /** The last lines of a process's log (for failure messages). */
  logTail(name: string, lines?: number): string;
  /** SIGKILLs one process (no shutdown hook runs) and waits until it is gone. */
  kill(name: string): Promise<void>;
  /** Starts a killed process again (same port, same instance id) and waits for its health. */
  restart(name: string): Promise<void>;
  /**
   * Starts one more process (e.g. the public-event publisher or the provider simulator) with the same base
   * environment; `ready` waits for it (default: its `health` path on `ports[name]`). `stop()` stops it too.
   */
  launchExtra(extra: ExtraProcess): Promise<void>;
  stop(): Promise<void>;
}

export interface ExtraProcess {
  name: string;
  entry: string;
  env?: Record<string, string>;
  /** A health path served on the process's own free port (passed as `PORT`). */
  health?: string;
  /** Or: a line of its log that tells it is running. */
  readyLog?: RegExp;
}

/**
 * Every process a test file started and has not seen exit: each leads a process group of its own
 * (`detached`), so it and anything it started go down together, also when a failed test never reaches
 * its `stop()`, when the jest worker exits, or when the worker is told to stop.
 */
const running = new Set<ChildProcess>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function killAllRunning(): void {
  for (const child of running) signalGroup(child, 'SIGKILL');
  running.clear();
}

let exitHooked = false;
function hookProcessExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', killAllRunning);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllRunning();
      process.kill(process.pid, signal);
    });
  }
}

async function waitHealthy(url: string, child: ChildProcess, name: string, timeoutMs: number, logTail: () => string) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${logTail()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${name} not healthy at ${url} after ${timeoutMs} ms:\n${logTail()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts the relay, every context service and the gateway as separate node processes of the built `dist`,
 * against one PostgreSQL database (each service touches only its own tables and streams) and one Kafka.
 */
export async function startDistributed(options: {
  databaseUrl: string;
  brokers: string;
  topicPrefix: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<DistributedSystem> {
  // One distributed system at a time on this machine: two of them (a dozen processes each) started by
  // parallel test files overload two cores and race on topic creation.
  const releaseLock = await acquireLock(join(tmpdir(), 'kamflow-distributed.lock'));
  try {
    const system = await startDistributedLocked(options);
    const locked: DistributedSystem = {
      ...system,
      stop: async () => {
        systems.delete(locked);
        try {
          await system.stop();
        } finally {
          releaseLock();
        }
      },
    };
    systems.add(locked);
    return locked;
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** Systems started by this test file and not stopped yet. */
const systems = new Set<DistributedSystem>();

// A safety net after the file's own `afterAll` hooks: a system a failed test left running is stopped
// (processes ended, the machine-wide lock released), so it cannot keep jest or the next file waiting.
if (typeof afterAll === 'function') {
  afterAll(async () => {
    for (const system of [...systems]) await system.stop().catch(() => undefined);
  }, 60_000);
}

/** Takes a lock directory holding the owner's pid; a lock whose owner is gone is taken over. */
async function acquireLock(path: string, timeoutMs = 15 * 60_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      return () => rmSync(path, { recursive: true, force: true });
    } catch {
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(path, 'pid'), 'utf8'));
      } catch {
        /* being written or removed */
      }
      if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) rmSync(path, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`could not take ${path} in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startDistributedLocked(options: {
  databaseUrl: string;
  brokers: string;
  topicPrefix: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<DistributedSystem> {
  const logDir = mkdtempSync(join(tmpdir(), 'kamflow-distributed-'));
  const ports: Record<string, number> = {};
  const managementPorts: Record<string, number> = {};
  for (const p of DISTRIBUTED_PROCESSES) {
    ports[p.name] = await freePort();
    managementPorts[p.name] = await freePort();
  }
  const children = new Map<string, ChildProcess>();
  const logTail = (name: string, lines = 40) => {
    try {
      return readFileSync(join(logDir, `${name}.log`), 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const launch = (p: { name: string; entry: string }, extraEnv: Record<string, string> = {}) => {
    const log = createWriteStream(join(logDir, `${p.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [p.entry], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: options.databaseUrl,
        KAFKA_BROKERS: options.brokers,
        KAFKA_TOPIC_PREFIX: options.topicPrefix,
        PORT: String(ports[p.name]),
        HOST: '127.0.0.1',
        MANAGEMENT_PORT: String(managementPorts[p.name] ?? 0),
        MANAGEMENT_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        INSTANCE_ID: String(ports[p.name]),
        TIMER_INTERVAL_MS: '1000',
        ...(p.name === 'gateway' ? { MODE: 'distributed', DEMO_DATA: 'true' } : {}),
        ...options.env,
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    hookProcessExit();
    running.add(child);
    child.once('exit', () => running.delete(child));
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    children.set(p.name, child);
    return child;
  };
  const timeoutMs = options.timeoutMs ?? 90_000;
  const stop = async () => {
    const all = [...children.values()].reverse();
    await Promise.all(
      all.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const kill = setTimeout(() => signalGroup(child, 'SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            signalGroup(child, 'SIGTERM');
          }),
      ),
    );
  };
  try {
    const services = DISTRIBUTED_PROCESSES.filter((p) => p.name !== 'gateway');
    const started = services.map((p) => [p, launch(p)] as const);
    await Promise.all(
      started.map(([p, child]) =>
        waitHealthy(`http://127.0.0.1:${ports[p.name]}${p.health}`, child, p.name, timeoutMs, () => logTail(p.name)),
      ),
    );
    const gateway = DISTRIBUTED_PROCESSES.find((p) => p.name === 'gateway')!;
    const child = launch(gateway);
    await waitHealthy(`http://127.0.0.1:${ports.gateway}${gateway.health}`, child, 'gateway', timeoutMs, () => logTail('gateway'));
  } catch (error) {
    await stop();
    throw error;
  }
  const extras = new Map<string, ExtraProcess>();
  const exited = (child: ChildProcess) =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
    });
  const kill = async (name: string) => {
    const child = children.get(name);
    if (!child) throw new Error(`no process ${name}`);
    const gone = exited(child);
    signalGroup(child, 'SIGKILL');
    await gone;
  };
  const logSize = (name: string) => {
    try {
      return statSync(join(logDir, `${name}.log`)).size;
    } catch {
      return 0;
    }
  };
  const logSince = (name: string, offset: number) => {
    try {
      return readFileSync(join(logDir, `${name}.log`)).subarray(offset).toString('utf8');
    } catch {
      return '';
    }
  };
  const ready = async (name: string, child: ChildProcess, logOffset: number) => {
    const known = DISTRIBUTED_PROCESSES.find((p) => p.name === name);
    const extra = extras.get(name);
    const health = known?.health ?? extra?.health;
    if (health) {
      await waitHealthy(`http://127.0.0.1:${ports[name]}${health}`, child, name, timeoutMs, () => logTail(name));
      return;
    }
    const pattern = extra?.readyLog;
    if (!pattern) return;
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(logSince(name, logOffset))) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${logTail(name)}`);
      if (Date.now() > deadline) throw new Error(`${name} not ready after ${timeoutMs} ms:\n${logTail(name)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const restart = async (name: string) => {
    const known = DISTRIBUTED_PROCESSES.find((p) => p.name === name);
    const extra = extras.get(name);
    const spec = known ?? extra;
    if (!spec) throw new Error(`no process ${name}`);
    const previous = children.get(name);
    if (previous && previous.exitCode === null && previous.signalCode === null) throw new Error(`${name} is still running`);
    const offset = logSize(name);
    await ready(name, launch(spec, extra?.env), offset);
  };
  const launchExtra = async (extra: ExtraProcess) => {
    extras.set(extra.name, extra);
    ports[extra.name] ??= await freePort();
    managementPorts[extra.name] ??= await freePort();
    const offset = logSize(extra.name);
    await ready(extra.name, launch(extra, extra.env), offset);
  };
  return {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    ports,
    managementPorts,
    logDir,
    logTail,
    kill,
    restart,
    launchExtra,
    stop,
  };
}

/** A client of a gateway at `baseUrl` for one user (the same shape as the embedded harness's). */
export async function loginAt(baseUrl: string, username: string, password = 'demo123'): Promise<Client> {
  const answer = await call(baseUrl, 'POST', '/auth/login', undefined, { username, password });
  if (answer.status !== 200) throw new Error(`login ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  const token = (answer.body as { accessToken: string }).accessToken;
  return {
    token,
    get: (path, headers) => call(baseUrl, 'GET', path, token, undefined, headers),
    post: (path, body, headers) => call(baseUrl, 'POST', path, token, body ?? {}, headers),
  };
}

async function call(baseUrl: string, method: string, path: string, token?: string, body?: unknown, headers = {}) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    // Bounded: a request the system never answers fails its test instead of holding the file open.
    signal: AbortSignal.timeout(60_000),
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: response.status, headers: response.headers, body: parsed as any };
}
