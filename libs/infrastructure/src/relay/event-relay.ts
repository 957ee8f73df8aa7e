import { type EventStore, LogTailer, type RecordedEvent } from '@kamflow/eventsourcing';
import { isClosedDatabaseError, migrate, PgDatabase, type SqlDatabase, toNumber } from '@kamflow/event-store';
import {
  eventsTopic,
  type MessageHeaders,
  type MessageProducer,
  type OutgoingMessage,
} from '@kamflow/messaging';
import { Counter, Gauge, type Registry } from 'prom-client';
import { type ComponentHealth } from '../health/readiness.registry';
import { contextOfStream } from './event-contexts';
import { RELAY_MIGRATIONS } from './relay.migrations';
import { LeadershipLostError, RelayLock, relayLockKey } from './relay-lock';

/** Whether a relay publishes (`leader`) or waits to take over (`standby`). */
export type RelayRole = 'leader' | 'standby';

/** Settings of an {@link EventRelay}. */
export interface EventRelayOptions {
  store: EventStore;
  /** The database holding `relay_checkpoints` (the event store's own). */
  db: SqlDatabase;
  producer: MessageProducer;
  /** The checkpoint row; default `relay`. */
  name?: string;
  /** Topic prefix for the default routing; default `kamflow`. */
  topicPrefix?: string;
  /** Where an event goes; default its context's events topic (`kamflow.ordering.events`...). */
  topicFor?: (event: RecordedEvent) => string;
  /** Events per read and per publish; default 500. */
  batchSize?: number;
  /** Idle poll back-off bounds (ms); default 5 and 250. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Leader election among relays sharing the checkpoint name (PostgreSQL session advisory lock); default
   * true. On PGlite (one process) the relay is always the leader. False: publish without the lock.
   */
  leaderElection?: boolean;
  /** How often a standby tries to take the lock (ms); default 2000. */
  standbyRetryMs?: number;
  /** How often the leader checks its lock connection with `SELECT 1` (ms); default 1000. */
  leaderCheckMs?: number;
  /** How long a check may take before the lock counts as lost (ms); default 5000. */
  leaderCheckTimeoutMs?: number;
  /** Registers `kamflow_relay_*` metrics (one relay per registry). */
  registry?: Registry;
  /** Publishing failures (the batch is retried). */
  onError?: (error: unknown) => void;
  /** Failures while contending for the lock (retried after `standbyRetryMs`); default `onError`. */
  onElectionError?: (error: unknown) => void;
  /** Leadership taken or given up, with the reason and the checkpoint at that moment. */
  onRoleChange?: (role: RelayRole, reason: string, position: number) => void;
}

/**
 * Publishes the event store's global log to Kafka, at least once and in order per aggregate.
 *
 * It tails the log from its checkpoint in batches. Each batch is sent (key = stream id, so one
 * aggregate's events share a partition and keep their order; value = the full envelope; headers =
 * ids, type, positions) and only after the broker acknowledged all of it is the checkpoint moved to the
 * batch's last position. A failed send leaves the checkpoint where it was and the same batch is sent again;
 * a crash between acknowledgement and checkpoint republishes that batch on restart. Consumers therefore
 * see every event, in stream order, possibly more than once, and dedupe by `eventId`.
 *
 * Several relays may run per checkpoint name (on PostgreSQL): they elect a leader with a session advisory
 * lock (`pg_try_advisory_lock`, key from the name) held on a dedicated connection. Only the leader tails
 * and publishes, from the checkpoint it reads when it takes the lock; the others are standbys that try
 * again every `standbyRetryMs`. The leader checks its lock connection every `leaderCheckMs` and before
 * each batch; when the connection fails it stops at once (the batch in flight finishes or fails, so at
 * most that batch is published again by the next leader) and waits two retry intervals before contending
 * again, so that a healthy standby takes over first. A graceful stop finishes the batch in flight, then
 * unlocks. On PGlite (embedded, one process) the relay is always the leader.
 */
export class EventRelay {
  private tailer?: LogTailer;
  private checkpointed = 0;
  private lastError?: string;
  private readonly name: string;
  private readonly published?: Counter<'topic'>;
  private started = false;
  private electing = false;
  private currentRole: RelayRole = 'standby';
  private lock?: RelayLock;
  private election?: Promise<void>;
  private stopping?: Promise<void>;
  private wakeElection?: () => void;

