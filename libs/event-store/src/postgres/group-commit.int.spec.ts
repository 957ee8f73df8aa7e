import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AppendResult,
  LogTailer,
  type RecordedEvent,
  UpcasterRegistry,
  WrongExpectedRevisionError,
} from '@kamflow/eventsourcing';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres';
import { createEmbeddedEventStore, createPostgresEventStore } from '../factory';
import { type SqlDatabase, type SqlExecutor } from '../sql/sql-database';
import { PostgresEventStore } from './postgres-event-store';

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

/** Counts the es_append_batch calls of a store and their sizes. */
function countingDatabase(db: SqlDatabase): { db: SqlDatabase; batches: number[] } {
  const batches: number[] = [];
  const count = (text: string, params?: readonly unknown[]) => {
    if (text.includes('es_append_batch'))
      batches.push((JSON.parse(params![0] as string) as unknown[]).length);
  };
  const wrapped: SqlDatabase = {
    kind: db.kind,
    query: (text, params) => db.query(text, params),
    transaction: (fn) => db.transaction(fn),
    withConnection: (fn) =>
      db.withConnection((conn: SqlExecutor) =>
        fn({
          query: (text, params) => {
            count(text, params);
            return conn.query(text, params);
          },
        }),
      ),
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
  };
  return { db: wrapped, batches };
}

type Settled = PromiseSettledResult<AppendResult>;

/** Handles the outcome at once, so that a rejection is never reported as unhandled. */
const settled = (p: Promise<AppendResult>): Promise<Settled> =>
  p.then(
    (value) => ({ status: 'fulfilled' as const, value }),
    (reason: unknown) => ({ status: 'rejected' as const, reason }),
  );

/**
 * Many concurrent appends through the batching store: races on one revision, repeated command ids (in one
 * batch and across batches), writers with `any`, multi-event appends; checks every outcome against the log.
 */
