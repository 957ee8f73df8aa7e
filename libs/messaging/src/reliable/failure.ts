import { type IncomingMessage } from '../message';

/** Throw from a handler to send the message straight to the dead-letter topic (no retries). */
export class PoisonMessageError extends Error {
  constructor(
    message: string,
    readonly code = 'MESSAGE.POISON',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PoisonMessageError';
  }
}

/** The value was not valid JSON. */
export class MalformedMessageError extends PoisonMessageError {
  constructor(cause: unknown) {
    super(`Message value is not valid JSON: ${(cause as Error).message}`, 'MESSAGE.MALFORMED', { cause });
    this.name = 'MalformedMessageError';
  }
}

/** Whether a failure may pass with time (retry) or never will (dead-letter at once). */
export type FailureClass = 'retry' | 'poison';

/** Domain error kinds that a retry cannot fix (see `ErrorKind` in libs/eventsourcing). */
const PERMANENT_KINDS = new Set(['invalid', 'rule', 'not-found', 'forbidden', 'unauthorized']);

/**
 * The default classification: {@link PoisonMessageError}, a `SyntaxError`, and errors carrying a
 * `kind` of `invalid`, `rule`, `not-found`, `forbidden` or `unauthorized` (domain errors) are poison;
 * everything else (connection loss, timeouts, `conflict` after concurrent writes) is retried.
 */
export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof PoisonMessageError || error instanceof SyntaxError) return 'poison';
  const kind = (error as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && PERMANENT_KINDS.has(kind) ? 'poison' : 'retry';
}

/** Bounded exponential back-off. */
export interface RetryPolicy {
  /** Attempts in total, the first included; default 5. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each time; default 100 ms. */
  initialDelayMs: number;
  /** Upper bound of one delay; default 5 000 ms. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 5_000 };

/** The delay after failed attempt `attempt` (1-based), with ±20 % jitter so members do not retry in step. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** The value of a dead-letter message: the original message untouched, and why it failed. */
export interface DeadLetter {
  original: Pick<
    IncomingMessage,
    'topic' | 'partition' | 'offset' | 'key' | 'value' | 'headers' | 'timestamp'
  >;
  error: {
    message: string;
    name: string;
    code?: string;
    kind?: string;
    stack?: string;
    class: FailureClass;
    attempts: number;
    group: string;
    failedAt: string;
  };
}

/** Builds the dead letter for `message` after `attempts` attempts ended in `error`. */
export function deadLetter(
  message: IncomingMessage,
  error: unknown,
  attempts: number,
  group: string,
): DeadLetter {
  const e = error instanceof Error ? error : new Error(String(error));
  const { code, kind } = e as Error & { code?: unknown; kind?: unknown };
  return {
    original: {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: message.headers,
      timestamp: message.timestamp,
    },
    error: {
      message: e.message,
      name: e.name,
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof kind === 'string' ? { kind } : {}),
      ...(e.stack ? { stack: e.stack } : {}),
      class: classifyFailure(error),
      attempts,
      group,
      failedAt: new Date().toISOString(),
    },
  };
}
