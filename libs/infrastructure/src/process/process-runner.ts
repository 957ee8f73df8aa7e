import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import {
  type Command,
  DomainError,
  EVENT_STORE,
  type EventStore,
  LogTailer,
  type RecordedEvent,
} from '@kamflow/eventsourcing';
import { classifyFailureKind, migrate, type SqlDatabase, toNumber } from '@kamflow/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CommandGateway } from '../commands/command-gateway';
import { ReadinessRegistry, withQuarantine } from '../health/readiness.registry';
import {
  errorText,
  quarantineStoreFor,
  type QuarantinedEvent,
  type QuarantineStore,
} from '../quarantine/quarantine-store';
import { Metrics } from '../metrics/metrics';
import { NotifyingEventStore } from '../persistence/notifying-event-store';
import { registerQuarantineGauge } from '../quarantine/quarantine-metrics';
import { SQL_DATABASE } from '../persistence/tokens';
import { PROCESS_MIGRATIONS } from './process.migrations';
import { executeProcessCommand } from './process-commands';
import { type ProcessCommand, type ProcessManager } from './process-manager';

/** Keys of a batch handled at the same time. */
const PROCESS_CONCURRENCY = 8;
/** Attempts of an event whose reaction fails on its data before it is quarantined. */
const QUARANTINE_AFTER_ATTEMPTS = 3;

interface Running {
  manager: ProcessManager;
  tailer: LogTailer;
  timer?: NodeJS.Timeout;
  unsubscribe?: () => void;
  lastError?: string;
  /** Failed attempts of events not yet quarantined, by event id. */
  failures: Map<string, number>;
}

const componentOf = (name: string) => `process:${name}`;

/**
 * Runs process managers durably: tails the global log from a stored checkpoint, executes each reaction's
 * commands with ids derived from the causing event (so a replay after a crash appends nothing twice),
 * stores timers and fires them when due. A command the domain refuses is kept as a dead letter with its
 * error and the run goes on; an infrastructure failure stops the batch, which is retried with back-off.
 * An event whose reaction fails on its data (an exception of the reaction or of a handler, see
 * `classifyFailureKind`) is retried with the batch, then quarantined (`quarantined_events`; `/ready`
 * says `degraded`) and its key goes on with the next event. The loop and the timers end when the
 * database is closed.
 */
