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
  /**
   * Attempts of an event whose data a projection cannot apply before it is quarantined and the projection
   * goes on without it (default 3; a rebuild quarantines at the first failure).
   */
  quarantineAfterAttempts?: number;
}

/** DI token for {@link ProjectionRunnerOptions}. */
export const PROJECTION_RUNNER_OPTIONS = Symbol('PROJECTION_RUNNER_OPTIONS');
