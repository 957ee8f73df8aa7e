import { type Registry } from 'prom-client';
import { isClosedDatabaseError, migrate, type SqlDatabase, type SqlExecutor } from '@kamflow/event-store';
import {
  type ConsumerHandle,
  type Delivery,
  type IncomingMessage,
  type MessageConsumer,
  type MessageProducer,
} from '../message';
import { dlqTopic } from '../topics';
import { CONSUMER_MIGRATIONS } from './consumer.migrations';
import { type ConsumerMetrics, consumerMetrics } from './consumer-metrics';
import {
  backoffDelay,
  classifyFailure,
  type DeadLetter,
  deadLetter,
  DEFAULT_RETRY,
  type FailureClass,
  MalformedMessageError,
  type RetryPolicy,
} from './failure';

/** What a handler gets: the message, its parsed value, and the transaction its effect must use. */
export interface HandlerContext<T = unknown> {
  message: IncomingMessage;
  /** The value parsed from JSON. */
  value: T;
  /** The id the idempotency guard recorded (see {@link ReliableConsumerOptions.messageId}). */
  messageId: string;
  /** The transaction in which the message is marked processed: write the effect through it. */
  tx: SqlExecutor;
  /** 1 on first delivery, then 2, 3... while retrying. */
  attempt: number;
}

/** Settings of one {@link ReliableConsumer}. */
export interface ReliableConsumerOptions<T = unknown> {
  groupId: string;
  topics: readonly string[];
  consumer: MessageConsumer;
  /** Publishes dead letters. */
  producer: MessageProducer;
  /** Holds the idempotency guard and the handler's effects. */
  db: SqlDatabase;
  handle(context: HandlerContext<T>): Promise<void>;
  /**
   * Runs `handle` outside the guard's transaction (`tx` is then the database itself): a message already
   * marked is skipped, and the mark is written once `handle` resolved. For effects that are idempotent by
   * themselves (a command carrying its command id) and must not run inside a transaction: a remote
   * service's answer, or the event store on PGlite's single session, which that transaction would block.
   */
  effectOutsideTransaction?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Decides retry or dead-letter for a handler error; default {@link classifyFailure}. */
  classify?: (error: unknown) => FailureClass;
  /** The message's identity; default the `eventId`, `messageId` or `commandId` header, else topic/partition/offset. */
  messageId?: (message: IncomingMessage) => string;
  /** Default `kamflow.dlq.<groupId>`. */
  dlqTopic?: string;
  fromBeginning?: boolean;
  /** Where `kamflow_consumer_lag` and `kamflow_consumer_messages_total` are registered. */
  registry?: Registry;
  /** Called for retries (`warn`) and dead letters (`error`); default silent. */
  log?: (level: 'warn' | 'error', message: string, details: Record<string, unknown>) => void;
  /**
   * Called once the broker holds a dead letter, before the message is marked processed (so a failure here
   * redelivers it): e.g. to record it beside the events projections and processes quarantined.
   */
  onDeadLettered?: (letter: DeadLetter, messageId: string) => Promise<void>;
}

/** The consumer is stopping: the message is left uncommitted and delivered again later. */
export class ConsumerStoppingError extends Error {
  constructor() {
    super('consumer is stopping');
  }
}

/**
 * The one consumer mechanism of kamflow: effectively-once effects on at-least-once delivery.
 *
 * - **Idempotent**: the message id is inserted into `consumer_processed` in the same transaction as the
 *   handler's effect; a redelivered message finds its row and is skipped, so no effect happens twice.
 * - **Retries** transient errors with bounded exponential back-off, heartbeating while it waits.
 * - **Dead-letters** poison messages (malformed JSON, domain rule/validation errors) at once and transient
 *   ones after the last attempt: the DLQ message carries the original key, value, headers, topic,
 *   partition and offset plus the error. A message is never dropped: if the dead letter cannot be
 *   written (or the database is down, so the failure is not the message's fault) the handler throws and
 *   the transport redelivers.
 * - **Commits** nothing itself: the transport commits an offset only after this handler resolved,
 *   i.e. after the effect committed.
 */
export class ReliableConsumer<T = unknown> {
  private readonly retry: RetryPolicy;
  private readonly metrics?: ConsumerMetrics;
  private handle?: ConsumerHandle;
  private databaseClosed = false;

