import {
  type BaseOptions,
  Consumer,
  type Message,
  type MessagesStream,
  stringDeserializers,
} from '@platformatic/kafka';
import { type Delivery, type IncomingMessage, type Subscription } from '../../message';
import { type KafkaConsumerOptions } from '../kafka-driver';

type TextMessage = Message<string, string, string, string>;
type TextStream = MessagesStream<string, string, string, string>;

/** Pause fetching above this many buffered messages, resume below half of it. */
const MAX_QUEUED = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;

/** One partition's messages waiting, the one in flight, and what is handled and committed. */
interface PartitionState {
  queue: TextMessage[];
  busy: boolean;
  /** The next offset accepted from the stream: a refetch after a rejoin repeats what is queued. */
  next?: bigint;
  /** The last message whose `handle` resolved, and the offset (next to read) committed for it. */
  resolved?: TextMessage;
  committed?: bigint;
}

/**
 * One consumer-group subscription on `@platformatic/kafka`: messages of a partition are handled one at a time in offset order, up to `partitionsConsumedConcurrently`
 * partitions at once; an offset is committed only after `handle` resolved (every `commitIntervalMs` and
 * after `commitEvery` messages). When `handle` throws, the in-flight messages of the other partitions
 * finish, what was handled is committed, and the stream starts again from the committed offsets after a
 * back-off (200 ms doubling to 30 s), so the failed message is delivered again.
 */
export class PlatformaticSubscription {
  private consumer: Consumer<string, string, string, string>;
  private stream?: TextStream;
  private readonly partitions = new Map<string, PartitionState>();
  private readonly watermarks = new Map<string, bigint>();
  private queued = 0;
  private active = 0;
  private sinceCommit = 0;
  private handledSinceWatermarks = 0;
  private failures = 0;
  private running = true;
  private restart?: Promise<void>;
  private commits: Promise<void> = Promise.resolve();
  private commitTimer?: NodeJS.Timeout;
  private idleWaiters: (() => void)[] = [];
  private wake?: () => void;

  constructor(
    private readonly base: BaseOptions,
    private readonly options: KafkaConsumerOptions,
    private readonly subscription: Subscription,
  ) {
    this.consumer = this.createConsumer();
  }

  /** Joins the group and starts handling; rejects (and leaves) when the first join fails. */
  async start(): Promise<void> {
    try {
      await this.open();
    } catch (error) {
      this.running = false;
      await this.consumer.close(true).catch(() => undefined);
      throw error;
    }
    this.commitTimer = setInterval(() => this.tick(), this.options.commitIntervalMs ?? 1_000);
    this.commitTimer.unref();
  }

  /** Lets the in-flight messages finish, commits what was handled and leaves the group. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.commitTimer);
    this.wake?.();
    this.dropQueued();
    await this.restart;
    await this.whenIdle();
    await this.commit().catch(() => undefined);
    await this.stream?.close().catch(() => undefined);
    await this.consumer.close().catch(() => undefined);
  }

  private createConsumer(): Consumer<string, string, string, string> {
    return new Consumer({
      ...this.base,
      groupId: this.subscription.groupId,
      deserializers: stringDeserializers,
      autocommit: false,
      autocreateTopics: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
      maxWaitTime: this.options.maxWaitTimeMs ?? 500,
    });
  }

  private async open(): Promise<void> {
    const stream = await this.consumer.consume({
      topics: [...this.subscription.topics],
      mode: 'committed',
      fallbackMode: this.subscription.fromBeginning === false ? 'latest' : 'earliest',
      autocommit: false,
    });
    this.consumer.removeAllListeners('consumer:group:join');
    this.consumer.on('consumer:group:join', () => this.forgetRevoked());
    await this.refreshWatermarks().catch(() => undefined);
    this.stream = stream;
    stream.on('data', (m: TextMessage) => this.enqueue(stream, m));
    stream.on('error', (error: Error) => this.fail(stream, error));
    stream.on('close', () => this.fail(stream, new Error('the message stream closed')));
  }

  private enqueue(stream: TextStream, m: TextMessage): void {
    if (stream !== this.stream || !this.running) return;
    const key = `${m.topic}:${m.partition}`;
    let state = this.partitions.get(key);
    if (!state) this.partitions.set(key, (state = { queue: [], busy: false }));
    if (state.next !== undefined && m.offset < state.next) return;
    state.next = m.offset + 1n;
    state.queue.push(m);
    this.queued += 1;
    if (this.queued >= MAX_QUEUED) stream.pause();
    this.dispatch();
  }

  private dispatch(): void {
    if (!this.running || this.restart) return;
    const limit = this.options.partitionsConsumedConcurrently ?? 1;
    for (const [key, state] of this.partitions) {
      if (this.active >= limit) return;
      if (!state.busy && state.queue.length > 0) this.handleNext(key, state);
    }
  }

  private handleNext(key: string, state: PartitionState): void {
    const m = state.queue.shift()!;
    this.queued -= 1;
    if (this.queued < MAX_QUEUED / 2 && this.stream?.isPaused()) this.stream.resume();
    state.busy = true;
    this.active += 1;
    const stream = this.stream;
    this.subscription
      .handle(toIncoming(m), this.delivery(m))
      .then(
        () => {
          this.failures = 0;
          this.handledSinceWatermarks += 1;
          if (this.partitions.get(key) !== state) return; // revoked meanwhile: not ours to commit
          state.resolved = m;
          this.sinceCommit += 1;
          if (this.sinceCommit >= (this.options.commitEvery ?? 100))
            void this.commit().catch(() => undefined);
        },
        (error: unknown) => this.fail(stream, error),
      )
      .finally(() => {
        state.busy = false;
        this.active -= 1;
        if (this.partitions.get(key) === state) {
          // Round robin: the partition just served goes to the back.
          this.partitions.delete(key);
          this.partitions.set(key, state);
        }
        if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
        this.dispatch();
      });
  }

  private delivery(m: TextMessage): Delivery {
    const watermark = () => {
      const known = this.watermarks.get(`${m.topic}:${m.partition}`) ?? 0n;
      return String(known > m.offset ? known : m.offset + 1n);
    };
    return {
      get highWatermark() {
        return watermark();
      },
      // The library heartbeats on its own timer, independently of the handler.
      heartbeat: async () => undefined,
      isRunning: () => this.running && !this.restart,
    };
  }

  /** A handler failure or a stream that ended by itself: start over from the committed offsets. */
  private fail(stream: TextStream | undefined, error: unknown): void {
    if (!this.running || this.restart || stream !== this.stream) return;
    void error; // the handler (the reliable consumer) logs its own failures; the message is redelivered
    this.restart = this.restartStream().finally(() => {
      this.restart = undefined;
      this.dispatch();
    });
  }