  constructor(private readonly options: EventRelayOptions) {
    this.name = options.name ?? 'relay';
    const registry = options.registry;
    if (!registry) return;
    const leader = () => this.currentRole === 'leader';
    new Gauge({
      name: 'kamflow_relay_leader',
      help: '1 while this relay holds the lock and publishes, 0 on standby',
      registers: [registry],
      collect() {
        this.set(leader() ? 1 : 0);
      },
    });
    this.published = new Counter({
      name: 'kamflow_relay_published_total',
      help: 'Events the broker acknowledged, by topic',
      labelNames: ['topic'] as const,
      registers: [registry],
    });
    const position = () => this.checkpointed;
    const lag = () => this.lag();
    new Gauge({
      name: 'kamflow_relay_position',
      help: 'Global position up to which every event is published and checkpointed',
      registers: [registry],
      collect() {
        this.set(position());
      },
    });
    new Gauge({
      name: 'kamflow_relay_lag_events',
      help: 'Events in the store not yet published (head minus checkpoint)',
      registers: [registry],
      async collect() {
        this.set(await lag());
      },
    });
  }

  /** The position of the checkpoint: everything up to it is acknowledged by the broker. */
  get position(): number {
    return this.checkpointed;
  }

  /** Whether this relay publishes now. */
  get role(): RelayRole {
    return this.currentRole;
  }

  /**
   * Creates the checkpoint table if needed, then tries the lock once: the leader reads the checkpoint and
   * starts tailing, a standby keeps trying in the background. Resolves once the role is known.
   */
  async start(): Promise<void> {
    if (this.started) return;
    await this.stopping;
    const pool = this.lockPool();
    this.started = true;
    try {
      await migrate(this.options.db, RELAY_MIGRATIONS, 'relay');
      if (!pool) {
        await this.startTailer();
        this.setRole(
          'leader',
          this.options.db.kind === 'pglite' ? 'embedded database' : 'leader election off',
        );
        return;
      }
    } catch (error) {
      this.started = false;
      throw error;
    }
    this.electing = true;
    let firstAttempt!: () => void;
    const attempted = new Promise<void>((resolve) => (firstAttempt = resolve));
    this.election = this.elect(pool, firstAttempt);
    await attempted;
  }

  /** Polls now (an in-process writer just appended). */
  wake(): void {
    this.tailer?.wake();
  }

  /** Lets the batch in flight finish (sent and checkpointed, or failed), stops, then gives up the lock. */
  async stop(): Promise<void> {
    if (!this.started) return this.stopping;
    this.started = false;
    const stopped = this.tailer?.stop(); // no batch starts from now on
    const election = this.election;
    this.election = undefined;
    this.wakeElection?.();
    this.stopping = (async () => {
      await stopped;
      if (election) {
        await election; // the leader releases its lock after its tailer stopped
      } else {
        this.tailer = undefined;
        this.setRole('standby', 'stopped');
      }
    })();
    return this.stopping;
  }

  /** Events appended but not yet checkpointed. */
  async lag(): Promise<number> {
    return Math.max(0, (await this.options.store.headPosition()) - this.checkpointed);
  }

