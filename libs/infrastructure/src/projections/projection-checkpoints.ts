import { type Logger } from '@nestjs/common';
import { type SqlDatabase } from '@kamflow/event-store';
import { type Projection } from '@kamflow/projections';
import { PositionWaiters } from './position-waiters';
import { lockProjection, readCheckpoint, recreateTables, writeCheckpoint } from './projection-sql';

/** What the runner holds per projection in this process. */
export interface Running {
  projection: Projection;
  /** Every event at or below it is applied (or concerns this projection not at all, or is quarantined). */
  position: number;
  /** The checkpoint as this process last stored or read it. */
  persisted: number;
  persistedAt: number;
  /** Partitions of retained tables written since their last trim, by table. */
  untrimmed: Map<string, Set<unknown>>;
  trimmedAt: number;
  active: boolean;
  state: 'starting' | 'rebuilding' | 'running' | 'stopped';
  lastError?: string;
  /** Failed attempts of events not yet quarantined, by event id. */
  failures: Map<string, number>;
  waiters: PositionWaiters;
  /** Serialises batches and a rebuild's swap in this process. */
  lock: Promise<unknown>;
  /** Preparing its tables after `start` (a rebuild when the version changed). */
  preparing?: Promise<void>;
}

/** A projection known to the runner, not started. */
export function newRunning(projection: Projection): Running {
  return {
    projection,
    position: 0,
    persisted: 0,
    persistedAt: Date.now(),
    untrimmed: new Map(),
    trimmedAt: Date.now(),
    active: false,
    state: 'stopped',
    failures: new Map(),
    waiters: new PositionWaiters(projection.name),
    lock: Promise.resolve(),
  };
}

/**
 * Prepares a projection's checkpoint: fresh tables at 0 the first time, a `rebuild` when the stored
 * version differs from the definition; then takes the stored position in.
 */
export async function prepareCheckpoint(
  db: SqlDatabase,
  r: Running,
  logger: Logger,
  rebuild: () => Promise<unknown>,
): Promise<void> {
  const { projection } = r;
  const stored = await readCheckpoint(db, projection.name);
  if (!stored) {
    await db.transaction(async (tx) => {
      await lockProjection(tx, projection.name);
      if (await readCheckpoint(tx, projection.name, true)) return;
      await recreateTables(tx, projection);
      await writeCheckpoint(tx, projection.name, { position: 0, version: projection.version });
    });
  } else if (stored.version !== projection.version) {
    logger.log(
      { projection: projection.name, from: stored.version, to: projection.version },
      'version changed: rebuilding',
    );
    r.position = r.persisted = stored.position;
    await rebuild();
  }
  const position = (await readCheckpoint(db, projection.name))?.position ?? 0;
  r.position = r.persisted = position;
  r.persistedAt = Date.now();
  r.state = r.active ? 'running' : 'stopped';
}

/** What one projection's part of a batch came to, applied once its transaction committed. */
export type Outcome = { position: number; persisted: number } | { resync: number };

/** The readiness and quarantine name of a projection. */
export const componentOf = (projection: Pick<Projection, 'name'>) => `projection:${projection.name}`;

/**
 * Takes an outcome in: a new position (waiters released), or a resync to a checkpoint found behind the
 * one this process stored (another process swapped rebuilt tables in): the projection re-reads from there.
 */
export function moved(r: Running, outcome: Outcome, logger: Logger): void {
  if ('resync' in outcome) {
    logger.log(
      { projection: r.projection.name, position: outcome.resync },
      'checkpoint moved back: re-reading',
    );
    r.position = r.persisted = outcome.resync;
    return;
  }
  if (outcome.persisted !== r.persisted) r.persistedAt = Date.now();
  r.position = Math.max(r.position, outcome.position);
  r.persisted = outcome.persisted;
  r.waiters.release(r.position);
}

/**
 * Stores positions moved in memory only (projections a batch did not concern), when older than
 * `intervalMs` (or `now`), in one transaction, each guarded by its stored checkpoint.
 */
export async function storeCheckpoints(
  db: SqlDatabase,
  members: Running[],
  now: boolean,
  intervalMs: number,
  logger: Logger,
): Promise<void> {
  const due = members.filter(
    (r) => r.position > r.persisted && (now || Date.now() - r.persistedAt >= intervalMs),
  );
  if (!due.length) return;
  const outcomes = await db.transaction(async (tx) => {
    const out: Outcome[] = [];
    for (const r of due) {
      await lockProjection(tx, r.projection.name);
      const stored = (await readCheckpoint(tx, r.projection.name, true))?.position ?? 0;
      if (stored < r.persisted) out.push({ resync: stored });
      else if (stored >= r.position) out.push({ position: stored, persisted: stored });
      else {
        await writeCheckpoint(tx, r.projection.name, { position: r.position, version: r.projection.version });
        out.push({ position: r.position, persisted: r.position });
      }
    }
    return out;
  });
  for (const [i, r] of due.entries()) moved(r, outcomes[i], logger);
}

/** Runs `fn` once every member's previous work in this process is done; members wait for it in turn. */
export function exclusive<T>(members: Running[], fn: () => Promise<T>): Promise<T> {
  const result = Promise.all(members.map((r) => r.lock)).then(fn);
  for (const r of members) r.lock = result.catch(() => undefined);
  return result;
}
