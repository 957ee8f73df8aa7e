import { ENSURE_KAFKA_TIMEOUT_MS, ensureKafkaBrokers } from '../../../../test/support/kafka';
import { uniqueSuffix } from '../../../../test/support/messaging';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres';
import { type RunningPublicEventPublisher, runPublicEventPublisher } from './run-public-event-publisher';

/** The publisher process without Nest: probes on its port, metrics on its management port only. Real Kafka and PostgreSQL. */
describe('the public-event publisher process', () => {
  let db: TestDatabase;
  let running: RunningPublicEventPublisher | undefined;
  const get = (port: number | undefined, path: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(10_000) });

  beforeAll(async () => {
    const [brokers, database] = await Promise.all([ensureKafkaBrokers(), createTestDatabase('kamflow_pub_run')]);
    db = database;
    running = await runPublicEventPublisher({
      databaseUrl: db.url,
      kafkaBrokers: brokers,
      topicPrefix: `kamflow-it-pubrun-${uniqueSuffix()}`,
      partitions: 1,
      port: 0,
      host: '127.0.0.1',
      managementPort: 0,
    });
  }, ENSURE_KAFKA_TIMEOUT_MS);

  afterAll(async () => {
    try {
      await running?.stop();
    } finally {
      await db?.drop();
    }
  });

  it('answers /health and /ready on its port, and /metrics there with 404 problem+json', async () => {
    expect((await get(running!.port, '/health')).status).toBe(200);
    const ready = await get(running!.port, '/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const refused = await get(running!.port, '/metrics');
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it('serves Prometheus metrics on its management port', async () => {
    expect(running!.managementPort).toBeGreaterThan(0);
    expect(running!.managementPort).not.toBe(running!.port);
    const scrape = await get(running!.managementPort, '/metrics');
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('kamflow_public_publisher_process_cpu_seconds_total');
  });
});
