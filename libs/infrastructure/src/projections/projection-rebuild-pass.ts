import { type Logger } from '@nestjs/common';
import { classifyFailureKind, type SqlDatabase, toNumber } from '@kamflow/event-store';
import { DomainError } from '@kamflow/eventsourcing';
import { type Projection } from '@kamflow/projections';
import { type QuarantinedEvent, type QuarantineStore } from '../quarantine/quarantine-store';
import { type EventSource } from './event-source';
import { applyIsolated } from './projection-batch';
import { componentOf, exclusive, type Running } from './projection-checkpoints';
import { failing, replayInto, ShadowRows } from './projection-rebuild';
import {
  applyEvents,
  createIndexes,
  enforceRetention,
  lockProjection,
  readCheckpoint,
  recreateTables,
  SHADOW,
  swapInShadow,
  writeCheckpoint,
} from './projection-sql';

/** What a rebuild did per projection. */
export interface RebuildResult {
  name: string;
  /** The checkpoint the rebuilt tables were swapped in at. */
  position: number;
  /** Rows written (after retention). */
  rows: number;
}

/** What a rebuild and a retry need from the runner. */
export interface ReplayContext {
  db: SqlDatabase;
  source: EventSource;
  quarantine: QuarantineStore;
  logger: Logger;
  batchSize: number;
  maxRows: number;
}

/**
 * The fallback of a rebuild whose in-memory fold met an event it cannot apply: the log is applied to fresh
 * shadow tables batch by batch, event by event ({@link applyIsolated}); the culprit is quarantined at once
 * (a rebuild is one pass, a retry would fail the same way) and the replay goes on.
 */
class IsolatedReplay {
  position = 0;
  readonly quarantined: string[] = [];

  constructor(
    private readonly ctx: ReplayContext,
    readonly projection: Projection,
  ) {}

  async restart(): Promise<void> {
    this.position = 0;
    this.quarantined.length = 0;
    await this.ctx.db.transaction((tx) => recreateTables(tx, this.projection, SHADOW, false));
  }

  /** Applies the log from `position` to its end; returns the position reached. */
  async run(): Promise<number> {
    for (;;) {
      const batch = await this.ctx.source.read(this.position, {
        maxCount: this.ctx.batchSize,
        categories: this.projection.categories,
      });
      if (batch.upTo <= this.position) return this.position;
      await this.ctx.db.transaction(async (tx) => {
        const result = await applyIsolated(tx, this.projection, batch.events, {
          quarantine: this.ctx.quarantine,
          suffix: SHADOW,
          attempt: () => 1,
          maxAttempts: 1,
          logger: this.ctx.logger,
        });
        this.quarantined.push(...result.quarantined);
      });
      this.position = batch.upTo;
    }
  }

  /** Applies the retention rules and counts the rows of the shadow tables. */
  async rows(): Promise<number> {
    let n = 0;
    for (const spec of this.projection.tables) {
      await enforceRetention(this.ctx.db, spec, SHADOW);
      const [row] = await this.ctx.db.query<{ n: unknown }>(
        `SELECT count(*) AS n FROM ${spec.name}${SHADOW}`,
      );
      n += toNumber(row.n);
    }
    return n;
  }
}

/**
 * Rebuilds projections from the log in ONE pass, while queries keep reading the live tables: the log
 * is read once and folded into every projection's rows in memory ({@link ShadowRows}), the rows are
 * written once into `<table>__rebuild` shadow tables and indexed; then, per projection, under its lock,
 * the last stretch of the log is applied and, in one transaction, the live tables are dropped, the
 * shadows renamed into their place and the checkpoint (and current version) stored. A projection whose
 * fold fails on an event's data is replayed event by event instead ({@link IsolatedReplay}); its
 * quarantined events that the rebuild applied are marked RETRIED (by `rebuild`).
 */
