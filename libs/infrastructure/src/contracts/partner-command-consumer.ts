import { HttpException } from '@nestjs/common';
import { type Registry } from 'prom-client';
import { type CommandResult, DomainError, WrongExpectedRevisionError } from '@kamflow/eventsourcing';
import { type SqlDatabase } from '@kamflow/event-store';
import {
  dlqTopic,
  type IncomingMessage,
  type MessageConsumer,
  type MessageHeaders,
  type MessageProducer,
  ReliableConsumer,
  type RetryPolicy,
  type TopicSpec,
} from '@kamflow/messaging';
import {
  type PartnerCommandResultV1,
  type PartnerCommandV1,
  partnerCommandResultsTopic,
  partnerCommandsTopic,
  type PublicProblem,
  validatePartnerCommand,
} from '@kamflow/contracts';
import { BadInputException, type FieldError } from '../http/problem';
import { problemOf } from '../http/problem-details.filter';
import { recordDeadLetters } from '../quarantine/dead-letters';

/**
 * Applies one valid partner command as the provider that sent it, through the same code as the
 * equivalent HTTP route. A refusal is thrown as a `DomainError` or an `HttpException`, exactly as the
 * route would throw it; anything else is an infrastructure failure.
 */
export interface PartnerCommandHandler {
  execute(command: PartnerCommandV1): Promise<Pick<CommandResult<unknown>, 'revision' | 'duplicate'>>;
}

/** DI token of the {@link PartnerCommandHandler}. */
export const PARTNER_COMMAND_HANDLER = Symbol('PARTNER_COMMAND_HANDLER');

/** Settings of a {@link PartnerCommandConsumer}. */
export interface PartnerCommandConsumerOptions {
  consumer: MessageConsumer;
  /** Publishes the results and dead letters. */
  producer: MessageProducer;
  /** Holds the consumer's guard (`consumer_processed`). */
  db: SqlDatabase;
  handler: PartnerCommandHandler;
  /** Prefix of the partner topics; default `kamflow`. */
  topicPrefix?: string;
  retry?: Partial<RetryPolicy>;
  registry?: Registry;
  log?: (level: 'warn' | 'error', message: string, details: Record<string, unknown>) => void;
}

/**
 * Consumes `kamflow.partner.commands.v1` and answers every message on
 * `kamflow.partner.command-results.v1`, keyed by the subject: ACCEPTED, or REJECTED with the
 * problem+json body the HTTP API answers for the same request (an invalid message, an unknown provider,
 * another provider's shipment or invoice, a domain rule).
 *
 * Built on {@link ReliableConsumer} with the effect outside its transaction: the command's own id makes
 * it idempotent (a repeat of an applied command changes nothing and is ACCEPTED again with
 * `duplicate: true`), and the guard, keyed by the message's partition and offset, keeps a redelivered
 * message from being answered twice. Only
 * infrastructure failures (the database, the broker, a context service that does not answer) are
 * retried; after the last attempt, and for a value that is not JSON, the message is dead-lettered.
 */
export class PartnerCommandConsumer {
  private readonly consumer: ReliableConsumer<unknown>;
  private readonly prefix?: string;
  readonly resultsTopic: string;

  constructor(private readonly options: PartnerCommandConsumerOptions) {
    this.prefix = options.topicPrefix;
    this.resultsTopic = partnerCommandResultsTopic(this.prefix);
    this.consumer = new ReliableConsumer<unknown>({
      groupId: `${this.prefix ?? 'kamflow'}.partner-commands`,
      topics: [partnerCommandsTopic(this.prefix)],
      dlqTopic: dlqTopic('partner-commands', this.prefix),
      consumer: options.consumer,
      producer: options.producer,
      db: options.db,
      fromBeginning: true,
      effectOutsideTransaction: true,
      messageId: (m) => `${m.topic}/${m.partition}/${m.offset}`,
      retry: options.retry,
      registry: options.registry,
      log: options.log,
      onDeadLettered: recordDeadLetters(options.db),
      handle: async ({ message, value }) => {
        const result = await this.resultOf(value, message);
        await options.producer.send(this.resultsTopic, [
          { key: result.subject ?? message.key, value: result, headers: resultHeaders(result) },
        ]);
      },
    });
  }

  /** The dead-letter topic of the consumer's group. */
  get deadLetterTopic(): string {
    return this.consumer.deadLetterTopic;
  }

  /** The topics the consumer reads and writes, to create before it starts. */
  topicSpecs(): TopicSpec[] {
    return [
      { topic: partnerCommandsTopic(this.prefix) },
      { topic: this.resultsTopic },
      { topic: this.deadLetterTopic },
    ];
  }

  /** Joins the group (creates the guard table on first start). */
  async start(): Promise<void> {
    await this.consumer.start();
  }

  /** Finishes the command in flight and leaves the group. */
  async stop(): Promise<void> {
    await this.consumer.stop();
  }

  /** The result of one message's value; throws only for infrastructure failures. */
  async resultOf(value: unknown, message?: IncomingMessage): Promise<PartnerCommandResultV1> {
    const text = (field: string) => {
      const v = (value as Record<string, unknown> | null)?.[field];
      return typeof v === 'string' && v !== '' ? v : null;
    };
    const base = {
      type: 'PartnerCommandResult' as const,
      version: 1 as const,
      commandId: text('id') ?? message?.headers.commandId ?? null,
      commandType: text('type'),
      partner: text('partner'),
      subject: text('subject'),
    };
    const processedAt = () => new Date().toISOString();
    const problems = validatePartnerCommand(value);
    if (problems.length > 0) {
      const error = new BadInputException(problems.map(fieldError), 'REQUEST.VALIDATION_FAILED');
      return { ...base, outcome: 'REJECTED', processedAt: processedAt(), problem: publicProblem(error) };
    }
    try {
      const { revision, duplicate } = await this.options.handler.execute(value as PartnerCommandV1);
      return { ...base, outcome: 'ACCEPTED', processedAt: processedAt(), revision, duplicate };
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return { ...base, outcome: 'REJECTED', processedAt: processedAt(), problem: publicProblem(error) };
    }
  }
}

/** A refusal the sender must fix, as opposed to a failure that may pass (retried). */
function isRefusal(error: unknown): boolean {
  if (error instanceof WrongExpectedRevisionError) return false;
  if (error instanceof DomainError) return error.kind !== 'unavailable' && error.kind !== 'timeout';
  return error instanceof HttpException && error.getStatus() < 500;
}

function publicProblem(error: unknown): PublicProblem {
  const { type, title, status, detail, code, errors, details } = problemOf(error);
  return {
    type,
    title,
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
    ...(details ? { details: details as Record<string, unknown> } : {}),
  };
}

/** `$.data.units[0].defect: is required` → field `data.units[0].defect`. */
function fieldError(problem: string): FieldError {
  const at = problem.indexOf(': ');
  const path = problem.slice(0, at).replace(/^\$\.?/, '');
  return { field: path || 'body', message: problem.slice(at + 2) };
}

function resultHeaders(result: PartnerCommandResultV1): MessageHeaders {
  return {
    type: result.type,
    outcome: result.outcome,
    ...(result.commandId ? { commandId: result.commandId } : {}),
    ...(result.partner ? { partner: result.partner } : {}),
    'content-type': 'application/json',
  };
}
