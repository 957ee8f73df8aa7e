import { randomUUID } from 'node:crypto';
import { LogTailer, type RecordedEvent } from '@kamflow/eventsourcing';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres';
import { createPostgresEventStore } from '../factory';
import { type PostgresEventStore } from './postgres-event-store';

let database: TestDatabase;
let store: PostgresEventStore;
beforeAll(async () => {
  database = await createTestDatabase();
  store = await createPostgresEventStore({ connectionString: database.url, poolSize: 24 });
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

/**
 * Appends in an explicit transaction that stays open for a random while after its events got their
 * positions, so that commits land out of position order: the case that makes a naive tailer skip events.
 */
async function slowAppend(streamId: string, events: number): Promise<string[]> {
  const payload = Array.from({ length: events }, (_, i) => ({
    eventId: randomUUID(),
    type: 'Appended',
    schemaVersion: 1,
    data: { i },
    metadata: {},
  }));
  await store.db.transaction(async (tx) => {
    await tx.query('SELECT * FROM es_append($1, $2, $3::jsonb, NULL, NULL, NULL)', [
      streamId,
      -2,
      JSON.stringify(payload),
    ]);
    await tx.query('SELECT pg_sleep($1)', [Math.random() * 0.02]);
  });
  return payload.map((p) => p.eventId);
}

describe('a reader tailing the global log while many transactions commit out of position order', () => {
  it('sees every event exactly once, in position order', async () => {
    const writers = 16;
    const appendsPerWriter = 40;
    const seen: RecordedEvent[] = [];
    const start = await store.headPosition();
    const tailer = new LogTailer({
      store,
      after: start,
      batchSize: 37,
      minDelayMs: 1,
      maxDelayMs: 5,
      handle: async (batch) => {
        seen.push(...batch.filter((e) => e.streamId.startsWith('tail-')));
      },
    });
    tailer.start();
    const written = (
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const ids: string[] = [];
          for (let a = 0; a < appendsPerWriter; a++) {
            ids.push(...(await slowAppend(`tail-${w}-${a % 5}`, 1 + (a % 3))));
          }
          return ids;
        }),
      )
    ).flat();
    const head = await store.headPosition();
    while (tailer.lastPosition < head) await new Promise((r) => setTimeout(r, 10));
    await tailer.stop();

    const seenIds = seen.map((e) => e.eventId);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect([...seenIds].sort()).toEqual([...written].sort());
    const positions = seen.map((e) => e.globalPosition);
    for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
    expect(written).toHaveLength(writers * 79);
  });
});
