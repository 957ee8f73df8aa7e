import { type EventStore } from '@kamflow/eventsourcing';
import {
  createEmbeddedEventStore,
  createPostgresEventStore,
  type SqlDatabase,
  type SqlExecutor,
} from '@kamflow/event-store';
import { type Projection, type ScenarioEvent } from '@kamflow/projections';
import { createTestDatabase } from '../../../../test/support/postgres';
import { type ProjectionRunner } from './projection-runner';

/** Appends scenario events one by one, each on its stream (with `actor` in the metadata when given). */
export async function append(store: EventStore, events: ScenarioEvent[], actor?: string) {
  for (const e of events) {
    await store.appendToStream(
      e.streamId,
      [{ type: e.type, data: e.data, occurredAt: e.occurredAt, ...(actor ? { metadata: { actor } } : {}) }],
      { expectedRevision: 'any' },
    );
  }
}

/**
 * The position of the newest committed event. Not `store.headPosition()`: that head is fenced by the
 * oldest transaction still open anywhere (a runner's batch in flight hides events committed after it
 * began), so right after an append it can name an older position than the one the runner will reach.
 */
export async function lastAppended(db: SqlExecutor): Promise<number> {
  const [row] = await db.query<{ p: string | null }>('SELECT max(global_position)::text AS p FROM events');
  return Number(row.p ?? 0);
}

/** Every row of the projection's tables, as JSON, by id. */
export async function contents(db: SqlExecutor, projection: Projection) {
  const out: Record<string, unknown[]> = {};
  for (const t of projection.tables) {
    out[t.name] = (
      await db.query<{ r: unknown }>(`SELECT to_jsonb(t) AS r FROM ${t.name} t ORDER BY id`)
    ).map((x) => x.r);
  }
  return out;
}

/** Steps the projection until the log has nothing new for it. */
export async function drain(runner: ProjectionRunner, name: string) {
  while (await runner.step(name)) {
    /* next batch */
  }
}

/** The two stores the runner is tested on: a fresh PostgreSQL database and an in-memory PGlite. */
export function storeBackends(
  prefix: string,
): [string, () => Promise<{ store: EventStore & { db: SqlDatabase }; close: () => Promise<void> }>][] {
  return [
    [
      'PostgreSQL',
      async () => {
        const database = await createTestDatabase(prefix);
        const store = await createPostgresEventStore({ connectionString: database.url, poolSize: 4 });
        return { store, close: async () => (await store.close(), await database.drop()) };
      },
    ],
    [
      'PGlite',
      async () => {
        const store = await createEmbeddedEventStore({});
        return { store, close: () => store.close() };
      },
    ],
  ];
}
