import { type Logger } from '@nestjs/common';
import { classifyFailureKind, type SqlDatabase, type SqlExecutor } from '@kamflow/event-store';
import { type RecordedEvent } from '@kamflow/eventsourcing';
import { type Projection, type RowTables } from '@kamflow/projections';
import { errorText, type QuarantineStore } from '../quarantine/quarantine-store';
import { type EventSource } from './event-source';
import { componentOf, moved, type Outcome, type Running } from './projection-checkpoints';
import { type StepResult } from './projection-loop';
import {
  applyEvents,
  enforceRetention,
  lockProjection,
  readCheckpoint,
  writeCheckpoint,
} from './projection-sql';

/** One projection's part of a batch. */
export interface Concerned {
  r: Running;
  events: RecordedEvent[];
}

/** What {@link applyIsolated} came to. */
export interface IsolatedResult {
  /** Set when an event failed but has retries left: every event before it is applied, none after. */
  stoppedAt?: { event: RecordedEvent; error: unknown };
  /** Ids of the events quarantined now. */
  quarantined: string[];
}

/** How {@link applyIsolated} treats an event that fails. */
export interface IsolationOptions {
  quarantine: QuarantineStore;
  /** Table suffix (the rebuild's shadow tables). */
  suffix?: string;
  /** Counts a failed attempt of `event`, answering the attempts so far; quarantined once `maxAttempts`. */
  attempt(event: RecordedEvent): number;
  maxAttempts: number;
  /** The rows each applied event wrote. */
  onChanged?(changed: RowTables): void;
  logger: Logger;
}

/**
 * Applies `events` one by one, each in a savepoint of `tx`, to isolate the one at fault after a batch
 * failed. An event failing with a data error (see `classifyFailureKind`) is rolled back to its
 * savepoint; once it used up its attempts it is quarantined (in `tx`) and the rest goes on, else the
 * pass stops before it. Any other error (connection, pool closed) is thrown: nothing is blamed on an event.
 */
export async function applyIsolated(
  tx: SqlExecutor,
  projection: Projection,
  events: readonly RecordedEvent[],
  options: IsolationOptions,
): Promise<IsolatedResult> {
  const quarantined: string[] = [];
  for (const event of events) {
    if (!projection.handles(event)) continue;
    await tx.query('SAVEPOINT projection_event');
    try {
      const changed = await applyEvents(tx, projection, [event], options.suffix);
      await tx.query('RELEASE SAVEPOINT projection_event');
      if (changed) options.onChanged?.(changed);
    } catch (error) {
      if (classifyFailureKind(error) !== 'data') throw error;
      await tx.query('ROLLBACK TO SAVEPOINT projection_event');
      const attempts = options.attempt(event);
      if (attempts < options.maxAttempts) return { stoppedAt: { event, error }, quarantined };
      await options.quarantine.record(tx, componentOf(projection), event, error, attempts);
      quarantined.push(event.eventId);
      options.logger.warn(
        {
          projection: projection.name,
          eventId: event.eventId,
          position: event.globalPosition,
          error: errorText(error),
        },
        'event quarantined: the projection goes on without it',
      );
    }
  }
  return { quarantined };
}

/** Settings of a {@link BatchApplier}. */
export interface BatchSettings {
  db: SqlDatabase;
  source: EventSource;
  /** Events per read of the source. */
  batchSize: number;
  quarantine: QuarantineStore;
  logger: Logger;
  retentionIntervalMs: number;
  /** Attempts of one event before it is quarantined. */
  maxAttempts: number;
}

/**
 * Applies batches to projections' live tables: every concerned projection in one shared transaction;
 * when that fails, each in its own; and a projection whose own transaction fails on the data of an
 * event is applied event by event ({@link applyIsolated}), so the event is retried, then quarantined,
 * while the rest of the batch is kept and the checkpoint passes it.
 */
export class BatchApplier {
  constructor(private readonly s: BatchSettings) {}

  /**
   * Reads one batch after the lowest position of `members` and applies it to each, then stores the
   * checkpoints due (`store`): `idle` when the log had nothing new for them, `full` when the batch was
   * full (more may be waiting), `retry` when a projection stopped before an event to retry it (after a
   * back-off), else `some`. The caller holds the members' locks.
   */
  async step(members: Running[], store: (members: Running[]) => Promise<void>): Promise<StepResult> {
    const from = Math.min(...members.map((r) => r.position));
    const categories = [...new Set(members.flatMap((r) => r.projection.categories))];
    const batch = await this.s.source.read(from, { maxCount: this.s.batchSize, categories });
    if (batch.upTo <= from) {
      await store(members);
      return 'idle';
    }
    const concerned: Concerned[] = [];
    for (const r of members) {
      if (batch.upTo <= r.position) continue;
      const events = batch.events.filter((e) => e.globalPosition > r.position);
      if (events.some((e) => r.projection.handles(e))) concerned.push({ r, events });
      else moved(r, { position: batch.upTo, persisted: r.persisted }, this.s.logger);
    }
    const retry = concerned.length > 0 && (await this.applyConcerned(concerned, batch.upTo));
    await store(members);
    if (retry) return 'retry';
    return batch.events.length >= this.s.batchSize ? 'full' : 'some';
  }