async function mixedLoad(target: PostgresEventStore, batches: number[]): Promise<void> {
  const prefix = `mix${randomUUID().slice(0, 8)}`;
  const raced = Array.from({ length: 10 }, (_, i) => `${prefix}-race-${i}`);
  await Promise.all(
    raced.map((id) =>
      target.appendToStream(id, [{ type: 'Opened', data: {} }], { expectedRevision: 'no_stream' }),
    ),
  );
  const earlier = `cmd-${randomUUID()}`;
  const earlierResult = await target.appendToStream(`${prefix}-earlier`, [{ type: 'Once', data: {} }], {
    expectedRevision: 'no_stream',
    command: { commandId: earlier, commandType: 'Once', result: 'first' },
  });
  batches.length = 0;

  const races: { streamId: string; p: Promise<Settled> }[] = [];
  const repeats: { commandId: string; streamId: string; p: Promise<Settled> }[] = [];
  const anys: { streamId: string; size: number; p: Promise<Settled> }[] = [];
  const plain: { streamId: string; p: Promise<Settled> }[] = [];
  const commands = Array.from({ length: 10 }, () => `cmd-${randomUUID()}`);
  for (let round = 0; round < 8; round++) {
    for (const id of raced) {
      races.push({
        streamId: id,
        p: settled(
          target.appendToStream(
            id,
            [
              { type: 'Raced', data: { round } },
              { type: 'Raced2', data: {} },
            ],
            { expectedRevision: 0 },
          ),
        ),
      });
    }
    for (const commandId of [...commands, earlier]) {
      const streamId = `${prefix}-cmd-${randomUUID()}`;
      repeats.push({
        commandId,
        streamId,
        p: settled(
          target.appendToStream(streamId, [{ type: 'Once', data: { round } }], {
            expectedRevision: 'no_stream',
            command: { commandId, commandType: 'Once', result: streamId },
          }),
        ),
      });
    }
    for (let a = 0; a < 5; a++) {
      const streamId = `${prefix}-any-${a}`;
      const size = 1 + ((round + a) % 3);
      const events = Array.from({ length: size }, (_, i) => ({ type: `Any${i}`, data: { round } }));
      anys.push({
        streamId,
        size,
        p: settled(target.appendToStream(streamId, events, { expectedRevision: 'any' })),
      });
    }
    for (let a = 0; a < 10; a++) {
      const streamId = `${prefix}-plain-${randomUUID()}`;
      plain.push({
        streamId,
        p: settled(
          target.appendToStream(streamId, [{ type: 'Plain', data: {} }], { expectedRevision: 'no_stream' }),
        ),
      });
    }
    // Let some flushes start between rounds so that repeats land both in one batch and across batches.
    if (round % 2 === 1) await new Promise((r) => setImmediate(r));
  }
  const settle = async <T extends { p: Promise<Settled> }>(xs: T[]) =>
    Promise.all(xs.map(async (x) => ({ ...x, s: await x.p })));
  const [raceOut, repeatOut, anyOut, plainOut] = await Promise.all([
    settle(races),
    settle(repeats),
    settle(anys),
    settle(plain),
  ]);
  const rejectedOnlyByRevision = (s: Settled) =>
    s.status === 'fulfilled' || s.reason instanceof WrongExpectedRevisionError;

  // Exactly one winner per raced stream, no partial items.
  for (const id of raced) {
    const mine = raceOut.filter((r) => r.streamId === id);
    expect(mine.filter((r) => r.s.status === 'fulfilled')).toHaveLength(1);
    expect(mine.every((r) => rejectedOnlyByRevision(r.s))).toBe(true);
    const { events } = await target.readStream(id);
    expect(events.map((e) => e.type)).toEqual(['Opened', 'Raced', 'Raced2']);
  }
  // Each command appended exactly once; every repeat answers the winner's record.
  for (const commandId of [...commands, earlier]) {
    const mine = repeatOut.filter((r) => r.commandId === commandId);
    const appended = mine.filter((r) => r.s.status === 'fulfilled' && !r.s.value.duplicate);
    const record = await target.findCommand(commandId);
    expect(record).not.toBeNull();
    if (commandId === earlier) {
      expect(appended).toHaveLength(0);
      expect(record!.streamId).toBe(`${prefix}-earlier`);
      expect(earlierResult.duplicate).toBe(false);
    } else {
      expect(appended).toHaveLength(1);
      expect(record!.streamId).toBe(appended[0].streamId);
    }
    for (const r of mine) {
      expect(r.s.status).toBe('fulfilled');
      if (r.s.status === 'fulfilled' && r.s.value.duplicate) expect(r.s.value.record).toEqual(record);
      const written = await target.readStream(r.streamId);
      expect(written.events.length).toBe(r.streamId === record!.streamId ? 1 : 0);
    }
  }
  // Writers with `any`: each append whole or not at all, the stream exactly the winners' events, gap-free.
  for (let a = 0; a < 5; a++) {
    const streamId = `${prefix}-any-${a}`;
    const mine = anyOut.filter((r) => r.streamId === streamId);
    expect(mine.every((r) => rejectedOnlyByRevision(r.s))).toBe(true);
    const won = mine.flatMap((r) =>
      r.s.status === 'fulfilled' && !r.s.value.duplicate ? r.s.value.events : [],
    );
    const { events } = await target.readStream(streamId);
    expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, i) => i));
    expect(events.map((e) => e.eventId).sort()).toEqual(won.map((e) => e.eventId).sort());
    expect(mine.filter((r) => r.s.status === 'fulfilled').length).toBeGreaterThan(0);
  }
  // Distinct streams: nothing lost.
  expect(plainOut.every((r) => r.s.status === 'fulfilled')).toBe(true);
  for (const r of plainOut) expect((await target.readStream(r.streamId)).revision).toBe(0);
  // The appends really went in batches.
  expect(Math.max(...batches)).toBeGreaterThan(1);
}