  private async restartStream(): Promise<void> {
    this.dropQueued();
    await this.whenIdle();
    await this.commit().catch(() => undefined);
    const old = this.stream;
    this.stream = undefined;
    this.partitions.clear();
    await old?.close().catch(() => undefined);
    for (let attempt = 1; this.running; attempt += 1) {
      await this.sleep(Math.min(MAX_RESTART_DELAY_MS, 200 * 2 ** this.failures));
      this.failures += 1;
      if (!this.running) return;
      try {
        if (attempt > 3) {
          // The group membership itself may be broken: start with a fresh member.
          await this.consumer.close(true).catch(() => undefined);
          this.consumer = this.createConsumer();
        }
        await this.open();
        return;
      } catch {
        // retried with a longer delay
      }
    }
  }

  /** After a rebalance: partitions no longer assigned are dropped (their messages are another member's). */
  private forgetRevoked(): void {
    const assigned = new Set(
      (this.consumer.assignments ?? []).flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`)),
    );
    for (const [key, state] of this.partitions) {
      if (assigned.has(key)) continue;
      this.queued -= state.queue.length;
      this.partitions.delete(key);
    }
  }

  private dropQueued(): void {
    for (const state of this.partitions.values()) {
      this.queued -= state.queue.length;
      state.queue = [];
    }
  }

  private whenIdle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Commits the resolved offsets not committed yet; commits run one after another. */
  private commit(): Promise<void> {
    const run = this.commits.then(async () => {
      const due = [...this.partitions.values()].filter(
        (s) => s.resolved && s.committed !== s.resolved.offset + 1n,
      );
      if (due.length === 0) return;
      this.sinceCommit = 0;
      const offsets = due.map((s) => ({
        topic: s.resolved!.topic,
        partition: s.resolved!.partition,
        offset: s.resolved!.offset + 1n,
        leaderEpoch: s.resolved!.leaderEpoch,
      }));
      await this.consumer.commit({ offsets });
      due.forEach((s, i) => (s.committed = offsets[i].offset));
    });
    this.commits = run.catch(() => undefined);
    return run;
  }

  private tick(): void {
    void this.commit().catch(() => undefined);
    if (this.handledSinceWatermarks > 0) void this.refreshWatermarks().catch(() => undefined);
  }

  /** The partitions' end offsets, for the lag the handler reports (`Delivery.highWatermark`). */
  private async refreshWatermarks(): Promise<void> {
    this.handledSinceWatermarks = 0;
    const ends = await this.consumer.listOffsets({ topics: [...this.subscription.topics] });
    for (const [topic, offsets] of ends)
      offsets.forEach((end, p) => this.watermarks.set(`${topic}:${p}`, end));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function toIncoming(m: TextMessage): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of m.headers) if (name !== undefined && value !== undefined) headers[name] = value;
  return {
    topic: m.topic,
    partition: m.partition,
    offset: String(m.offset),
    key: m.key ?? null,
    value: m.value ?? null,
    headers,
    timestamp: String(m.timestamp),
  };
}
