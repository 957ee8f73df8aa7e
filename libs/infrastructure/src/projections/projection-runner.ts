import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { DomainError } from '@kamflow/eventsourcing';
import { migrate, type SqlDatabase } from '@kamflow/event-store';
import { type Projection } from '@kamflow/projections';
import { ReadinessRegistry } from '../health/readiness.registry';
import { Metrics } from '../metrics/metrics';
import { SQL_DATABASE } from '../persistence/tokens';
import { EVENT_SOURCE, type EventSource, type SourceBatch } from './event-source';
import { measureLag, type ProjectionLag, registerProjectionGauges } from './projection-metrics';
import { PROJECTION_MIGRATIONS } from './projection.migrations';
import { PositionWaiters } from './position-waiters';
import { replayInto, ShadowRows } from './projection-rebuild';
import {
  applyGuarded,
  createIndexes,
  lockProjection,
  readCheckpoint,
  recreateTables,
  SHADOW,
  swapInShadow,
  writeCheckpoint,
} from './projection-sql';

/** Tuning of the runner; every field has a default. */
export interface ProjectionRunnerOptions {
  /** Events per transaction (default 1000). */
  batchSize?: number;
  /**
   * Events per transaction while rebuilding into shadow tables (default 20 000): bigger batches write each
   * row once for many of its events, where the live loop keeps batches small for latency.
   */
  rebuildBatchSize?: number;
  /**
   * Rows a rebuild may hold in memory (all projections of one pass together) before it writes them out
   * and continues reading rows back from its shadow tables (default 1 000 000).
   */
  rebuildMaxRows?: number;
  /** Poll delay bounds while the log is idle (back-off doubles from min to max). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** What a rebuild did per projection. */
export interface RebuildResult {
  name: string;
  /** The checkpoint the rebuilt tables were swapped in at. */
  position: number;
  /** Rows written (after retention). */
  rows: number;
}

/** DI token for {@link ProjectionRunnerOptions}. */
export const PROJECTION_RUNNER_OPTIONS = Symbol('PROJECTION_RUNNER_OPTIONS');

interface Running {
  projection: Projection;
  position: number;
  active: boolean;
  state: 'starting' | 'rebuilding' | 'running' | 'stopped';
  lastError?: string;
  wake?: () => void;
  waiters: PositionWaiters;
  /** Serialises batches and a rebuild's swap in this process. */
  lock: Promise<unknown>;
  loop?: Promise<void>;
  unsubscribe?: () => void;
}

/**
 * Runs projections: per projection a loop reads the {@link EventSource} after its checkpoint and applies
 * each batch in ONE transaction: one read of the rows the batch names, the pure fold, one write back, and
 * the checkpoint. The stored checkpoint is the truth: events at or below it are skipped (so replays and
 * concurrent runners change nothing twice), and a batch that does not start at it is dropped and re-read.
 * `waitFor` serves `?minPosition=`; `rebuild` replays the log into shadow tables and swaps them in with
 * the checkpoint in one transaction while queries keep reading the old tables. A projection whose stored
 * version differs from its definition is rebuilt at start.
 */
@Injectable()
export class ProjectionRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly running = new Map<string, Running>();
  private migrated?: Promise<unknown>;
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  private readonly rebuildMaxRows: number;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_SOURCE) private readonly source: EventSource,
    @Optional() private readonly readiness?: ReadinessRegistry,
    @Optional() metrics?: Metrics,
    @Optional() @Inject(PROJECTION_RUNNER_OPTIONS) private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.rebuildBatchSize = options.rebuildBatchSize ?? Math.max(this.batchSize, 20_000);
    this.rebuildMaxRows = options.rebuildMaxRows ?? 1_000_000;
    if (metrics) registerProjectionGauges(metrics, () => this.lags());
  }

  /** Makes the projection known (for `rebuild`, `waitFor`) without tailing; `start` also tails. */
  register(projection: Projection): void {
    this.entry(projection);
  }

  private entry(projection: Projection): Running {
    let r = this.running.get(projection.name);
    if (!r) {
      r = {
        projection,
        position: 0,
        active: false,
        state: 'stopped',
        waiters: new PositionWaiters(projection.name),
        lock: Promise.resolve(),
      };
      this.running.set(projection.name, r);
      this.readiness?.register(`projection:${projection.name}`, async (head) => this.health(r!, head));
    }
    return r;
  }

  /** Prepares the tables (fresh, or rebuilt when the version changed) and tails the log in the background. */
  async start(projection: Projection): Promise<void> {
    const r = this.entry(projection);
    if (r.active) return;
    r.active = true;
    r.state = 'starting';
    r.unsubscribe = this.source.subscribe?.(() => r.wake?.());
    r.loop = this.prepare(r)
      .then(() => this.tail(r))
      .catch((error: unknown) => {
        r.lastError = (error as Error).message;
        r.state = 'stopped';
        this.logger.error({ err: error, projection: projection.name }, 'projection could not start');
      });
  }

  /** Registers the projection and prepares its tables and checkpoint, without tailing (CLI, tests). */
  async init(projection: Projection): Promise<void> {
    await this.prepare(this.entry(projection));
  }

  /** Resolves once the projection applied every event up to `position`; 504 `READ_MODEL.NOT_CAUGHT_UP` after `timeoutMs`. */
  async waitFor(name: string, position: number, timeoutMs = 5000): Promise<void> {
    const r = this.running.get(name);
    if (!r) throw new DomainError('READ_MODEL.UNKNOWN', `No read model named ${name}`, 'unavailable');
    if (r.position >= position) return;
    const waiting = r.waiters.wait(position, timeoutMs, () => r.position);
    r.wake?.();
    await waiting;
  }

  /** The position a projection has applied (0 before its first batch). */
  position(name: string): number {
    return this.running.get(name)?.position ?? 0;
  }

  /** Position and lag of every known projection. */
  async lags(head?: number): Promise<ProjectionLag[]> {
    const h = head ?? (await this.source.head());
    return Promise.all([...this.running.values()].map((r) => this.lagOf(r, h)));
  }

  /** Rebuilds one projection; see {@link rebuildAll}. */
  async rebuild(name: string): Promise<{ position: number }> {
    const [result] = await this.rebuildAll([name]);
    return { position: result.position };
  }

  /**
   * Rebuilds projections from the log in ONE pass, while queries keep reading the live tables: the log
   * is read once and folded into every projection's rows in memory ({@link ShadowRows}), the rows are
   * written once into `<table>__rebuild` shadow tables and indexed; then, per projection, under its lock,
   * the last stretch of the log is applied and, in one transaction, the live tables are dropped, the
   * shadows renamed into their place and the checkpoint (and current version) stored.
   */
  async rebuildAll(names: readonly string[]): Promise<RebuildResult[]> {
    const entries = names.map((name) => {
      const r = this.running.get(name);
      if (!r) throw new Error(`Unknown projection ${name}`);
      return r;
    });
    for (const r of entries) r.state = 'rebuilding';
    try {
      await this.ensureMigrated();
      const replay = { batchSize: this.rebuildBatchSize, maxRows: this.rebuildMaxRows };
      const caches = entries.map((r) => new ShadowRows(r.projection));
      for (const r of entries)
        await this.db.transaction((tx) => recreateTables(tx, r.projection, SHADOW, false));
      await replayInto(this.db, this.source, caches, replay);
      // Written out and indexed side by side (separate connections on PostgreSQL), outside any lock.
      const written = await Promise.all(
        entries.map(async (r, i) => {
          const rows = await caches[i].flush(this.db);
          await this.db.transaction((tx) => createIndexes(tx, r.projection, SHADOW));
          return rows;
        }),
      );
      const results: RebuildResult[] = [];
      for (const [i, r] of entries.entries()) {
        const cache = caches[i];
        let rows = written[i];
        // The last stretch and the swap hold the in-process lock, so the live loop does not move meanwhile.
        const position = await this.exclusive(r, async () => {
          const end = await replayInto(this.db, this.source, [cache], replay);
          await this.db.transaction(async (tx) => {
            rows += await cache.flush(tx);
            await lockProjection(tx, r.projection.name);
            await swapInShadow(tx, r.projection);
            await writeCheckpoint(tx, r.projection.name, { position: end, version: r.projection.version });
          });
          r.position = end;
          this.release(r);
          return end;
        });
        caches[i] = new ShadowRows(r.projection); // let the rows go
        this.logger.log({ projection: r.projection.name, position, rows }, 'projection rebuilt');
        results.push({ name: r.projection.name, position, rows });
      }
      return results;
    } finally {
      for (const r of entries) r.state = r.active ? 'running' : 'stopped';
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Stops every loop (waits for the batch in flight). */
  async stop(): Promise<void> {
    for (const r of this.running.values()) {
      r.active = false;
      r.unsubscribe?.();
      r.wake?.();
    }
    await Promise.all([...this.running.values()].map((r) => r.loop ?? Promise.resolve()));
    for (const r of this.running.values()) r.state = 'stopped';
  }

  /** Applies one batch from the source to the live tables; false when there was nothing new. */
  async step(name: string): Promise<boolean> {
    const r = this.running.get(name);
    if (!r) throw new Error(`Unknown projection ${name}`);
    return this.exclusive(r, async () => {
      const after = r.position;
      const batch = await this.source.read(after, {
        maxCount: this.batchSize,
        categories: r.projection.categories,
      });
      if (batch.upTo <= after) return false;
      await this.applyLive(r, after, batch);
      return true;
    });
  }

  private async prepare(r: Running): Promise<void> {
    await this.ensureMigrated();
    const { projection } = r;
    const stored = await readCheckpoint(this.db, projection.name);
    if (!stored) {
      await this.db.transaction(async (tx) => {
        await lockProjection(tx, projection.name);
        if (await readCheckpoint(tx, projection.name, true)) return;
        await recreateTables(tx, projection);
        await writeCheckpoint(tx, projection.name, { position: 0, version: projection.version });
      });
    } else if (stored.version !== projection.version) {
      this.logger.log(
        { projection: projection.name, from: stored.version, to: projection.version },
        'version changed: rebuilding',
      );
      r.position = stored.position;
      await this.rebuild(projection.name);
    }
    r.position = (await readCheckpoint(this.db, projection.name))?.position ?? 0;
    r.state = r.active ? 'running' : 'stopped';
  }

  private async tail(r: Running): Promise<void> {
    const min = this.options.minDelayMs ?? 5;
    const max = this.options.maxDelayMs ?? 500;
    let delay = min;
    while (r.active) {
      try {
        if (await this.step(r.projection.name)) {
          delay = min;
          continue;
        }
      } catch (error) {
        r.lastError = (error as Error).message;
        this.logger.error({ err: error, projection: r.projection.name }, 'projection batch failed; retrying');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, delay);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        r.wake = done;
      });
      r.wake = undefined;
      delay = Math.min(max, delay * 2);
    }
  }

  private async applyLive(r: Running, after: number, batch: SourceBatch): Promise<void> {
    r.position = await this.db.transaction((tx) => applyGuarded(tx, r.projection, after, batch));
    r.lastError = undefined;
    this.release(r);
  }

  private release(r: Running): void {
    r.waiters.release(r.position);
  }

  private exclusive<T>(r: Running, fn: () => Promise<T>): Promise<T> {
    const result = r.lock.then(fn);
    r.lock = result.catch(() => undefined);
    return result;
  }

  private ensureMigrated(): Promise<unknown> {
    this.migrated ??= migrate(this.db, PROJECTION_MIGRATIONS, 'projections');
    return this.migrated;
  }

  private lagOf(r: Running, head: number): Promise<ProjectionLag> {
    return measureLag(this.source, r.projection, r.position, head);
  }

  private async health(r: Running, head: number) {
    const lag = await this.lagOf(r, head);
    return {
      status: r.lastError && lag.lagEvents > 0 ? ('down' as const) : ('up' as const),
      state: r.state,
      position: lag.position,
      lagEvents: lag.lagEvents,
      lagSeconds: lag.lagSeconds,
      ...(r.lastError ? { lastError: r.lastError } : {}),
    };
  }
}
