import { classifyFailureKind, type SqlExecutor } from '@kamflow/event-store';
import { type RecordedEvent } from '@kamflow/eventsourcing';
import {
  foldInto,
  keysOfBatch,
  type Projection,
  retentionDrops,
  type Row,
  type RowTables,
} from '@kamflow/projections';
import { type EventSource } from './event-source';
import { enforceRetention, loadRows, SHADOW, writeChanges } from './projection-sql';

/** Rows per upsert statement when the rebuild writes its rows out. */
const WRITE_CHUNK = 2_000;
/** A retained table is pruned in memory once it holds this many rows (and then each time it doubled). */
const PRUNE_FROM = 10_000;

/**
 * One projection's rows during a rebuild: a write-back cache over its shadow tables. The shadow tables
 * start empty, so while nothing was evicted the cache holds every row that exists (`complete`): the fold
 * runs on memory alone, each row is parsed never and written once, however many events touch it. Past
 * `maxRows` the cache is written out and emptied; from then on a batch loads the rows it names and does
 * not hold from the shadow tables, as the live loop does.
 */
export class ShadowRows {
  private rows: RowTables = new Map();
  private dirty: RowTables = new Map();
  private complete = true;
  /** Size of each retained table when it was last pruned in memory. */
  private readonly prunedAt = new Map<string, number>();
  /** Position of the last event folded. */
  position: number;
  /**
   * Set when an event's data failed the fold or its rows failed to write: this cache is left behind and
   * the rebuild of its projection falls back to applying the log event by event (quarantining the culprit).
   */
  failed?: unknown;

  constructor(
    readonly projection: Projection,
    position = 0,
  ) {
    this.position = position;
    this.reset();
  }

  /** Rows held in memory. */
  get size(): number {
    let n = 0;
    for (const table of this.rows.values()) n += table.size;
    return n;
  }

  /** Folds a batch of the log (events after `position` only) into the cache. */
  async apply(ex: SqlExecutor, events: readonly RecordedEvent[], upTo: number): Promise<void> {
    const fresh =
      events.length && events[0].globalPosition <= this.position
        ? events.filter((e) => e.globalPosition > this.position)
        : events;
    if (!this.complete) await this.loadMissing(ex, fresh);
    foldInto(this.projection, this.rows, fresh, this.dirty);
    this.position = Math.max(this.position, upTo);
    if (this.complete) this.retainInMemory(false);
  }

  /**
   * Drops the rows retention rules would delete, from memory, so a feed does not pile up until the flush:
   * when `always`, or once a retained table doubled since its last pruning (amortised linear).
   */
  private retainInMemory(always: boolean): void {
    for (const spec of this.projection.tables) {
      const table = spec.retain && this.rows.get(spec.name);
      if (!table) continue;
      const pruned = this.prunedAt.get(spec.name) ?? 0;
      if (!always && table.size < Math.max(PRUNE_FROM, 2 * pruned)) continue;
      const live = [...table.values()].filter((r): r is Row => r !== null);
      const changed = this.dirty.get(spec.name);
      for (const id of retentionDrops(spec, live)) {
        table.delete(id);
        changed?.delete(id);
      }
      this.prunedAt.set(spec.name, table.size);
    }
  }

  /** Writes every changed row to the shadow tables and applies the tables' retention rules. */
  async flush(ex: SqlExecutor): Promise<number> {
    let written = 0;
    // Every row of a table is here: drop what retention would delete before writing it at all.
    if (this.complete) this.retainInMemory(true);
    for (const spec of this.projection.tables) {
      const changed = this.dirty.get(spec.name);
      if (!changed?.size) continue;
      const entries = [...changed];
      for (let i = 0; i < entries.length; i += WRITE_CHUNK) {
        const chunk: RowTables = new Map([[spec.name, new Map(entries.slice(i, i + WRITE_CHUNK))]]);
        await writeChanges(ex, this.projection, chunk, SHADOW);
      }
      written += entries.length;
      if (spec.retain && !this.complete) await enforceRetention(ex, spec, SHADOW);
    }
    this.dirty = new Map();
    return written;
  }

  /** Forgets the rows held (after a flush): later batches read what they need from the shadow tables. */
  evict(): void {
    this.reset();
    this.complete = false;
  }

  private reset(): void {
    this.rows = new Map(this.projection.tables.map((t) => [t.name, new Map<string, Row | null>()]));
  }

  private async loadMissing(ex: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
    const missing = new Map<string, Set<string>>();
    for (const [table, ids] of keysOfBatch(this.projection, events)) {
      const held = this.rows.get(table);
      const absent = [...ids].filter((id) => !held?.has(id));
      if (absent.length) missing.set(table, new Set(absent));
    }
    if (!missing.size) return;
    for (const [table, found] of await loadRows(ex, missing, SHADOW)) {
      let held = this.rows.get(table);
      if (!held) this.rows.set(table, (held = new Map<string, Row | null>()));
      for (const [id, row] of found) held.set(id, row);
    }
  }
}

export interface ReplayOptions {
  /** Events per read of the source. */
  batchSize: number;
  /** Rows all caches may hold together before they are written out and emptied. */
  maxRows: number;
}

/** Runs `step` on a cache not yet failed; a data error marks it failed instead of ending the whole pass. */
export async function failing(cache: ShadowRows, step: () => Promise<unknown>): Promise<void> {
  if (cache.failed) return;
  try {
    await step();
  } catch (error) {
    if (classifyFailureKind(error) !== 'data') throw error;
    cache.failed = error;
  }
}

/**
 * Reads the source once from the lowest position of `caches` to its current end and folds every batch
 * into each cache: one pass over the log for any number of projections. The next batch is fetched while
 * the current one is folded. A cache that fails on an event's data is marked `failed` and left behind
 * ({@link failing}). Returns the position reached.
 */
export async function replayInto(
  db: SqlExecutor,
  source: EventSource,
  caches: readonly ShadowRows[],
  options: ReplayOptions,
): Promise<number> {
  const categories = [...new Set(caches.flatMap((c) => c.projection.categories))];
  const maxCount = options.batchSize;
  let position = Math.min(...caches.map((c) => c.position));
  const read = (after: number) => {
    const batch = source.read(after, { maxCount, categories });
    batch.catch(() => undefined); // awaited below; this only keeps an abandoned prefetch from going unhandled
    return batch;
  };
  let next = read(position);
  for (;;) {
    const batch = await next;
    if (batch.upTo <= position) return position;
    const more = batch.events.length >= maxCount;
    if (more) next = read(batch.upTo);
    for (const cache of caches) await failing(cache, () => cache.apply(db, batch.events, batch.upTo));
    position = batch.upTo;
    if (caches.reduce((n, c) => n + c.size, 0) > options.maxRows) {
      for (const cache of caches) {
        await failing(cache, () => cache.flush(db));
        cache.evict();
      }
    }
    if (!more) return position;
  }
}
