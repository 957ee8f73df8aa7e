/**
 * How a failure of a background loop (projection, process manager, consumer) is handled:
 * - `closed`: the pool or database was closed on purpose; the loop ends instead of retrying.
 * - `transient`: the infrastructure failed (connection lost, server shutting down, out of resources,
 *   serialization or deadlock); the loop backs off and retries, never blaming the event.
 * - `data`: the event itself cannot be applied (a constraint or type error in SQL, an exception thrown
 *   by pure code such as `evolve` or a reaction); retrying the same event gives the same result.
 */
export type FailureKind = 'closed' | 'transient' | 'data';

/** SQLSTATE classes caused by the data a statement carries: data exception, integrity, syntax/access. */
const DATA_CLASSES = new Set(['22', '23', '42']);

const CLOSED_MESSAGES = [
  'Cannot use a pool after calling end on the pool',
  'PGlite is closed',
  'Client was closed and is not queryable',
];

const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'connection error',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'socket hang up',
];

const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Error kinds of `DomainError` that pass with time (the edges answer 503/504 or 409 for them). */
const TRANSIENT_DOMAIN_KINDS = new Set(['unavailable', 'timeout', 'conflict']);

/** Whether `error` says the pool or database was closed (by `close()` / `pool.end()`). */
export function isClosedDatabaseError(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && CLOSED_MESSAGES.some((m) => message.includes(m));
}

/** Classifies a failure of applying one event; see {@link FailureKind}. */
export function classifyFailureKind(error: unknown): FailureKind {
  if (isClosedDatabaseError(error)) return 'closed';
  if (typeof error !== 'object' || error === null) return 'data';
  const { code, message, name, kind } = error as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    kind?: unknown;
  };
  if (typeof code === 'string') {
    if (/^[0-9A-Z]{5}$/.test(code)) return DATA_CLASSES.has(code.slice(0, 2)) ? 'data' : 'transient';
    if (TRANSIENT_NODE_CODES.has(code)) return 'transient';
  }
  if (typeof kind === 'string' && TRANSIENT_DOMAIN_KINDS.has(kind)) return 'transient';
  if (typeof name === 'string' && name.startsWith('KafkaJS')) return 'transient';
  if (typeof message === 'string' && TRANSIENT_MESSAGES.some((m) => message.includes(m))) return 'transient';
  return 'data';
}
