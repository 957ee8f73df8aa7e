import {
  type ConsumerHandle,
  type Delivery,
  type IncomingMessage,
  type MessageConsumer,
} from '@kamflow/messaging';
import { publicTopic } from '@kamflow/contracts';
import { type Reporter } from './reporters';
import { isAssignmentFor, planWalk, retryDelayMs, type SimulationPolicy } from './simulator.decisions';

/** Settings of a {@link ProviderSimulator}. */
export interface ProviderSimulatorOptions {
  consumer: MessageConsumer;
  reporter: Reporter;
  policy: SimulationPolicy;
  groupId: string;
  topicPrefix?: string;
  /** Real time between two reports. */
  stepDelayMs?: number;
  maxAttempts?: number;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  log?: (level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) => void;
}

/** The consumer is stopping: leave the message uncommitted so the next start walks it again. */
class StoppingError extends Error {}

/**
 * A logistics provider played by a program: it reads the public logistics topic with its own consumer
 * group, and for every shipment assigned to it reports READY_TO_SHIP → PICKED_UP → DISPATCHED →
 * IN_TRANSIT → DELIVERED and then signs the acceptance receipt. Every report carries an id derived from
 * the assignment, so a shipment walked again after a restart changes nothing it already changed.
 */
export class ProviderSimulator {
  private handle?: ConsumerHandle;
  private walked = 0;

  constructor(private readonly options: ProviderSimulatorOptions) {}

  /** Shipments walked to a signed receipt since start. */
  get completed(): number {
    return this.walked;
  }

  /** Joins the group and starts walking assignments. */
  async start(): Promise<void> {
    this.handle ??= await this.options.consumer.subscribe({
      groupId: this.options.groupId,
      topics: [publicTopic('logistics', this.options.topicPrefix)],
      fromBeginning: true,
      handle: (message, delivery) => this.onMessage(message, delivery),
    });
  }

  /** Finishes the report in flight (the rest of a walk resumes on the next start) and leaves the group. */
  async stop(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.stop();
  }

  private async onMessage(message: IncomingMessage, delivery: Delivery): Promise<void> {
    let event: unknown;
    try {
      event = message.value === null ? null : JSON.parse(message.value);
    } catch {
      this.log('warn', 'ignoring a message that is not JSON', { offset: message.offset });
      return;
    }
    const { policy } = this.options;
    if (!isAssignmentFor(event, policy.providerId)) return;
    const commands = planWalk(event, policy, (this.options.now ?? (() => new Date()))());
    this.log('info', 'walking shipment', { shipmentId: event.data.shipmentId, reports: commands.length });
    for (const command of commands) {
      await this.pause(this.options.stepDelayMs ?? 0, delivery);
      if (!(await this.send(command, delivery))) return;
    }
    this.walked += 1;
    this.log('info', 'acceptance receipt signed', { shipmentId: event.data.shipmentId });
  }

  /** Sends one command with retries; false when it was refused for good (the walk is abandoned). */
  private async send(command: Parameters<Reporter['report']>[0], delivery: Delivery): Promise<boolean> {
    const maxAttempts = this.options.maxAttempts ?? 20;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.options.reporter.report(command);
      if (outcome.kind === 'done') return true;
      if (outcome.kind === 'skip' || attempt >= maxAttempts) {
        this.log('error', 'report refused; abandoning the walk', {
          commandId: command.id,
          reason: outcome.reason,
        });
        return false;
      }
      this.log('warn', 'report failed; retrying', { commandId: command.id, attempt, reason: outcome.reason });
      await this.pause(retryDelayMs(attempt), delivery);
    }
  }

  private async pause(ms: number, delivery: Delivery): Promise<void> {
    const until = Date.now() + ms;
    for (let left = ms; left > 0; left = until - Date.now()) {
      if (!delivery.isRunning()) throw new StoppingError('stopping');
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, 1_000)));
      await delivery.heartbeat();
    }
    if (!delivery.isRunning()) throw new StoppingError('stopping');
  }

  private log(level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>): void {
    this.options.log?.(level, message, { provider: this.options.policy.providerId, ...details });
  }
}
