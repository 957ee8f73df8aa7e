import { createServer, type Server } from 'node:net';
import { ManagementListener } from '@kamflow/infrastructure';
import { type RunningApp, startApp } from './support/app-harness';

/** Least privilege for operations: metrics are for the scraper on the management port, not for API clients. */
describe('the management listener', () => {
  let product: RunningApp;

  beforeAll(async () => {
    product = await startApp();
  });

  afterAll(async () => {
    await product?.close();
  });

  it('serves no metrics on the public listener, to nobody: 404 problem+json', async () => {
    const admin = await product.login('admin');
    for (const answer of [await product.anonymous.get('/metrics'), await admin.get('/metrics')]) {
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ status: 404, code: 'HTTP.404' });
    }
    const root = await fetch(`${product.baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
    expect(root.headers.get('content-type')).not.toContain('text/plain; version=0.0.4');
    expect(await root.text()).not.toContain('kamflow_http_requests_total');
  });

  it('serves Prometheus metrics and liveness on its own port, counting the public requests', async () => {
    expect(product.managementUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(product.managementUrl).port).not.toBe(new URL(product.baseUrl).port);
    expect((await product.anonymous.get('/health')).status).toBe(200);

    const scrape = await fetch(`${product.managementUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    const text = await scrape.text();
    expect(text).toMatch(/kamflow_http_requests_total\{[^}]*route="[^"]*health"[^}]*status="200"\} [1-9]/);
    expect(text).toMatch(/kamflow_http_requests_total\{.*status="404"\} [1-9]/);
    expect(text).toContain('kamflow_projection_lag_events');

    const health = await fetch(`${product.managementUrl}/health`, { signal: AbortSignal.timeout(10_000) });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });

  it('answers anything else there with problem+json', async () => {
    const unknown = await fetch(`${product.managementUrl}/api/v1/orders`, { signal: AbortSignal.timeout(10_000) });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const post = await fetch(`${product.managementUrl}/metrics`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    expect(post.status).toBe(405);
    expect(await post.json()).toMatchObject({ status: 405, code: 'HTTP.405' });
  });

  it('lets the product run without metrics when the management port is taken', async () => {
    const blocker: Server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    let second: RunningApp | undefined;
    try {
      second = await startApp({ env: { MANAGEMENT_PORT: String(taken) } });
      expect(second.app.get(ManagementListener).url).toBeUndefined();
      expect((await second.anonymous.get('/health')).status).toBe(200);
      expect((await second.anonymous.get('/metrics')).status).toBe(404);
    } finally {
      await second?.close();
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
