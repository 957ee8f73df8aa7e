import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { loadConfig, ManagementListener } from '@kamflow/infrastructure';
import { createApp } from '../../apps/api/src/create-app';

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** An HTTP client bound to one user's token. */
export interface Client {
  token: string;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<Answer<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
}

export interface RunningApp {
  app: INestApplication;
  baseUrl: string;
  /** The management listener (`/metrics`, `/health`): a free port of its own on 127.0.0.1. */
  managementUrl: string;
  dataDir: string;
  login(username: string, password?: string): Promise<Client>;
  anonymous: Omit<Client, 'token'>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

async function call(baseUrl: string, method: string, path: string, token?: string, body?: unknown, headers = {}) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    // Bounded: a request the product never answers fails its test instead of holding the file open.
    signal: AbortSignal.timeout(60_000),
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body: parsed as any };
}

function client(baseUrl: string, token?: string) {
  return {
    token: token ?? '',
    get: (path: string, headers?: Record<string, string>) => call(baseUrl, 'GET', path, token, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call(baseUrl, 'POST', path, token, body ?? {}, headers),
  };
}

/**
 * Starts the embedded product (its private PostgreSQL server on a fresh data directory, demo data seeded)
 * on a free port; `EMBEDDED_ENGINE=pglite` in the test environment runs it on PGlite instead.
 * Pass `dataDir` to reopen the data of an earlier run.
 */
export async function startApp(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kamflow-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    EMBEDDED_ENGINE: process.env.EMBEDDED_ENGINE ?? 'postgres',
    LOG_LEVEL: 'warn',
    TIMER_INTERVAL_MS: '200',
    MANAGEMENT_PORT: '0',
    ...options.env,
  });
  const app = await createApp(config);
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    // A start that failed half-way (a broker or a hook) must not leave its timers and clients running.
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const running: RunningApp = {
    app,
    baseUrl,
    managementUrl: app.get(ManagementListener).url ?? '(management listener not started)',
    dataDir,
    anonymous: client(baseUrl),
    login: async (username, password = 'demo123') => {
      const answer = await call(baseUrl, 'POST', '/auth/login', undefined, { username, password });
      if (answer.status !== 200) throw new Error(`login ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      return client(baseUrl, (answer.body as { accessToken: string }).accessToken);
    },
    close: async ({ keepData = false } = {}) => {
      started.delete(running);
      await app.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  started.add(running);
  return running;
}

/** Products started by this test file and not closed yet. */
const started = new Set<RunningApp>();

// A safety net: whatever a failed test or a failed `afterAll` left running is closed when the file ends,
// so it cannot keep jest alive (this runs after the file's own `afterAll` hooks).
if (typeof afterAll === 'function') {
  afterAll(async () => {
    for (const product of [...started]) await product.close().catch(() => undefined);
  });
}

/** Polls until `check` returns a value without throwing (eventual consistency of the process manager). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A valid order body for a demo account (Beijing desktops on Kylin). */
export function orderBody(overrides: Record<string, unknown> = {}, lineOverrides: Record<string, unknown> = {}) {
  return {
    accountId: 'acc-sgcc',
    channel: 'DIRECT',
    signedBy: '张敏',
    customerPo: 'PO-E2E-1',
    lines: [
      {
        modelId: 'TC-M70T-G4',
        optionIds: ['CPU-I5-13500', 'MEM-16G', 'SSD-512G', 'OS-KYLIN-V10', 'SW-WPS-PRO', 'WTY-3Y-PC'],
        quantity: 10,
        requestedDate: futureDate(30),
        deliveryAddress: { region: 'Beijing', city: 'Beijing', address: '西长安街86号', contact: '王工', phone: '010-6660' },
        ...lineOverrides,
      },
    ],
    ...overrides,
  };
}

export function futureDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Waits until every background process has handled the whole log (readiness reports no lag). */
export async function settled(product: RunningApp): Promise<number> {
  return eventually(async () => {
    const ready = await product.anonymous.get('/ready');
    const checks = ready.body.checks as Record<string, { lagEvents?: number; headPosition?: number }>;
    for (const [name, check] of Object.entries(checks)) {
      if ((check.lagEvents ?? 0) > 0) throw new Error(`${name} lags by ${check.lagEvents}`);
    }
    return checks.eventStore.headPosition!;
  });
}
