import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { DomainError } from '@kamflow/eventsourcing';
import { migrate, type SqlDatabase } from '@kamflow/event-store';
import { type Projection } from '@kamflow/projections';
import { type ComponentHealth, ReadinessRegistry, withQuarantine } from '../health/readiness.registry';
import { Metrics } from '../metrics/metrics';
import { SQL_DATABASE } from '../persistence/tokens';
import { registerQuarantineGauge } from '../quarantine/quarantine-metrics';
import {
  quarantineStoreFor,
  type QuarantinedEvent,
  type QuarantineStore,
} from '../quarantine/quarantine-store';
import { EVENT_SOURCE, type EventSource } from './event-source';
import {
  measureLag,
  projectionHealth,
  type ProjectionLag,
  registerProjectionGauges,
} from './projection-metrics';
import { PROJECTION_MIGRATIONS } from './projection.migrations';
import { LiveLoop, type StepResult } from './projection-loop';
import { PROJECTION_RUNNER_OPTIONS, type ProjectionRunnerOptions } from './projection-options';
import { BatchApplier } from './projection-batch';
import {
  componentOf,
  exclusive,
  newRunning,
  prepareCheckpoint,
  type Running,
  storeCheckpoints,
} from './projection-checkpoints';
import { type RebuildResult, rebuildProjections, retryQuarantinedEvent } from './projection-rebuild-pass';

export type { RebuildResult } from './projection-rebuild-pass';

export { PROJECTION_RUNNER_OPTIONS, type ProjectionRunnerOptions } from './projection-options';

/**
 * Runs projections. ONE live loop per process ({@link LiveLoop}) reads the {@link EventSource} once for every
 * running projection and applies the batch in one transaction ({@link BatchApplier}); a projection the batch
 * does not concern only moves its position in memory and stores it now and then (see
 * `projection-checkpoints.ts`). The stored checkpoint is the truth: events at or below it are skipped, and
 * one found behind (a rebuild swapped tables in) makes the projection re-read from there. An event whose
 * data a projection cannot apply is retried, then quarantined and passed (`/ready`: `degraded`); the loop
 * ends when its database is closed. `waitFor` serves `?minPosition=`; `rebuildAll` replays the log into
 * shadow tables and swaps them in; a projection whose stored version differs is rebuilt at start.
 */