  /** Applies each projection's events; true when some projection stopped before an event to retry it. */
  async applyConcerned(concerned: Concerned[], upTo: number): Promise<boolean> {
    const trim = concerned.map(({ r }) => this.trimDue(r));
    try {
      const outcomes = await this.s.db.transaction(async (tx) => {
        const out: Outcome[] = [];
        for (const [i, { r, events }] of concerned.entries())
          out.push(await this.applyTo(tx, r, events, upTo, trim[i]));
        return out;
      });
      for (const [i, { r }] of concerned.entries()) this.settled(r, outcomes[i], trim[i]);
      return false;
    } catch (error) {
      if (classifyFailureKind(error) === 'closed') throw error;
      let retrying = false;
      for (const [i, { r, events }] of concerned.entries()) {
        try {
          const outcome = await this.applyAlone(
            r,
            events,
            upTo,
            trim[i],
            concerned.length > 1 ? undefined : (error as Error),
          );
          retrying ||= 'retrying' in outcome;
          this.settled(r, outcome, trim[i]);
        } catch (failed) {
          r.lastError = errorText(failed);
          if (concerned.length === 1 || classifyFailureKind(failed) === 'closed') throw failed;
          this.s.logger.error(
            { err: failed, projection: r.projection.name },
            'projection batch failed; retrying',
          );
        }
      }
      return retrying;
    }
  }

  /** One projection's part of a batch, in the caller's transaction, guarded by its stored checkpoint. */
  private async applyTo(
    tx: SqlExecutor,
    r: Running,
    events: readonly RecordedEvent[],
    upTo: number,
    trim: boolean,
  ) {
    const stored = await this.guard(tx, r);
    if (typeof stored !== 'number') return stored;
    if (upTo <= stored) return { position: stored, persisted: stored };
    const changed = await applyEvents(
      tx,
      r.projection,
      events.filter((e) => e.globalPosition > stored),
    );
    if (changed) this.track(r, changed);
    return this.finish(tx, r, upTo, trim);
  }

  /**
   * The projection alone: the batch at once (unless `failed` says how it just failed alone), or, when an
   * event's data fails it, event by event.
   */
  private async applyAlone(
    r: Running,
    events: readonly RecordedEvent[],
    upTo: number,
    trim: boolean,
    failed?: Error,
  ): Promise<Outcome | (Outcome & { retrying: string })> {
    // Alone in the shared transaction that failed: its own batch already failed once.
    if (failed !== undefined && classifyFailureKind(failed) !== 'data') throw failed;
    if (failed === undefined) {
      try {
        return await this.s.db.transaction((tx) => this.applyTo(tx, r, events, upTo, trim));
      } catch (error) {
        if (classifyFailureKind(error) !== 'data') throw error;
      }
    }
    return this.s.db.transaction(async (tx) => {
      const stored = await this.guard(tx, r);
      if (typeof stored !== 'number') return stored;
      if (upTo <= stored) return { position: stored, persisted: stored };
      const result = await applyIsolated(
        tx,
        r.projection,
        events.filter((e) => e.globalPosition > stored),
        {
          quarantine: this.s.quarantine,
          attempt: (e) => {
            const n = (r.failures.get(e.eventId) ?? 0) + 1;
            r.failures.set(e.eventId, n);
            return n;
          },
          maxAttempts: this.s.maxAttempts,
          onChanged: (changed) => this.track(r, changed),
          logger: this.s.logger,
        },
      );
      for (const id of result.quarantined) r.failures.delete(id);
      if (!result.stoppedAt) return this.finish(tx, r, upTo, trim);
      const { event, error } = result.stoppedAt;
      const before = event.globalPosition - 1;
      const outcome =
        before > stored ? await this.finish(tx, r, before, trim) : { position: stored, persisted: stored };
      return {
        ...outcome,
        retrying: `event ${event.eventId} at ${event.globalPosition}: ${errorText(error)}`,
      };
    });
  }

  /** Locks the projection and reads its checkpoint: a resync when another process moved it back. */
  private async guard(tx: SqlExecutor, r: Running): Promise<number | Outcome> {
    await lockProjection(tx, r.projection.name);
    const stored = (await readCheckpoint(tx, r.projection.name, true))?.position ?? 0;
    return stored < r.persisted ? { resync: stored } : stored;
  }

  /** Trims retained tables when due and stores the checkpoint `upTo`. */
  private async finish(tx: SqlExecutor, r: Running, upTo: number, trim: boolean): Promise<Outcome> {
    if (trim) {
      for (const spec of r.projection.tables) {
        const partitions = r.untrimmed.get(spec.name);
        if (partitions?.size) await enforceRetention(tx, spec, '', [...partitions]);
      }
    }
    await writeCheckpoint(tx, r.projection.name, { position: upTo, version: r.projection.version });
    return { position: upTo, persisted: upTo };
  }

  /** Remembers the partitions of retained tables a batch wrote to, for the next trim. */
  private track(r: Running, changed: RowTables): void {
    for (const spec of r.projection.tables) {
      const rows = spec.retain && changed.get(spec.name);
      if (!spec.retain || !rows) continue;
      let partitions = r.untrimmed.get(spec.name);
      if (!partitions) r.untrimmed.set(spec.name, (partitions = new Set()));
      for (const row of rows.values()) if (row) partitions.add(row[spec.retain.partitionBy]);
    }
  }

  private trimDue(r: Running): boolean {
    return Date.now() - r.trimmedAt >= this.s.retentionIntervalMs;
  }

  private settled(r: Running, outcome: Outcome, trimmed: boolean): void {
    if (trimmed && !('resync' in outcome)) {
      r.untrimmed.clear();
      r.trimmedAt = Date.now();
    }
    r.lastError = 'retrying' in outcome ? (outcome as { retrying: string }).retrying : undefined;
    moved(r, outcome, this.s.logger);
  }
}