  constructor(private readonly options: ReliableConsumerOptions<T>) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.metrics = options.registry ? consumerMetrics(options.registry) : undefined;
  }

  /** The dead-letter topic of this group. */
  get deadLetterTopic(): string {
    return this.options.dlqTopic ?? dlqTopic(this.options.groupId);
  }

  /** Creates the guard table if needed and joins the group. */
  async start(): Promise<void> {
    if (this.handle) return;
    await migrate(this.options.db, CONSUMER_MIGRATIONS, 'messaging-consumer');
    this.handle = await this.options.consumer.subscribe({
      groupId: this.options.groupId,
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning,
      handle: (message, delivery) => this.process(message, delivery),
    });
  }

  /** Finishes the message in flight, commits and leaves the group. */
  async stop(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.stop();
  }

  /**
   * Handles one delivery: dedupe, retry, dead-letter. Exposed for transports that push messages directly.
   * When the database was closed the consumer stops (logged once) and the message is left uncommitted,
   * instead of being retried against a closed pool forever.
   */
  async process(message: IncomingMessage, delivery: Delivery): Promise<void> {
    if (this.databaseClosed) throw new ConsumerStoppingError();
    try {
      await this.processOnce(message, delivery);
    } catch (error) {
      if (!isClosedDatabaseError(error)) throw error;
      this.databaseClosed = true;
      this.options.log?.('error', 'database closed: the consumer stops', {
        group: this.options.groupId,
        error: (error as Error).message,
      });
      setImmediate(() => void this.stop().catch(() => undefined));
      throw new ConsumerStoppingError();
    }
  }

  private async processOnce(message: IncomingMessage, delivery: Delivery): Promise<void> {
    const id = (this.options.messageId ?? defaultMessageId)(message);
    let value: T;
    try {
      value = (message.value === null ? null : JSON.parse(message.value)) as T;
    } catch (error) {
      return this.deadLetter(message, id, new MalformedMessageError(error), 1);
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        const applied = this.options.effectOutsideTransaction
          ? await this.applyOutsideTransaction(message, value, id, attempt)
          : await this.options.db.transaction(async (tx) => {
              if (!(await this.mark(tx, message, id, 'handled'))) return false;
              await this.options.handle({ message, value, messageId: id, tx, attempt });
              return true;
            });
        this.count(message, applied ? 'handled' : 'duplicate');
        this.updateLag(message, delivery);
        return;
      } catch (error) {
        if (isClosedDatabaseError(error)) throw error;
        const failure = (this.options.classify ?? classifyFailure)(error);
        if (failure === 'poison' || attempt >= this.retry.maxAttempts) {
          // A database outage looks like a transient handler error: never dead-letter because of it.
          if (failure === 'retry') await this.options.db.query('SELECT 1');
          await this.deadLetter(message, id, error, attempt);
          this.updateLag(message, delivery);
          return;
        }
        this.count(message, 'retried');
        this.options.log?.('warn', 'message handling failed; retrying', {
          group: this.options.groupId,
          messageId: id,
          attempt,
          error: (error as Error).message,
        });
        await this.pause(backoffDelay(this.retry, attempt), delivery);
      }
    }
  }

  private async deadLetter(
    message: IncomingMessage,
    id: string,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const letter = deadLetter(message, error, attempts, this.options.groupId);
    await this.options.producer.send(this.deadLetterTopic, [
      {
        key: message.key,
        value: letter,
        headers: {
          ...message.headers,
          'dlq-group': this.options.groupId,
          'dlq-original-topic': message.topic,
          'dlq-original-partition': String(message.partition),
          'dlq-original-offset': message.offset,
          'dlq-error': letter.error.code ?? letter.error.name,
        },
      },
    ]);
    await this.options.onDeadLettered?.(letter, id);
    // Only after the broker holds the dead letter: mark it, so a redelivery does not dead-letter it again.
    await this.mark(this.options.db, message, id, 'dead_lettered');
    this.count(message, 'dead_lettered');
    this.options.log?.('error', 'message dead-lettered', {
      group: this.options.groupId,
      messageId: id,
      topic: this.deadLetterTopic,
      attempts,
      error: letter.error.message,
    });
  }

  private async applyOutsideTransaction(m: IncomingMessage, value: T, id: string, attempt: number) {
    const db = this.options.db;
    const seen = await db.query('SELECT 1 FROM consumer_processed WHERE group_id = $1 AND message_id = $2', [
      this.options.groupId,
      id,
    ]);
    if (seen.length > 0) return false;
    await this.options.handle({ message: m, value, messageId: id, tx: db, attempt });
    await this.mark(db, m, id, 'handled');
    return true;
  }

  /** Inserts the guard row; false when the message was already processed by this group. */
  private async mark(db: SqlExecutor, m: IncomingMessage, id: string, outcome: string): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO consumer_processed (group_id, message_id, topic, partition, "offset", outcome)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1 AS inserted`,
      [this.options.groupId, id, m.topic, m.partition, m.offset, outcome],
    );
    return rows.length > 0;
  }

  private async pause(ms: number, delivery: Delivery): Promise<void> {
    const until = Date.now() + ms;
    for (let left = ms; left > 0; left = until - Date.now()) {
      if (!delivery.isRunning()) throw new ConsumerStoppingError();
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, 1_000)));
      await delivery.heartbeat();
    }
    if (!delivery.isRunning()) throw new ConsumerStoppingError();
  }

  private count(m: IncomingMessage, outcome: string): void {
    this.metrics?.messages.inc({ group: this.options.groupId, topic: m.topic, outcome });
  }

  private updateLag(m: IncomingMessage, delivery: Delivery): void {
    if (!this.metrics || delivery.highWatermark === undefined) return;
    const lag = Number(BigInt(delivery.highWatermark) - BigInt(m.offset) - 1n);
    this.metrics.lag.set(
      { group: this.options.groupId, topic: m.topic, partition: String(m.partition) },
      Math.max(0, lag),
    );
  }
}

/** The `eventId`, `messageId` or `commandId` header, else the message's coordinates (stable in Kafka). */
export function defaultMessageId(m: IncomingMessage): string {
  return (
    m.headers.eventId ?? m.headers.messageId ?? m.headers.commandId ?? `${m.topic}/${m.partition}/${m.offset}`
  );
}
