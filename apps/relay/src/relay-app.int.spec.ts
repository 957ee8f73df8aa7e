import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EVENT_STORE, type EventStore } from '@kamflow/eventsourcing';
import { loadConfig, ManagementListener, ProblemDetailsFilter } from '@kamflow/infrastructure';
import request from 'supertest';
import { ENSURE_KAFKA_TIMEOUT_MS, ensureKafka } from '../../../test/support/kafka';
import { uniqueSuffix, waitUntil } from '../../../test/support/messaging';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres';
import { RelayModule } from './relay.module';

let testDb: TestDatabase;
let app: INestApplication | undefined;

beforeAll(async () => {
  const brokers = await ensureKafka();
  testDb = await createTestDatabase('kamflow_relay_app');
  const config = loadConfig({
    DATABASE_URL: testDb.url,
    KAFKA_BROKERS: brokers,
    LOG_LEVEL: 'silent',
    MANAGEMENT_PORT: '0',
  });
  const settings = {
    topicPrefix: `kamflow-it-app-${uniqueSuffix()}`,
    partitions: 1,
    replicationFactor: 1,
    batchSize: 100,
  };
  app = await NestFactory.create(RelayModule.forRoot(config, settings), { logger: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
}, ENSURE_KAFKA_TIMEOUT_MS);

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

describe('the relay application', () => {
  it('relays what is appended and reports its lag in /ready and, on the management listener only, in /metrics', async () => {
    const store = app!.get<EventStore>(EVENT_STORE);
    for (let i = 0; i < 5; i += 1) {
      await store.appendToStream('order-app1', [{ type: 'Tested', data: { i } }], {
        expectedRevision: 'any',
      });
    }
    const server = app!.getHttpServer();
    await request(server).get('/health').expect(200, { status: 'ok' });
    await waitUntil(
      async () =>
        ((await request(server).get('/ready')).body as { checks: { relay?: { lagEvents: number } } }).checks
          .relay?.lagEvents === 0,
      20_000,
      () => 'relay lag 0',
    );
    const ready = await request(server).get('/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      checks: { relay: { status: 'up', role: 'leader', position: 5, lagEvents: 0 } },
    });
    const refused = await request(server).get('/metrics').expect(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const management = app!.get(ManagementListener).url;
    expect(management).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metrics = await request(management!).get('/metrics').expect(200);
    expect(metrics.text).toContain('kamflow_relay_lag_events 0');
    expect(metrics.text).toContain('kamflow_relay_leader 1');
    expect(metrics.text).toMatch(/kamflow_relay_published_total\{topic="[^"]+\.ordering\.events"\} 5/);
  });
});
