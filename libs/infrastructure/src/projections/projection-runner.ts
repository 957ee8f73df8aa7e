import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { DomainError, type RecordedEvent } from '@kamflow/eventsourcing';
import { migrate, type SqlDatabase, type SqlExecutor } from '@kamflow/event-store';
import { type Projection } from '@kamflow/projections';
import { ReadinessRegistry } from '../health/readiness.registry';
import { Metrics } from '../metrics/metrics';
import { SQL_DATABASE } from '../persistence/tokens';
import { EVENT_SOURCE, type EventSource } from './event-source';
import { measureLag, type ProjectionLag, registerProjectionGauges } from './projection-metrics';
import { PROJECTION_MIGRATIONS } from './projection.migrations';
import { PositionWaiters } from './position-waiters';
import { replayInto, ShadowRows } from './projection-rebuild';
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

/** Tuning of the runner; every field has a default. */
export interface ProjectionRunnerOptions {
  /** Events per read of the log and transaction (default 1000). */
  batchSize?: number;
  /**
   * Events per read while rebuilding (default 20 000): the rebuild folds in memory, so bigger reads
   * only cost memory.
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
  /**
   * After an in-process append wakes the loop, how long it waits for more (a command's follow-ups) so
   * one batch carries them all (default 2 ms).
   */
  coalesceMs?: number;
  /**
   * A projection that only skipped events (none of them concerned it) moves its checkpoint in memory
   * at once and stores it at most this often (default 5000 ms), or with its next batch.
   */
  checkpointIntervalMs?: number;
  /** How often tables with a `retain` rule are trimmed (default 10 000 ms; 0 = with every batch). */
  retentionIntervalMs?: number;
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
  /** Every event at or below it is applied (or concerns this projection not at all). */
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
  waiters: PositionWaiters;
  /** Serialises batches and a rebuild's swap in this process. */
  lock: Promise<unknown>;
  /** Preparing its tables after `start` (a rebuild when the version changed). */
  preparing?: Promise<void>;
}

/** What one projection's part of a batch came to, applied once its transaction committed. */
type Outcome = { position: number; persisted: number } | { resync: number };

/**
 * Runs projections. ONE loop per process reads the {@link EventSource} once for every running projection,
 * from the lowest of their positions, and applies the batch in one transaction: per projection one read of
 * the rows the batch names, the pure fold, one write back, and its checkpoint. A projection the batch does
 * not concern only moves its position in memory (readers waiting on `?minPosition=` are released at once)
 * and stores it now and then. The stored checkpoint is the truth: events at or below it are skipped (so
 * replays and concurrent runners change nothing twice), and a checkpoint found behind the one this process
 * stored (a rebuild swapped tables in) makes the projection re-read from there. When the shared
 * transaction fails, each projection is retried in its own, so one failing projection holds up no other.
 * `waitFor` serves `?minPosition=`; `rebuildAll` replays the log into shadow tables and swaps them in with
 * the checkpoint while queries keep reading the old tables. A projection whose stored version differs
 * from its definition is rebuilt at start.
 */