describe('group commit in the PostgreSQL event store', () => {
  it('gives every concurrent append exactly its own outcome', async () => {
    const counting = countingDatabase(store.db);
    const target = new PostgresEventStore(counting.db, new UpcasterRegistry(), false);
    await mixedLoad(target, counting.batches);
  });

  it('gives every concurrent append exactly its own outcome on PGlite too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kamflow-pglite-gc-'));
    const embedded = await createEmbeddedEventStore({ dataDir: dir });
    try {
      const counting = countingDatabase(embedded.db);
      const target = new PostgresEventStore(counting.db, new UpcasterRegistry(), false);
      await mixedLoad(target, counting.batches);
    } finally {
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects only the caller whose append is invalid', async () => {
    const ok = store.appendToStream(`gc-${randomUUID()}`, [{ type: 'Fine', data: {} }], {
      expectedRevision: 'no_stream',
    });
    const bad = store.appendToStream(`gc-${randomUUID()}`, [{ type: 'Bad', data: { text: 'a\u0000b' } }], {
      expectedRevision: 'no_stream',
    });
    const badId = store.appendToStream(`gc-${randomUUID()}`, [{ type: 'Bad', data: {}, eventId: 'nope' }], {
      expectedRevision: 'no_stream',
    });
    await expect(bad).rejects.toBeInstanceOf(TypeError);
    await expect(badId).rejects.toBeInstanceOf(TypeError);
    await expect(ok).resolves.toMatchObject({ duplicate: false, nextExpectedRevision: 0 });
  });
});

/**
 * Tailing while batched appends commit out of position order: writers through the store (group commit),
 * plus explicit transactions that call es_append_batch and stay open for a random while.
 */
async function tailWhileBatching(): Promise<void> {
  const tag = `tailgc${randomUUID().slice(0, 8)}`;
  const seen: RecordedEvent[] = [];
  const start = await store.headPosition();
  const tailer = new LogTailer({
    store,
    after: start,
    batchSize: 37,
    minDelayMs: 1,
    maxDelayMs: 5,
    handle: async (batch) => {
      seen.push(...batch.filter((e) => e.streamId.startsWith(tag)));
    },
  });
  tailer.start();
  const slow = async (w: number, a: number): Promise<string[]> => {
    const items = [0, 1].map((k) => ({
      streamId: `${tag}-slow-${w}-${(a + k) % 3}`,
      expected: -2,
      events: [event(a), event(a + 1)],
    }));
    const out = await store.db.transaction(async (tx) => {
      const [row] = await tx.query<{ r: { outcome: string }[] }>('SELECT es_append_batch($1::jsonb) AS r', [
        JSON.stringify(items),
      ]);
      await tx.query('SELECT pg_sleep($1)', [Math.random() * 0.02]);
      return row.r;
    });
    return items.flatMap((item, i) => (out[i].outcome === 'ok' ? item.events.map((e) => e.eventId) : []));
  };
  const written = (
    await Promise.all([
      ...Array.from({ length: 12 }, async (_, w) => {
        const ids: string[] = [];
        for (let a = 0; a < 30; a++) {
          const r = await store.appendToStream(
            `${tag}-fast-${w}-${a % 4}`,
            Array.from({ length: 1 + (a % 3) }, () => ({ type: 'Fast', data: { a } })),
            { expectedRevision: 'any' },
          );
          if (!r.duplicate) ids.push(...r.events.map((e) => e.eventId));
        }
        return ids;
      }),
      ...Array.from({ length: 6 }, async (_, w) => {
        const ids: string[] = [];
        for (let a = 0; a < 20; a++) ids.push(...(await slow(w, a)));
        return ids;
      }),
    ])
  ).flat();
  const head = await store.headPosition();
  while (tailer.lastPosition < head) await new Promise((r) => setTimeout(r, 10));
  await tailer.stop();

  const seenIds = seen.map((e) => e.eventId);
  expect(new Set(seenIds).size).toBe(seenIds.length);
  expect([...seenIds].sort()).toEqual([...written].sort());
  const positions = seen.map((e) => e.globalPosition);
  for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
  expect(written.length).toBeGreaterThan(12 * 30);
}

describe('a reader tailing the global log while appends commit in batches', () => {
  it.each([1, 2, 3])('sees every event exactly once, in position order (run %i)', async () => {
    await tailWhileBatching();
  });
});