@Injectable()
export class ProjectionRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger('projections');
  private readonly running = new Map<string, Running>();
  private migrated?: Promise<unknown>;
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  private readonly rebuildMaxRows: number;
  private readonly live: LiveLoop;
  private unsubscribe?: () => void;
  private readonly batches: BatchApplier;
  /** Where events no projection could apply are parked. */
  readonly quarantine: QuarantineStore;

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
    this.quarantine = quarantineStoreFor(db);
    this.live = new LiveLoop(
      () => {
        const members = [...this.running.values()].filter((r) => r.active && r.state === 'running');
        return members.length ? this.stepAll(members) : Promise.resolve('idle');
      },
      (error) => this.ended(error),
      this.logger,
      {
        minDelayMs: options.minDelayMs ?? 5,
        maxDelayMs: options.maxDelayMs ?? 500,
        coalesceMs: options.coalesceMs ?? 2,
      },
    );
    this.batches = new BatchApplier({
      db,
      source,
      batchSize: this.batchSize,
      quarantine: this.quarantine,
      logger: this.logger,
      retentionIntervalMs: options.retentionIntervalMs ?? 10_000,
      maxAttempts: options.quarantineAfterAttempts ?? 3,
    });
    if (metrics) {
      registerProjectionGauges(metrics, () => this.lags());
      registerQuarantineGauge(metrics, this.quarantine);
    }
  }

  /** Makes the projection known (for `rebuild`, `waitFor`) without tailing; `start` also tails. */
  register(projection: Projection): void {
    this.entry(projection);
  }

  private entry(projection: Projection): Running {
    let r = this.running.get(projection.name);
    if (!r) {
      const entry = (r = newRunning(projection));
      this.running.set(projection.name, r);
      this.readiness?.register(componentOf(projection), async (head) => this.health(entry, head));
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

  /** Rebuilds projections from the log in ONE pass; see {@link rebuildProjections}. */
  async rebuildAll(names: readonly string[]): Promise<RebuildResult[]> {
    const entries = names.map((name) => this.known(name));
    for (const r of entries) r.state = 'rebuilding';
    try {
      await this.ensureMigrated();
      return await rebuildProjections(this.replayContext(), entries);
    } finally {
      for (const r of entries) r.state = r.active ? 'running' : 'stopped';
    }
  }

  /**
   * Applies a quarantined event of a known projection again (after a fix); RETRIED on success, else still
   * QUARANTINED with the new error. See {@link retryQuarantinedEvent}.
   */
  async retryQuarantined(
    item: Pick<QuarantinedEvent, 'id' | 'component'>,
    by: string,
  ): Promise<QuarantinedEvent> {
    const name = item.component.replace(/^projection:/, '');
    await this.ensureMigrated();
    return retryQuarantinedEvent(this.replayContext(), this.known(name), item, by);
  }

  private replayContext() {
    return {
      db: this.db,
      source: this.source,
      quarantine: this.quarantine,
      logger: this.logger,
      batchSize: this.rebuildBatchSize,
      maxRows: this.rebuildMaxRows,
    };
  }

  private known(name: string): Running {
    const r = this.running.get(name);
    if (!r) throw new DomainError('READ_MODEL.UNKNOWN', `No read model named ${name}`, 'not-found');
    return r;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Stops the loop (waits for the batch in flight) and stores the checkpoints moved in memory only. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.live.stop();
    await Promise.all([...this.running.values()].map((r) => r.preparing ?? Promise.resolve()));
    const due = [...this.running.values()].filter((r) => r.position > r.persisted && r.state === 'running');
    await exclusive(due, () => this.storeCheckpoints(due, true)).catch((error: unknown) =>
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
    const result = await this.stepAll([this.known(name)], true);
    return result !== 'idle';
  }

  private stepAll(members: Running[], storeNow = false): Promise<StepResult> {
    return exclusive(members, () =>
      this.batches.step(members, (due) => this.storeCheckpoints(due, storeNow)),
    );
  }

  private async prepare(r: Running): Promise<void> {
    await this.ensureMigrated();
    await prepareCheckpoint(this.db, r, this.logger, () => this.rebuild(r.projection.name));
  }

  private startLoop(): void {
    if (this.live.running) return;
    this.unsubscribe = this.source.subscribe?.(() => this.nudge());
    this.live.start();
  }

  /** Wakes the loop (an in-process append, a reader waiting). */
  private nudge(): void {
    this.live.nudge();
  }

  /** Resolves when the live loop has ended (stopped, or its database closed). */
  get settled(): Promise<void> {
    return this.live.done;
  }

  /** The database was closed under the loop: it ends (once, logged) instead of retrying against it. */
  private ended(error: unknown): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const r of this.running.values()) {
      r.lastError = (error as Error).message;
      r.state = 'stopped';
      r.active = false;
    }
    this.logger.warn({ err: error }, 'database closed: the projection loop ends');
  }

  private ensureMigrated(): Promise<unknown> {
    this.migrated ??= Promise.all([
      migrate(this.db, PROJECTION_MIGRATIONS, 'projections'),
      this.quarantine.migrate(),
    ]);
    return this.migrated;
  }

  private storeCheckpoints(members: Running[], now: boolean): Promise<void> {
    return storeCheckpoints(this.db, members, now, this.options.checkpointIntervalMs ?? 5000, this.logger);
  }

  private lagOf(r: Running, head: number): Promise<ProjectionLag> {
    return measureLag(this.source, r.projection, r.position, head);
  }

  private async health(r: Running, head: number): Promise<ComponentHealth> {
    const health = projectionHealth(r, await this.lagOf(r, head));
    return withQuarantine(health, await this.quarantine.openCount(componentOf(r.projection)));
  }
}
