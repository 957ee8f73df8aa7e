import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres';
import { createPostgresEventStore } from '../factory';
import { type PostgresEventStore } from './postgres-event-store';

/** es_append_batch on its own: per-item outcomes, races after the lock, and its first-write rule. */
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

const event = (n = 0) => ({
  eventId: randomUUID() as string,
  type: 'Batched',
  schemaVersion: 1,
  data: { n },
  metadata: {},
});

interface Item {
  streamId: string;
  expected: number;
  events: ReturnType<typeof event>[];
  commandId?: string;
  commandType?: string;
  commandResult?: unknown;
}

type Outcome = {
  outcome: string;
  current?: number;
  record?: { command_id: string; stream_id: string };
  events?: unknown[];
};

async function appendBatch(conn: { query: Client['query'] }, items: unknown[]): Promise<Outcome[]> {
  const { rows } = await conn.query<{ r: Outcome[] }>('SELECT es_append_batch($1::jsonb) AS r', [
    JSON.stringify(items),
  ]);
  return rows[0].r;
}

async function streamRows(streamId: string): Promise<{ stream_revision: string; type: string }[]> {
  return store.db.query(
    'SELECT stream_revision, type FROM events WHERE stream_id = $1 ORDER BY stream_revision',
    [streamId],
  );
}

async function connect(): Promise<Client> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  return client;
}

describe('es_append_batch', () => {
  it('applies the items of one call in order, each to its own outcome', async () => {
    const [s1, s2, s3, s4] = Array.from({ length: 4 }, () => `gc-${randomUUID()}`);
    const seen = `cmd-${randomUUID()}`;
    const fresh = `cmd-${randomUUID()}`;
    await store.appendToStream(s3, [{ type: 'Seen', data: {} }], {
      expectedRevision: 'no_stream',
      command: { commandId: seen, commandType: 'Seen', result: { first: true } },
    });
    const items: Item[] = [
      {
        streamId: s1,
        expected: -1,
        events: [event(1), event(2)],
        commandId: fresh,
        commandType: 'T',
        commandResult: 7,
      },
      { streamId: s1, expected: 1, events: [event(3)] },
      { streamId: s1, expected: 1, events: [event(4)] },
      { streamId: s2, expected: -1, events: [event(5)], commandId: fresh, commandType: 'T' },
      { streamId: s2, expected: -1, events: [event(6)], commandId: seen, commandType: 'Seen' },
      { streamId: s4, expected: -3, events: [event(7)] },
      { streamId: s4, expected: -2, events: [{ ...event(8), eventId: 'not-a-uuid' }] },
      { streamId: s4, expected: -2, events: [] },
    ];
    const client = await connect();
    try {
      const r = await appendBatch(client, items);
      expect(r.map((o) => o.outcome)).toEqual([
        'ok',
        'ok',
        'wrong_revision',
        'duplicate',
        'duplicate',
        'wrong_revision',
        'invalid',
        'ok',
      ]);
      expect(r[0].events).toHaveLength(2);
      expect(r[2].current).toBe(2);
      expect(r[3].record).toMatchObject({ command_id: fresh, stream_id: s1, revision: 1, result: 7 });
      expect(r[4].record).toMatchObject({ command_id: seen, stream_id: s3, result: { first: true } });
      expect(r[5].current).toBe(-1);
      expect(r[7]).toMatchObject({ outcome: 'ok', revision: -1, events: [] });
    } finally {
      await client.end();
    }
    expect((await streamRows(s1)).map((row) => Number(row.stream_revision))).toEqual([0, 1, 2]);
    expect(await streamRows(s2)).toEqual([]);
    expect(await streamRows(s4)).toEqual([]);
  });

  it('withdraws an item that a concurrent writer cut short, the items built on it, and a command a racing repeat won', async () => {
    const cut = `gc-${randomUUID()}`;
    const other = `gc-${randomUUID()}`;
    const command = `cmd-${randomUUID()}`;
    await store.appendToStream(cut, [{ type: 'Opened', data: {} }], { expectedRevision: 'no_stream' });
    const rival = await connect();
    const batcher = await connect();
    try {
      // The rival takes revision 1 of `cut` and the command id, and keeps its transaction open.
      await rival.query('BEGIN');
      await rival.query(`SELECT * FROM es_append($1, 0, $2::jsonb, $3, 'Rival', '"rival"'::jsonb)`, [
        cut,
        JSON.stringify([{ ...event(), type: 'Rival' }]),
        command,
      ]);
      const pending = appendBatch(batcher, [
        { streamId: cut, expected: 0, events: [event(1), event(2)] },
        { streamId: other, expected: -1, events: [event(3)], commandId: command, commandType: 'Rival' },
        { streamId: cut, expected: -2, events: [event(4)] },
        { streamId: other, expected: -2, events: [event(5)] },
      ]);
      const batcherPid = (batcher as unknown as { processID: number }).processID;
      for (let i = 0; i < 500; i++) {
        const { rows } = await rival.query<{ w: string | null }>(
          'SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1',
          [batcherPid],
        );
        if (rows[0]?.w === 'Lock') break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await rival.query('COMMIT');
      const r = await pending;
      expect(r.map((o) => o.outcome)).toEqual([
        'wrong_revision',
        'duplicate',
        'wrong_revision',
        'wrong_revision',
      ]);
      expect(r[0].current).toBe(1);
      expect(r[1].record).toMatchObject({ command_id: command, stream_id: cut });
    } finally {
      await rival.end();
      await batcher.end();
    }
    expect((await streamRows(cut)).map((row) => row.type)).toEqual(['Opened', 'Rival']);
    expect(await streamRows(other)).toEqual([]);
  });

  it('refuses to run after its transaction has written', async () => {
    await expect(
      store.db.transaction(async (tx) => {
        await tx.query('SELECT pg_current_xact_id()');
        await tx.query('SELECT es_append_batch($1::jsonb)', [
          JSON.stringify([{ streamId: `gc-${randomUUID()}`, expected: -1, events: [event()] }]),
        ]);
      }),
    ).rejects.toMatchObject({ code: 'KF500' });
  });
});
