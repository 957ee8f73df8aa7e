import { randomUUID } from 'node:crypto';
import { type SqlExecutor } from '@kamflow/event-store';
import { type FlowEvent } from './order-flows';

/**
 * Writes generated events straight into a fresh `events` table in multi-row INSERTs of `chunk` rows
 * (unnest of arrays), with the stream revisions the store would give them. Only for an empty store:
 * it bypasses the append path on purpose (generation is not what the benchmark measures).
 */
export async function loadEvents(
  db: SqlExecutor,
  events: Iterable<FlowEvent>,
  chunk = 5_000,
): Promise<number> {
  const revisions = new Map<string, number>();
  let rows: FlowEvent[] = [];
  let count = 0;
  const flush = async () => {
    if (!rows.length) return;
    const revs = rows.map((e) => {
      const r = (revisions.get(e.streamId) ?? -1) + 1;
      revisions.set(e.streamId, r);
      return r;
    });
    await db.query(
      `INSERT INTO events (event_id, stream_id, category, stream_revision, type, schema_version, data, metadata, occurred_at)
       SELECT id, s, split_part(s, '-', 1), r, t, 1, d, m, o
         FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::jsonb[], $6::jsonb[], $7::timestamptz[])
           AS x(id, s, r, t, d, m, o)`,
      [
        rows.map(() => randomUUID()),
        rows.map((e) => e.streamId),
        revs,
        rows.map((e) => e.type),
        rows.map((e) => JSON.stringify(e.data)),
        rows.map((e) => JSON.stringify({ actor: e.actor, correlationId: randomUUID() })),
        rows.map((e) => e.occurredAt),
      ],
    );
    count += rows.length;
    rows = [];
  };
  for (const e of events) {
    rows.push(e);
    if (rows.length >= chunk) await flush();
  }
  await flush();
  return count;
}
