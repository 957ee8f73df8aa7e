import { UpcasterRegistry } from '@kamflow/eventsourcing';
import { describeEventStoreContract } from '../../../../test/support/event-store.contract';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres';
import { createPostgresEventStore } from '../factory';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describeEventStoreContract('PostgreSQL', {
  concurrent: true,
  open: () => createPostgresEventStore({ connectionString: database.url, poolSize: 16 }),
});

describe('the PostgreSQL event store on read', () => {
  it('upcasts old event shapes so readers only see the latest', async () => {
    const upcasters = new UpcasterRegistry().register('OrderPlaced', 1, (d) => ({
      ...(d as object),
      channel: 'DIRECT',
    }));
    const store = await createPostgresEventStore({ connectionString: database.url, upcasters });
    try {
      await store.appendToStream(
        'order-up1',
        [{ type: 'OrderPlaced', data: { id: 'up1' }, schemaVersion: 1 }],
        {
          expectedRevision: 'no_stream',
        },
      );
      const { events } = await store.readStream('order-up1');
      expect(events[0]).toMatchObject({ schemaVersion: 2, data: { id: 'up1', channel: 'DIRECT' } });
      const fresh = await store.appendToStream('order-up2', [{ type: 'OrderPlaced', data: { id: 'up2' } }], {
        expectedRevision: 'no_stream',
      });
      expect(fresh.duplicate === false && fresh.events[0].schemaVersion).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('applies its migrations once, however many times it starts', async () => {
    const store = await createPostgresEventStore({ connectionString: database.url });
    try {
      expect(await store.migrate()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
