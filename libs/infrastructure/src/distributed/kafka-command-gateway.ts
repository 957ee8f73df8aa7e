import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type Command, type CommandResult, DomainError } from '@kamflow/eventsourcing';
import {
  commandsTopic,
  type ConsumerHandle,
  type IncomingMessage,
  type MessageConsumer,
  type MessageHeaders,
  type MessageProducer,
} from '@kamflow/messaging';
import { CommandGateway } from '../commands/command-gateway';
import { type CommandRouter, type ExecuteOptions } from '../commands/command-router';
import { COMMAND_HEADERS, type CommandMessage, type CommandReply, replyError, repliesTopic } from './command-messages';

export interface KafkaCommandGatewayOptions {
  router: CommandRouter;
  producer: MessageProducer;
  consumer: MessageConsumer;
  /** Contexts executed in this process (their commands never leave it). */
  localContexts: readonly string[];
  instanceId: string;
  topicPrefix: string;
  /** How long `execute` waits for the reply before failing with `COMMAND.TIMEOUT` (504). */
  timeoutMs: number;
}

interface Pending {
  resolve(result: CommandResult<unknown>): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

/**
 * The distributed {@link CommandGateway}. The routing table is the local {@link CommandRouter}'s: every
 * context module is loaded for its routes, so `route.context` names the owning context and `route.streamId`
 * the message key (one aggregate's commands stay in order on one partition). Commands of local contexts
 * run here; the others are published to `kamflow.<context>.commands` with headers `requestId`, `commandId`,
 * `correlationId` and `replyTo` = this instance's reply topic, and `execute` waits for the reply.
 */
export class KafkaCommandGateway extends CommandGateway {
  private readonly logger = new Logger('command-gateway');
  private readonly pending = new Map<string, Pending>();
  private handle?: ConsumerHandle;
  readonly replyTopic: string;

  constructor(private readonly options: KafkaCommandGatewayOptions) {
    super();
    this.replyTopic = repliesTopic(options.instanceId, options.topicPrefix);
  }

  /** Starts listening on the reply topic (it must exist). */
  async start(): Promise<void> {
    if (this.handle) return;
    this.handle = await this.options.consumer.subscribe({
      groupId: `${this.options.topicPrefix}.replies.${this.options.instanceId}`,
      topics: [this.replyTopic],
      fromBeginning: true,
      handle: async (message) => this.onReply(message),
    });
  }

  async stop(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.stop();
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new DomainError('COMMAND.UNAVAILABLE', 'The gateway is shutting down', 'unavailable'));
      this.pending.delete(id);
    }
  }

  /** The context that executes a command type, or undefined when no route knows it. */
  contextOf(type: string): string | undefined {
    return this.options.router.routeOf(type)?.context;
  }

  async execute(command: Command, options: ExecuteOptions = {}): Promise<CommandResult<unknown>> {
    const context = this.contextOf(command.type);
    if (context === undefined || this.options.localContexts.includes(context)) {
      return this.options.router.execute(command, options);
    }
    const requestId = randomUUID();
    const answer = new Promise<CommandResult<unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(
          new DomainError(
            'COMMAND.TIMEOUT',
            `${command.type} got no answer from the ${context} service within ${this.options.timeoutMs} ms; ` +
              'it may still be executed: repeat it with the same Idempotency-Key to learn the outcome',
            'timeout',
            { commandType: command.type, context, ...(command.metadata.commandId ? { commandId: command.metadata.commandId } : {}) },
          ),
        );
      }, this.options.timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
    });
    // The reply (or the timeout) may settle `answer` before the send below is acknowledged; a rejection
    // must not count as unhandled in that window (it would end the process). The caller still gets it.
    answer.catch(() => undefined);
    try {
      await this.publish(context, command, options.expectedRevision, { requestId, replyTo: this.replyTopic });
    } catch (error) {
      const p = this.pending.get(requestId);
      if (p) {
        clearTimeout(p.timer);
        this.pending.delete(requestId);
      }
      throw new DomainError('COMMAND.UNAVAILABLE', `Could not send ${command.type}: ${(error as Error).message}`, 'unavailable');
    }
    return answer;
  }

  async dispatch(command: Command): Promise<void> {
    const context = this.contextOf(command.type);
    if (context === undefined || this.options.localContexts.includes(context)) {
      await this.options.router.execute(command);
      return;
    }
    await this.publish(context, command, undefined, { requestId: command.metadata.commandId ?? randomUUID() });
  }

  private async publish(
    context: string,
    command: Command,
    expectedRevision: number | undefined,
    extra: { requestId: string; replyTo?: string },
  ): Promise<void> {
    let key: string | null = null;
    try {
      key = this.options.router.routeOf(command.type)?.streamId(command) ?? null;
    } catch {
      key = null; // malformed data: the owning service answers the domain error
    }
    const headers: MessageHeaders = { [COMMAND_HEADERS.requestId]: extra.requestId, [COMMAND_HEADERS.type]: command.type };
    if (command.metadata.commandId) headers[COMMAND_HEADERS.commandId] = command.metadata.commandId;
    if (command.metadata.correlationId) headers[COMMAND_HEADERS.correlationId] = command.metadata.correlationId;
    if (extra.replyTo) headers[COMMAND_HEADERS.replyTo] = extra.replyTo;
    const value: CommandMessage = { command, ...(expectedRevision !== undefined ? { expectedRevision } : {}) };
    await this.options.producer.send(commandsTopic(context, this.options.topicPrefix), [{ key, value, headers }]);
  }

  private onReply(message: IncomingMessage): void {
    if (message.value === null) return;
    let reply: CommandReply;
    try {
      reply = JSON.parse(message.value) as CommandReply;
    } catch {
      this.logger.warn({ offset: message.offset }, 'unreadable reply ignored');
      return;
    }
    const p = this.pending.get(reply.requestId);
    if (!p) return; // timed out already, or a reply to an earlier process with this instance id
    this.pending.delete(reply.requestId);
    clearTimeout(p.timer);
    if (reply.ok) {
      p.resolve({
        streamId: reply.streamId,
        revision: reply.revision,
        globalPosition: reply.globalPosition,
        duplicate: reply.duplicate,
        result: reply.result,
        events: [],
      });
    } else {
      p.reject(replyError(reply.error));
    }
  }
}