  /**
   * A readiness probe: down while the leader's publishing fails and events wait; a started standby is up
   * (it reports the checkpoint as last read from the table).
   */
  health(head: number): ComponentHealth {
    const lagEvents = Math.max(0, head - this.checkpointed);
    const leading = this.currentRole === 'leader';
    const up = leading ? this.tailer !== undefined && !(this.lastError && lagEvents > 0) : this.started;
    return {
      status: up ? 'up' : 'down',
      role: this.currentRole,
      position: this.checkpointed,
      lagEvents,
      ...(leading && this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** The pool to take the lock from; undefined when this relay always leads. */
  private lockPool(): PgDatabase['pool'] | undefined {
    if (this.options.leaderElection === false || this.options.db.kind === 'pglite') return undefined;
    if (this.options.db instanceof PgDatabase) return this.options.db.pool;
    throw new Error('Relay leader election needs a PgDatabase (or leaderElection: false)');
  }

  /** Contends for the lock until stopped: leads while it holds it, retries as a standby otherwise. */
  private async elect(pool: PgDatabase['pool'], firstAttempt: () => void): Promise<void> {
    const retryMs = this.options.standbyRetryMs ?? 2000;
    const key = relayLockKey(this.name);
    while (this.started) {
      let lock: RelayLock | undefined;
      try {
        lock = await RelayLock.tryAcquire(pool, key, () => this.wakeElection?.());
        if (!lock) {
          await this.readCheckpoint(); // a standby reports the leader's progress
        } else if (this.started) {
          this.lock = lock;
          await this.startTailer();
        }
      } catch (error) {
        this.lock = undefined;
        await lock?.release().catch(() => undefined);
        lock = undefined;
        (this.options.onElectionError ?? this.options.onError)?.(error);
        if (isClosedDatabaseError(error)) {
          // Its database was closed: contending again could only fail again, forever.
          this.started = false;
          this.setRole('standby', 'database closed');
          firstAttempt();
          return;
        }
      }
      firstAttempt();
      let pause = retryMs;
      if (lock) {
        this.lastError = undefined;
        if (this.started) this.setRole('leader', 'took the lock');
        if (await this.lead(lock)) pause = 2 * retryMs; // lost: let a healthy standby take over first
      }
      if (this.started) await this.sleep(pause);
    }
  }

  /** Holds the lock until stopped or until its connection fails; returns why it was lost, if it was. */
  private async lead(lock: RelayLock): Promise<string | undefined> {
    const checkMs = this.options.leaderCheckMs ?? 1000;
    const timeoutMs = this.options.leaderCheckTimeoutMs ?? 5000;
    while (this.started && !lock.lost) {
      await this.sleep(checkMs);
      if (!this.started || lock.lost) break;
      await lock.check(timeoutMs).catch(() => undefined); // a failure marks the lock lost
    }
    // Stop publishing at once: no new batch starts; the one in flight finishes or fails.
    const tailer = this.tailer;
    const stopped = tailer?.stop();
    this.lock = undefined;
    const lost = lock.lost;
    if (lost) this.setRole('standby', lost);
    await stopped;
    if (this.tailer === tailer) this.tailer = undefined;
    await lock.release();
    if (!lost) this.setRole('standby', 'stopped');
    return lost;
  }

  /** Reads the checkpoint (fresh: another relay may have moved it) and starts tailing from it. */
  private async startTailer(): Promise<void> {
    await this.readCheckpoint();
    this.tailer = new LogTailer({
      store: this.options.store,
      after: this.checkpointed,
      batchSize: this.options.batchSize ?? 500,
      minDelayMs: this.options.minDelayMs ?? 5,
      maxDelayMs: this.options.maxDelayMs ?? 250,
      handle: (batch) => this.publish(batch),
      onError: (error) => {
        if (error instanceof LeadershipLostError) return;
        this.lastError = (error as Error).message;
        this.options.onError?.(error);
        // Its database was closed: the relay ends instead of polling a closed pool; a leader gives its lock
        // connection back, so the pool can finish ending.
        if (isClosedDatabaseError(error)) {
          this.started = false;
          void this.tailer?.stop();
          this.wakeElection?.();
        }
      },
    });
    this.tailer.start();
  }

  private async readCheckpoint(): Promise<void> {
    const rows = await this.options.db.query<{ position: string | number }>(
      'SELECT position FROM relay_checkpoints WHERE name = $1',
      [this.name],
    );
    this.checkpointed = rows.length ? toNumber(rows[0].position) : 0;
  }

  private setRole(role: RelayRole, reason: string): void {
    if (this.currentRole === role) return;
    this.currentRole = role;
    this.options.onRoleChange?.(role, reason, this.checkpointed);
  }

  /** Waits `ms`, or less when stopped or when the lock's connection fails. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeElection === done) this.wakeElection = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeElection = done;
    });
  }

  private async publish(batch: RecordedEvent[]): Promise<void> {
    // Only a leader whose lock session still answers sends: a deposed one at most finishes this batch.
    if (this.electing) {
      if (!this.lock) throw new LeadershipLostError('no lock held');
      await this.lock.check(this.options.leaderCheckTimeoutMs ?? 5000);
    }
    const byTopic = new Map<string, OutgoingMessage[]>();
    // Each event names the event before it in the log, so consumers of several topics can restore the
    // global order (see EventMirror): the first of a batch follows the checkpoint, the last event published.
    let previous = this.checkpointed;
    for (const event of batch) {
      const topic = this.topicFor(event);
      const messages = byTopic.get(topic) ?? [];
      messages.push({
        key: event.streamId,
        value: event,
        headers: { ...eventHeaders(event), previousPosition: String(previous) },
      });
      previous = event.globalPosition;
      byTopic.set(topic, messages);
    }
    await this.options.producer.sendAll([...byTopic].map(([topic, messages]) => ({ topic, messages })));
    const last = batch[batch.length - 1].globalPosition;
    await this.options.db.query(
      `INSERT INTO relay_checkpoints (name, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET position = GREATEST(relay_checkpoints.position, EXCLUDED.position),
       updated_at = now()`,
      [this.name, last],
    );
    this.checkpointed = last;
    this.lastError = undefined;
    for (const [topic, messages] of byTopic) this.published?.inc({ topic }, messages.length);
  }

  private topicFor(event: RecordedEvent): string {
    return (
      this.options.topicFor?.(event) ?? eventsTopic(contextOfStream(event.streamId), this.options.topicPrefix)
    );
  }
}

/** The headers every relayed event carries, so consumers can route and dedupe without parsing. */
export function eventHeaders(event: RecordedEvent): MessageHeaders {
  const headers: MessageHeaders = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: String(event.schemaVersion),
    streamId: event.streamId,
    streamRevision: String(event.streamRevision),
    globalPosition: String(event.globalPosition),
  };
  if (event.metadata.correlationId) headers.correlationId = event.metadata.correlationId;
  if (event.metadata.causationId) headers.causationId = event.metadata.causationId;
  return headers;
}