@Injectable()
export class ProcessRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('process');
  private readonly running = new Map<string, Running>();
  private migrated?: Promise<unknown>;
  /** Where events no reaction could handle are parked. */
  readonly quarantine: QuarantineStore;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandGateway,
    private readonly readiness: ReadinessRegistry,
    @Optional() metrics?: Metrics,
  ) {
    this.quarantine = quarantineStoreFor(db);
    if (metrics) registerQuarantineGauge(metrics, this.quarantine);
  }

  async start(manager: ProcessManager): Promise<void> {
    this.migrated ??= Promise.all([
      migrate(this.db, PROCESS_MIGRATIONS, 'process'),
      this.quarantine.migrate(),
    ]);
    await this.migrated;
    const after = await this.checkpoint(manager.name);
    const entry: Running = {
      manager,
      failures: new Map(),
      tailer: new LogTailer({
        store: this.store,
        after,
        categories: manager.categories,
        batchSize: 200,
        handle: (batch) => this.handleBatch(entry, batch),
        onError: (error) => {
          entry.lastError = (error as Error).message;
          if (classifyFailureKind(error) === 'closed') return this.ended(entry, error);
          this.logger.error({ err: error, process: manager.name }, 'process batch failed; retrying');
        },
      }),
    };
    this.running.set(manager.name, entry);
    if (this.store instanceof NotifyingEventStore)
      entry.unsubscribe = this.store.onAppended(() => entry.tailer.wake());
    entry.tailer.start();
    entry.timer = setInterval(() => {
      this.fireDueTimers(entry).catch((error: unknown) => {
        if (classifyFailureKind(error) === 'closed') return this.ended(entry, error);
        this.logger.error({ err: error, process: manager.name }, 'firing due timers failed; retrying');
      });
    }, this.config.timerIntervalMs);
    this.readiness.register(componentOf(manager.name), async (head) =>
      withQuarantine(
        {
          status: entry.lastError && head - entry.tailer.lastPosition > 0 ? 'down' : 'up',
          position: entry.tailer.lastPosition,
          lagEvents: Math.max(0, head - entry.tailer.lastPosition),
          ...(entry.lastError ? { lastError: entry.lastError } : {}),
        },
        await this.quarantine.openCount(componentOf(manager.name)),
      ),
    );
  }

  /** The database was closed: the tailer and the timers end (logged once) instead of retrying against it. */
  private ended(entry: Running, error: unknown): void {
    if (entry.timer) clearInterval(entry.timer);
    entry.timer = undefined;
    entry.unsubscribe?.();
    entry.unsubscribe = undefined;
    void entry.tailer.stop();
    this.logger.warn({ err: error, process: entry.manager.name }, 'database closed: the process loop ends');
  }

  /**
   * Handles a quarantined event again through the process's own reaction (after a fix); RETRIED when it
   * succeeds, else still QUARANTINED with the new error. Not in one transaction with its effects: those are
   * commands with ids derived from the event, so a retry racing another appends nothing twice.
   */
  async retryQuarantined(item: Pick<QuarantinedEvent, 'id'>, by: string): Promise<QuarantinedEvent> {
    await this.quarantine.migrate();
    const row = await this.quarantine.get(this.db, item.id);
    const entry = row && this.running.get(row.component.replace(/^process:/, ''));
    if (!row || !entry || row.component !== componentOf(entry.manager.name) || row.status !== 'QUARANTINED')
      throw new DomainError(
        'QUARANTINE.NOT_OPEN',
        `Quarantined event ${item.id} is not open here`,
        'conflict',
      );
    const [event] = await this.store.readAll({
      after: row.globalPosition - 1,
      maxCount: 1,
      categories: entry.manager.categories,
    });
    if (!event || event.eventId !== row.eventId)
      throw new DomainError('QUARANTINE.EVENT_NOT_FOUND', `Event ${row.eventId} not found`, 'not-found');
    try {
      await this.handleEvent(entry.manager, event);
      await this.quarantine.markRetried(this.db, row.id, by);
    } catch (error) {
      if (classifyFailureKind(error) !== 'data') throw error;
      await this.quarantine.markFailedAgain(row.id, error);
    }
    return (await this.quarantine.get(this.db, row.id))!;
  }

  /** Whether the process still tails the log (false once stopped, or once its database was closed). */
  isRunning(name: string): boolean {
    return this.running.get(name)?.timer !== undefined;
  }

  /** The position a process has handled up to (for tests and read-your-writes). */
  position(name: string): number {
    return this.running.get(name)?.tailer.lastPosition ?? 0;
  }

  /** Fires every timer due at `now` (defaults to the clock); returns how many fired. */
  async fireDueTimers(entry: Running | string, now = new Date()): Promise<number> {
    const e = typeof entry === 'string' ? this.running.get(entry) : entry;
    if (!e) return 0;
    const due = await this.db.query<{ timer_id: string; command: Omit<Command, 'metadata'> }>(
      `SELECT timer_id, command FROM process_timers
        WHERE process = $1 AND fired_at IS NULL AND due_at <= $2 ORDER BY due_at LIMIT 200`,
      [e.manager.name, now.toISOString()],
    );
    for (const t of due) {
      await this.execute(e.manager, { key: `timer:${t.timer_id}`, command: t.command }, undefined, now);
      await this.db.query('UPDATE process_timers SET fired_at = now() WHERE timer_id = $1', [t.timer_id]);
    }
    return due.length;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const e of this.running.values()) {
      if (e.timer) clearInterval(e.timer);
      e.unsubscribe?.();
      await e.tailer.stop();
    }
    this.running.clear();
  }

  private async handleBatch(entry: Running, batch: RecordedEvent[]): Promise<void> {
    const { manager } = entry;
    // Per key in log order; keys side by side. Commands carry ids derived from their cause, so when one
    // key fails and the batch is retried, what the others already did is not done twice.
    const byKey = new Map<string, RecordedEvent[]>();
    for (const event of batch) {
      const key = manager.keyOf?.(event) ?? '';
      let events = byKey.get(key);
      if (!events) byKey.set(key, (events = []));
      events.push(event);
    }
    const queues = [...byKey.values()];
    const failures: unknown[] = [];
    const worker = async () => {
      for (let events = queues.shift(); events; events = queues.shift()) {
        try {
          for (const event of events) await this.handleOrQuarantine(entry, event);
        } catch (error) {
          failures.push(error);
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PROCESS_CONCURRENCY, queues.length) }, worker));
    if (failures.length) throw failures[0];
    const last = batch[batch.length - 1].globalPosition;
    await this.db.query(
      `INSERT INTO process_checkpoints (name, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
      [manager.name, last],
    );
    entry.lastError = undefined;
  }

  /** Handles the event; once its data failed it `QUARANTINE_AFTER_ATTEMPTS` times, quarantines it instead. */
  private async handleOrQuarantine(entry: Running, event: RecordedEvent): Promise<void> {
    try {
      await this.handleEvent(entry.manager, event);
      entry.failures.delete(event.eventId);
    } catch (error) {
      if (classifyFailureKind(error) !== 'data') throw error;
      const attempts = (entry.failures.get(event.eventId) ?? 0) + 1;
      entry.failures.set(event.eventId, attempts);
      if (attempts < QUARANTINE_AFTER_ATTEMPTS) throw error;
      await this.quarantine.record(this.db, componentOf(entry.manager.name), event, error, attempts);
      entry.failures.delete(event.eventId);
      this.logger.warn(
        {
          process: entry.manager.name,
          eventId: event.eventId,
          position: event.globalPosition,
          error: errorText(error),
        },
        'event quarantined: the process goes on without it',
      );
    }
  }

  private async handleEvent(manager: ProcessManager, event: RecordedEvent): Promise<void> {
    const reaction = await manager.react(event);
    for (const t of reaction.timers ?? []) {
      await this.db.query(
        `INSERT INTO process_timers (timer_id, process, due_at, command) VALUES ($1, $2, $3, $4)
         ON CONFLICT (timer_id) DO NOTHING`,
        [t.timerId, manager.name, t.dueAt, JSON.stringify(t.command)],
      );
    }
    for (const c of reaction.commands ?? []) await this.execute(manager, c, event);
  }

  private execute(manager: ProcessManager, c: ProcessCommand, cause?: RecordedEvent, now = new Date()) {
    return executeProcessCommand(
      { db: this.db, commands: this.commands, logger: this.logger },
      manager,
      c,
      cause,
      now,
    );
  }

  private async checkpoint(name: string): Promise<number> {
    const rows = await this.db.query<{ position: string | number }>(
      'SELECT position FROM process_checkpoints WHERE name = $1',
      [name],
    );
    return rows.length ? toNumber(rows[0].position) : 0;
  }
}
