/**
 * The kinds of failure the edges map to transport codes:
 * `invalid` 400, `unauthorized` 401, `forbidden` 403, `not-found` 404, `conflict` 409,
 * `precondition` 412, `rule` 422, `unavailable` 503, `timeout` 504.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'precondition'
  | 'rule'
  | 'unavailable'
  | 'timeout';

/** A failure with a stable, documented code such as `ORDER.NOT_CANCELLABLE`. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: ErrorKind = 'rule',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream is not at the revision the writer expected (optimistic concurrency). */
export class WrongExpectedRevisionError extends DomainError {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: number,
  ) {
    super(
      'STREAM.WRONG_EXPECTED_REVISION',
      `Stream ${streamId} is at revision ${actual}, expected ${expected}`,
      'conflict',
      { streamId, expected, actual },
    );
  }
}

/** The caller named a revision (HTTP `If-Match`) that is no longer current. */
export class StaleRevisionError extends DomainError {
  constructor(streamId: string, expected: number, actual: number) {
    super('STREAM.STALE_REVISION', `${streamId} is at revision ${actual}, not ${expected}`, 'precondition', {
      streamId,
      expected,
      actual,
    });
  }
}

/** A command id was reused for a different command. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor(commandId: string) {
    super(
      'COMMAND.IDEMPOTENCY_KEY_REUSED',
      `Idempotency key ${commandId} was already used for a different command`,
      'rule',
      { commandId },
    );
  }
}

/** The aggregate does not exist. */
export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(`${what.toUpperCase()}.NOT_FOUND`, `${what} ${id} was not found`, 'not-found', { id });
  }
}
