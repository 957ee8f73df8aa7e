import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Registry } from 'prom-client';
import { PROBLEM_TYPE_BASE } from '../http/problem';

/** What {@link startManagementServer} needs. */
export interface ManagementServerOptions {
  /** `0` picks a free port. */
  port: number;
  host: string;
  /** The Prometheus registry `/metrics` serves. */
  registry: Registry;
  /** Names the process in `/health` and in the warning when the port cannot be had. */
  service: string;
  /** Told once when the listener cannot start (the process goes on without it). */
  warn: (message: string) => void;
}

/** A running management listener. */
export interface ManagementServer {
  /** The bound port (the chosen one when `0` was asked for). */
  port: number;
  /** `http://host:port`, for logs. */
  url: string;
  /** Stops listening and ends open (keep-alive) connections, so nothing keeps the process alive. */
  close(): Promise<void>;
}

/**
 * Starts the management listener of a process: `GET /metrics` (Prometheus text format) and `GET /health`
 * (the process answers), on a port of its own that is never the public API's, so per-route counts and
 * process internals are only visible where operators scrape. Anything else answers 404 problem+json.
 *
 * A port that cannot be had (in use, not permitted, an address not on this host) does not stop the
 * product: one warning names the port and what to set, and the result is `undefined`.
 */
export async function startManagementServer(
  options: ManagementServerOptions,
): Promise<ManagementServer | undefined> {
  const server = createServer((req, res) => void answer(req, res, options));
  // Scrapes are small and short; an idle scraper connection must not hold a shutdown up for long.
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 10_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    options.warn(
      `management listener not started: ${options.host}:${options.port} is not available (${code}); ` +
        `${options.service} runs without /metrics. Set MANAGEMENT_PORT to a free port (0 picks one).`,
    );
    return undefined;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { port, url: `http://${host}:${port}`, close: () => closeServer(server) };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  options: ManagementServerOptions,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  const known = path === '/metrics' || path === '/health';
  if (known && req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return problem(res, 405, 'Method Not Allowed', `${req.method} is not served on ${path}`);
  }
  if (path === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', service: options.service }));
    return;
  }
  if (path !== '/metrics') return problem(res, 404, 'Not Found', `Cannot ${req.method} ${path}`);
  try {
    const text = await options.registry.metrics();
    res.writeHead(200, { 'content-type': options.registry.contentType });
    res.end(req.method === 'HEAD' ? undefined : text);
  } catch (error) {
    problem(res, 500, 'Internal Server Error', `metrics could not be collected: ${(error as Error).message}`);
  }
}

function problem(res: ServerResponse, status: number, title: string, detail: string): void {
  const code = `HTTP.${status}`;
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: `${PROBLEM_TYPE_BASE}http-${status}`, title, status, detail, code }));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