export async function rebuildProjections(ctx: ReplayContext, entries: Running[]): Promise<RebuildResult[]> {
  const { db } = ctx;
  const replay = { batchSize: ctx.batchSize, maxRows: ctx.maxRows };
  await ctx.quarantine.migrate();
  const caches = entries.map((r) => new ShadowRows(r.projection));
  const fallbacks = new Map<number, IsolatedReplay>();
  const fallBack = async (i: number) => {
    ctx.logger.warn(
      { projection: entries[i].projection.name, err: caches[i].failed },
      'rebuild met an event it cannot apply: replaying event by event',
    );
    const isolated = new IsolatedReplay(ctx, entries[i].projection);
    fallbacks.set(i, isolated);
    await isolated.restart();
    await isolated.run();
  };
  for (const r of entries) await db.transaction((tx) => recreateTables(tx, r.projection, SHADOW, false));
  await replayInto(db, ctx.source, caches, replay);
  // Written out and indexed side by side (separate connections on PostgreSQL), outside any lock.
  const written = await Promise.all(
    entries.map(async (r, i) => {
      let rows = 0;
      await failing(caches[i], async () => (rows = await caches[i].flush(db)));
      if (caches[i].failed) await fallBack(i);
      await db.transaction((tx) => createIndexes(tx, r.projection, SHADOW));
      return rows;
    }),
  );
  const results: RebuildResult[] = [];
  for (const [i, r] of entries.entries()) {
    let rows = written[i];
    // The last stretch and the swap hold the in-process lock, so the live loop does not move meanwhile.
    const position = await exclusive([r], async () => {
      const swap = async (end: number, flush: () => Promise<number>, failed: readonly string[]) =>
        db.transaction(async (tx) => {
          rows += await flush();
          await lockProjection(tx, r.projection.name);
          await swapInShadow(tx, r.projection);
          await writeCheckpoint(tx, r.projection.name, { position: end, version: r.projection.version });
          await ctx.quarantine.resolveReplayed(tx, componentOf(r.projection), end, failed, 'rebuild');
        });
      let end: number | undefined;
      if (!fallbacks.has(i)) {
        const cache = caches[i];
        const reached = await replayInto(db, ctx.source, [cache], replay);
        await failing(cache, () => swap(reached, () => cache.flush(db), []));
        if (!cache.failed) end = reached;
        else {
          await fallBack(i);
          await db.transaction((tx) => createIndexes(tx, r.projection, SHADOW));
        }
      }
      if (end === undefined) {
        const isolated = fallbacks.get(i)!;
        end = await isolated.run();
        rows = await isolated.rows();
        await swap(end, async () => 0, isolated.quarantined);
      }
      // The swapped-in tables hold exactly the events up to `end`: the live loop goes on from there.
      r.position = r.persisted = end;
      r.persistedAt = Date.now();
      r.waiters.release(end);
      r.untrimmed.clear();
      return end;
    });
    caches[i] = new ShadowRows(r.projection); // let the rows go
    ctx.logger.log({ projection: r.projection.name, position, rows }, 'projection rebuilt');
    results.push({ name: r.projection.name, position, rows });
  }
  return results;
}

/**
 * Applies a quarantined event to the live tables through the projection's own `evolve`, and marks it
 * RETRIED in the same transaction. The row is locked and must still be QUARANTINED, so a retry racing
 * another (or a rebuild that already applied it) changes nothing twice. When the event fails again the
 * row stays QUARANTINED with the new error. Answers the row as it now stands.
 */
export async function retryQuarantinedEvent(
  ctx: ReplayContext,
  r: Running,
  item: Pick<QuarantinedEvent, 'id'>,
  by: string,
): Promise<QuarantinedEvent> {
  const { projection } = r;
  const open = async (row: QuarantinedEvent | undefined): Promise<QuarantinedEvent> => {
    if (!row || row.component !== componentOf(projection) || row.status !== 'QUARANTINED')
      throw new DomainError('QUARANTINE.NOT_OPEN', `Quarantined event ${item.id} is not open`, 'conflict');
    return row;
  };
  // Read before the transaction: PGlite's one session would wait for it.
  const found = await open(await ctx.quarantine.get(ctx.db, item.id));
  const { events } = await ctx.source.read(found.globalPosition - 1, {
    maxCount: 1,
    categories: projection.categories,
  });
  const event = events.find((e) => e.eventId === found.eventId);
  if (!event)
    throw new DomainError('QUARANTINE.EVENT_NOT_FOUND', `Event ${found.eventId} not found`, 'not-found');
  try {
    await exclusive([r], () =>
      ctx.db.transaction(async (tx) => {
        const row = await open(await ctx.quarantine.get(tx, item.id, true));
        await lockProjection(tx, projection.name);
        const stored = (await readCheckpoint(tx, projection.name, true))?.position ?? 0;
        if (stored < row.globalPosition)
          throw new DomainError(
            'QUARANTINE.NOT_PASSED',
            `${projection.name} has not passed position ${row.globalPosition} yet: it applies the event itself`,
            'conflict',
          );
        await applyEvents(tx, projection, [event]);
        await ctx.quarantine.markRetried(tx, row.id, by);
      }),
    );
  } catch (error) {
    if (error instanceof DomainError || classifyFailureKind(error) !== 'data') throw error;
    await ctx.quarantine.markFailedAgain(item.id, error);
  }
  const now = await ctx.quarantine.get(ctx.db, item.id);
  return now!;
}
