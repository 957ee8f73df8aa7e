import { type Command, DomainError, type ErrorKind } from '@kamflow/eventsourcing';
import { DEFAULT_TOPIC_PREFIX } from '@kamflow/messaging';

/** The value of a message on `kamflow.<context>.commands`: the plain command and the caller's If-Match. */
export interface CommandMessage {
  command: Command;
  expectedRevision?: number;
}

/** Headers of a command message (the key is the aggregate's stream id). */
export const COMMAND_HEADERS = {
  /** Matches the reply to the waiting request (a command without an idempotency key has no command id). */
  requestId: 'requestId',
  commandId: 'commandId',
  correlationId: 'correlationId',
  /** The topic to answer on; absent for fire-and-forget commands (process managers). */
  replyTo: 'replyTo',
  type: 'type',
} as const;

/** What a context service answers on the reply topic. */
export type CommandReply =
  | {
      requestId: string;
      commandId?: string;
      ok: true;
      streamId: string;
      revision: number;
      globalPosition: number;
      duplicate: boolean;
      result: unknown;
    }
  | {
      requestId: string;
      commandId?: string;
      ok: false;
      error: { code: string; kind: ErrorKind; message: string; details?: Record<string, unknown> };
    };

/** A gateway instance's reply topic: `kamflow.replies.<instanceId>`. */
export function repliesTopic(instanceId: string, prefix = DEFAULT_TOPIC_PREFIX): string {
  return `${prefix}.replies.${instanceId}`;
}

/** The domain error a failed reply stands for (the problem+json the edge answers depends only on its fields). */
export function replyError(error: Extract<CommandReply, { ok: false }>['error']): DomainError {
  return new DomainError(error.code, error.message, error.kind, error.details);
}
