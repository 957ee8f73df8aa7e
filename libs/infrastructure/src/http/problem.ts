import { HttpException, HttpStatus } from '@nestjs/common';
import { type ErrorKind } from '@kamflow/eventsourcing';

/** One field-level problem: `{ field: "lines[0].quantity", message }`. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details as this API answers them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://kamflow.dev/problems/';

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  precondition: HttpStatus.PRECONDITION_FAILED,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  timeout: HttpStatus.GATEWAY_TIMEOUT,
};

/** A 400 carrying every field problem; thrown by the validation pipe and header parsers. */
export class BadInputException extends HttpException {
  constructor(
    readonly errors: FieldError[],
    readonly code = 'REQUEST.INVALID',
  ) {
    super({ message: errors.map((e) => `${e.field}: ${e.message}`).join('; ') }, HttpStatus.BAD_REQUEST);
  }
}