@Injectable()
export class ProjectionRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly running = new Map<string, Running>();
  private migrated?: Promise<unknown>;
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  private readonly rebuildMaxRows: number;
  private tailing = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private woken = false;
  private unsubscribe?: () => void;

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
        persisted: 0,
        persistedAt: Date.now(),
        untrimmed: new Map(),
        trimmedAt: Date.now(),
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
  start(projection: Projection): void {
    const r = this.entry(projection);
    if (r.active) return;
    r.active = true;
    r.state = 'starting';
    this.startLoop();
    // Prepared in the background (a changed version means a rebuild); the loop takes it in once running.
    r.preparing = this.prepare(r)
      .then(() => this.nudge())
      .catch((error: unknown) => {
        r.lastError = (error as Error).message;
        r.active = false;
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
    this.nudge();
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
        const position = await this.exclusive([r], async () => {
          const end = await replayInto(this.db, this.source, [cache], replay);
          await this.db.transaction(async (tx) => {
            rows += await cache.flush(tx);
            await lockProjection(tx, r.projection.name);
            await swapInShadow(tx, r.projection);
            await writeCheckpoint(tx, r.projection.name, { position: end, version: r.projection.version });
          });
          // The swapped-in tables hold exactly the events up to `end`: the live loop goes on from there.
          r.position = r.persisted = end;
          r.persistedAt = Date.now();
          r.waiters.release(end);
          r.untrimmed.clear();
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

  /** Stops the loop (waits for the batch in flight) and stores the checkpoints moved in memory only. */
  async stop(): Promise<void> {
    this.tailing = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    await Promise.all([...this.running.values()].map((r) => r.preparing ?? Promise.resolve()));
    const moved = [...this.running.values()].filter((r) => r.position > r.persisted && r.state === 'running');
    await this.exclusive(moved, () => this.storeCheckpoints(moved, true)).catch((error: unknown) =>
      this.logger.warn({ err: error }, 'could not store projection checkpoints at stop'),
    );
    for (const r of this.running.values()) {
      r.active = false;
      r.state = 'stopped';
    }
  }

  /**
   * Applies one batch from the source to one projection's live tables; false when there was nothing new.
   * (The background loop does the same for every running projection at once.)
   */
  async step(name: string): Promise<boolean> {
    const r = this.running.get(name);
    if (!r) throw new Error(`Unknown projection ${name}`);
    return (await this.stepAll([r], true)) !== 'idle';
  }

  /**
   * Reads one batch after the lowest position of `members` and applies it to each: `idle` when the log had
   * nothing new for them, `full` when the batch was full (more may be waiting), else `some`.
   */
  private stepAll(members: Running[], storeNow = false): Promise<'idle' | 'some' | 'full'> {
    return this.exclusive(members, async () => {
      const from = Math.min(...members.map((r) => r.position));
      const categories = [...new Set(members.flatMap((r) => r.projection.categories))];
      const batch = await this.source.read(from, { maxCount: this.batchSize, categories });
      if (batch.upTo <= from) {
        await this.storeCheckpoints(members, storeNow);
        return 'idle';
      }
      const concerned: { r: Running; events: RecordedEvent[] }[] = [];
      for (const r of members) {
        if (batch.upTo <= r.position) continue;
        const events = batch.events.filter((e) => e.globalPosition > r.position);
        if (events.some((e) => r.projection.handles(e))) concerned.push({ r, events });
        else this.moved(r, { position: batch.upTo, persisted: r.persisted });
      }
      if (concerned.length) await this.applyConcerned(concerned, batch.upTo);
      await this.storeCheckpoints(members, storeNow);
      return batch.events.length >= this.batchSize ? 'full' : 'some';
    });
  }

  /** Applies each projection's events in one shared transaction, or each in its own when that fails. */
  private async applyConcerned(concerned: { r: Running; events: RecordedEvent[] }[], upTo: number) {
    const trim = concerned.map(({ r }) => this.trimDue(r));
    try {
      const outcomes = await this.db.transaction(async (tx) => {
        const out: Outcome[] = [];
        for (const [i, { r, events }] of concerned.entries())
          out.push(await this.applyTo(tx, r, events, upTo, trim[i]));
        return out;
      });
      for (const [i, { r }] of concerned.entries()) this.settled(r, outcomes[i], trim[i]);
    } catch (error) {
      if (concerned.length === 1) {
        concerned[0].r.lastError = (error as Error).message;
        throw error;
      }
      for (const [i, { r, events }] of concerned.entries()) {
        try {
          const outcome = await this.db.transaction((tx) => this.applyTo(tx, r, events, upTo, trim[i]));
          this.settled(r, outcome, trim[i]);
        } catch (failed) {
          r.lastError = (failed as Error).message;
          this.logger.error(
            { err: failed, projection: r.projection.name },
            'projection batch failed; retrying',
          );
        }
      }
    }
  }

  /** One projection's part of a batch, in the caller's transaction, guarded by its stored checkpoint. */
  private async applyTo(
    tx: SqlExecutor,
    r: Running,
    events: readonly RecordedEvent[],
    upTo: number,
    trim: boolean,
  ): Promise<Outcome> {
    const { projection } = r;
    await lockProjection(tx, projection.name);
    const stored = (await readCheckpoint(tx, projection.name, true))?.position ?? 0;
    if (stored < r.persisted) return { resync: stored };
    if (upTo <= stored) return { position: stored, persisted: stored };
    const changed = await applyEvents(
      tx,
      projection,
      events.filter((e) => e.globalPosition > stored),
    );
    for (const spec of projection.tables) {
      const rows = spec.retain && changed?.get(spec.name);
      if (!spec.retain || !rows) continue;
      let partitions = r.untrimmed.get(spec.name);
      if (!partitions) r.untrimmed.set(spec.name, (partitions = new Set()));
      for (const row of rows.values()) if (row) partitions.add(row[spec.retain.partitionBy]);
    }
    if (trim) {
      for (const spec of projection.tables) {
        const partitions = r.untrimmed.get(spec.name);
        if (partitions?.size) await enforceRetention(tx, spec, '', [...partitions]);
      }
    }
    await writeCheckpoint(tx, projection.name, { position: upTo, version: projection.version });
    return { position: upTo, persisted: upTo };
  }

  private trimDue(r: Running): boolean {
    return Date.now() - r.trimmedAt >= (this.options.retentionIntervalMs ?? 10_000);
  }

  private settled(r: Running, outcome: Outcome, trimmed: boolean): void {
    if (trimmed && !('resync' in outcome)) {
      r.untrimmed.clear();
      r.trimmedAt = Date.now();
    }
    r.lastError = undefined;
    this.moved(r, outcome);
  }

  /** Takes an outcome in: a new position (waiters released), or a resync to a checkpoint found behind. */
  private moved(r: Running, outcome: Outcome): void {
    if ('resync' in outcome) {
      this.logger.log(
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

  /** Stores positions moved in memory only, when due (or `now`), in one transaction. */
  private async storeCheckpoints(members: Running[], now: boolean): Promise<void> {
    const interval = this.options.checkpointIntervalMs ?? 5000;
    const due = members.filter(
      (r) => r.position > r.persisted && (now || Date.now() - r.persistedAt >= interval),
    );
    if (!due.length) return;
    const outcomes = await this.db.transaction(async (tx) => {
      const out: Outcome[] = [];
      for (const r of due) {
        await lockProjection(tx, r.projection.name);
        const stored = (await readCheckpoint(tx, r.projection.name, true))?.position ?? 0;
        if (stored < r.persisted) out.push({ resync: stored });
        else if (stored >= r.position) out.push({ position: stored, persisted: stored });
        else {
          await writeCheckpoint(tx, r.projection.name, {
            position: r.position,
            version: r.projection.version,
          });
          out.push({ position: r.position, persisted: r.position });
        }
      }
      return out;
    });
    for (const [i, r] of due.entries()) this.moved(r, outcomes[i]);
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
      r.position = r.persisted = stored.position;
      await this.rebuild(projection.name);
    }
    const position = (await readCheckpoint(this.db, projection.name))?.position ?? 0;
    r.position = r.persisted = position;
    r.persistedAt = Date.now();
    r.state = r.active ? 'running' : 'stopped';
  }

  private startLoop(): void {
    if (this.tailing) return;
    this.tailing = true;
    this.unsubscribe = this.source.subscribe?.(() => this.nudge());
    this.loop = this.tail();
  }

  /** Wakes the loop (an in-process append, a reader waiting). */
  private nudge(): void {
    this.woken = true;
    this.wake?.();
  }

  private async tail(): Promise<void> {
    const min = this.options.minDelayMs ?? 5;
    const max = this.options.maxDelayMs ?? 500;
    const coalesce = this.options.coalesceMs ?? 2;
    let delay = min;
    while (this.tailing) {
      const members = [...this.running.values()].filter((r) => r.active && r.state === 'running');
      let result: 'idle' | 'some' | 'full' = 'idle';
      this.woken = false;
      if (members.length) {
        try {
          result = await this.stepAll(members);
        } catch (error) {
          this.logger.error({ err: error }, 'projection batch failed; retrying');
        }
      }
      if (result === 'full') continue;
      delay = result === 'some' ? min : Math.min(max, delay * 2);
      if (!this.woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, delay);
          function done() {
            clearTimeout(timer);
            resolve();
          }
          this.wake = done;
        });
        this.wake = undefined;
      }
      // Woken by an append: give its follow-ups a moment to land in the same batch.
      if (this.woken && coalesce > 0) await new Promise((resolve) => setTimeout(resolve, coalesce));
    }
  }

  private exclusive<T>(members: Running[], fn: () => Promise<T>): Promise<T> {
    const result = Promise.all(members.map((r) => r.lock)).then(fn);
    for (const r of members) r.lock = result.catch(() => undefined);
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
