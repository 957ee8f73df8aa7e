import {
  type ConsumerHandle,
  type Delivery,
  encodeValue,
  type IncomingMessage,
  type MessageConsumer,
  type MessageProducer,
  type OutgoingMessage,
  type Subscription,
  type TopicMessages,
} from '../message';

/** Settings of the in-process transport. */
export interface InProcessBrokerOptions {
  /** Partitions of a topic created implicitly (by a send or a subscription); default 1. */
  partitions?: number;
  /** Wait before a message whose handler threw is delivered again; default 100 ms. */
  redeliveryDelayMs?: number;
}

interface Member {
  subscription: Subscription;
  running: boolean;
  loops: Promise<void>[];
}

/**
 * The message transport of the embedded mode and of unit tests: Kafka's semantics in memory.
 * Topics have partitions (a key always lands on the same one), consumer groups keep a committed offset
 * per partition that moves only after the handler resolved, and a handler that throws gets the same
 * message again after `redeliveryDelayMs`. A group has one member at a time (no rebalancing).
 * Nothing survives the process.
 */
export class InProcessBroker implements MessageProducer, MessageConsumer {
  private readonly logs = new Map<string, IncomingMessage[][]>();
  private readonly committed = new Map<string, number>();
  private readonly members = new Map<string, Member>();
  private readonly busy = new Set<string>();
  private waiters: (() => void)[] = [];

  constructor(private readonly options: InProcessBrokerOptions = {}) {}

  /** Creates a topic with `partitions` partitions; a no-op when it exists. */
  createTopic(topic: string, partitions = this.options.partitions ?? 1): void {
    if (!this.logs.has(topic))
      this.logs.set(
        topic,
        Array.from({ length: partitions }, () => []),
      );
  }

  async send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    await this.sendAll([{ topic, messages }]);
  }

  async sendAll(batches: readonly TopicMessages[]): Promise<void> {
    for (const { topic, messages } of batches) {
      const partitions = this.partitions(topic);
      for (const m of messages) {
        const partition = m.key === null ? 0 : hash(m.key) % partitions.length;
        const log = partitions[partition];
        log.push({
          topic,
          partition,
          offset: String(log.length),
          key: m.key,
          value: encodeValue(m.value),
          headers: { ...m.headers },
          timestamp: String(Date.now()),
        });
      }
    }
    this.wake();
  }

  async subscribe(subscription: Subscription): Promise<ConsumerHandle> {
    if (this.members.has(subscription.groupId)) {
      throw new Error(`Group ${subscription.groupId} already has a member in this process`);
    }
    const member: Member = { subscription, running: true, loops: [] };
    this.members.set(subscription.groupId, member);
    for (const topic of subscription.topics) {
      this.partitions(topic).forEach((log, partition) => {
        const key = offsetKey(subscription.groupId, topic, partition);
        if (!this.committed.has(key))
          this.committed.set(key, subscription.fromBeginning === false ? log.length : 0);
        member.loops.push(this.consume(member, log, key));
      });
    }
    return {
      stop: async () => {
        member.running = false;
        this.wake();
        await Promise.all(member.loops);
        this.members.delete(subscription.groupId);
      },
    };
  }

  /** Everything published to a topic, partition by partition in offset order. */
  messages(topic: string): IncomingMessage[] {
    return (this.logs.get(topic) ?? []).flat();
  }

  /** A group's committed offset (the next offset it will read) on a partition. */
  committedOffset(groupId: string, topic: string, partition = 0): number {
    return this.committed.get(offsetKey(groupId, topic, partition)) ?? 0;
  }

  /** Resolves once every running member has handled every message published so far. */
  async idle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isIdle()) {
      if (Date.now() > deadline) throw new Error(`In-process broker not idle after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /** Stops every member. */
  async close(): Promise<void> {
    const all = [...this.members.values()];
    all.forEach((m) => (m.running = false));
    this.wake();
    await Promise.all(all.flatMap((m) => m.loops));
    this.members.clear();
  }

  private async consume(member: Member, log: IncomingMessage[], key: string): Promise<void> {
    const delivery: Delivery = {
      heartbeat: async () => undefined,
      isRunning: () => member.running,
    };
    while (member.running) {
      const next = this.committed.get(key) ?? 0;
      if (next >= log.length) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      this.busy.add(key);
      try {
        await member.subscription.handle(log[next], { ...delivery, highWatermark: String(log.length) });
        this.committed.set(key, next + 1);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, this.options.redeliveryDelayMs ?? 100));
      } finally {
        this.busy.delete(key);
      }
    }
  }

  private isIdle(): boolean {
    if (this.busy.size > 0) return false;
    for (const member of this.members.values()) {
      for (const topic of member.subscription.topics) {
        const partitions = this.logs.get(topic) ?? [];
        const behind = partitions.some(
          (log, p) => this.committedOffset(member.subscription.groupId, topic, p) < log.length,
        );
        if (behind) return false;
      }
    }
    return true;
  }

  private partitions(topic: string): IncomingMessage[][] {
    this.createTopic(topic);
    return this.logs.get(topic)!;
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((resolve) => resolve());
  }
}

function offsetKey(groupId: string, topic: string, partition: number): string {
  return `${groupId}\u0000${topic}\u0000${partition}`;
}

/** FNV-1a: a stable key → partition mapping. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
