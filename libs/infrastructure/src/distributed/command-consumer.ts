import { Logger } from '@nestjs/common';
import { DomainError, WrongExpectedRevisionError } from '@kamflow/eventsourcing';
import {
  commandsTopic,
  type ConsumerHandle,
  type IncomingMessage,
  type MessageConsumer,
  type MessageProducer,
} from '@kamflow/messaging';
import { type CommandRouter } from '../commands/command-router';
import { COMMAND_HEADERS, type CommandMessage, type CommandReply } from './command-messages';

export interface CommandConsumerOptions {
  service: string;
  contexts: readonly string[];
  router: CommandRouter;
  consumer: MessageConsumer;
  producer: MessageProducer;
  topicPrefix: string;
}

/**
 * Executes the commands of a service's contexts from `kamflow.<context>.commands` through its
 * {@link CommandRouter} and answers on the message's `replyTo` topic.
 *
 * A domain refusal is an ANSWER (`ok: false` with code, kind, message, details), not a dead letter: the
 * caller asked and gets the same problem it would get in-process. A fire-and-forget command (no `replyTo`,
 * from a process manager) that is refused is logged. Infrastructure failures (database down, a conflict
 * that outlived its retries on a command without `If-Match`) throw, so the offset is not committed and the
 * command is delivered again; the command log (`commandId`) makes the re-execution idempotent.
 */
export class CommandConsumer {
  private readonly logger = new Logger('commands');
  private handle?: ConsumerHandle;

  constructor(private readonly options: CommandConsumerOptions) {}

  get topics(): string[] {
    return this.options.contexts.map((c) => commandsTopic(c, this.options.topicPrefix));
  }

  async start(): Promise<void> {
    if (this.handle || this.options.contexts.length === 0) return;
    this.handle = await this.options.consumer.subscribe({
      groupId: `${this.options.topicPrefix}.${this.options.service}.command-handler`,
      topics: this.topics,
      fromBeginning: true,
      handle: (message) => this.handleMessage(message),
    });
  }

  async stop(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.stop();
  }

  /** Executes one command message and replies (exposed for tests). */
  async handleMessage(message: IncomingMessage): Promise<void> {
    const requestId = message.headers[COMMAND_HEADERS.requestId] ?? `${message.topic}/${message.partition}/${message.offset}`;
    const replyTo = message.headers[COMMAND_HEADERS.replyTo];
    let body: CommandMessage;
    try {
      body = JSON.parse(message.value ?? 'null') as CommandMessage;
      if (!body?.command?.type || !body.command.metadata) throw new Error('not a command message');
    } catch (error) {
      const refusal = new DomainError('COMMAND.MALFORMED', `Unreadable command message: ${(error as Error).message}`, 'invalid');
      this.logger.error({ topic: message.topic, offset: message.offset }, refusal.message);
      if (replyTo) await this.reply(replyTo, requestId, undefined, refusal);
      return;
    }
    const { command, expectedRevision } = body;
    const commandId = command.metadata.commandId;
    try {
      const result = await this.options.router.execute(command, { expectedRevision });
      if (!replyTo) return;
      await this.send(replyTo, requestId, {
        requestId,
        ...(commandId ? { commandId } : {}),
        ok: true,
        streamId: result.streamId,
        revision: result.revision,
        globalPosition: result.globalPosition,
        duplicate: result.duplicate,
        result: result.result ?? null,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (!replyTo) {
        if (error instanceof WrongExpectedRevisionError) throw error; // transient for a process command
        this.logger.warn({ command: command.type, commandId, code: error.code }, `command refused: ${error.message}`);
        return;
      }
      await this.reply(replyTo, requestId, commandId, error);
    }
  }

  private reply(replyTo: string, requestId: string, commandId: string | undefined, error: DomainError): Promise<void> {
    return this.send(replyTo, requestId, {
      requestId,
      ...(commandId ? { commandId } : {}),
      ok: false,
      error: { code: error.code, kind: error.kind, message: error.message, ...(error.details ? { details: error.details } : {}) },
    });
  }

  private send(topic: string, requestId: string, reply: CommandReply): Promise<void> {
    return this.options.producer.send(topic, [{ key: requestId, value: reply, headers: { requestId } }]);
  }
}
