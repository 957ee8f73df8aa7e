import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { DomainError } from '@kamflow/eventsourcing';
import { BadInputException, PROBLEM_TYPE_BASE, type ProblemDetails, STATUS_BY_KIND } from './problem';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function slug(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** Answers every error as `application/problem+json` (RFC 9457) with a stable `code`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request>();
    const problem = problemOf(exception);
    problem.instance = request.originalUrl;
    if (problem.status >= 500) {
      this.logger.error({ err: exception, path: request.originalUrl }, 'request failed');
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

/**
 * The problem details the API answers for an error (without `instance`): domain errors by kind, bad
 * input with its fields, other HTTP errors by status, anything else 500. Edges other than HTTP
 * (partner command results) answer the same body.
 */
export function problemOf(exception: unknown): ProblemDetails {
  if (exception instanceof DomainError) {
    const status = STATUS_BY_KIND[exception.kind];
    return {
      type: PROBLEM_TYPE_BASE + slug(exception.code),
      title: TITLES[status] ?? 'Error',
      status,
      detail: exception.message,
      code: exception.code,
      ...(typeof exception.details?.field === 'string'
        ? { errors: [{ field: exception.details.field, message: exception.message }] }
        : {}),
      ...(exception.details ? { details: exception.details } : {}),
    };
  }
  if (exception instanceof BadInputException) {
    return {
      type: PROBLEM_TYPE_BASE + slug(exception.code),
      title: TITLES[400],
      status: 400,
      detail: (exception.getResponse() as { message: string }).message,
      code: exception.code,
      errors: exception.errors,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message =
      typeof body === 'string' ? body : ((body as { message?: string | string[] }).message ?? exception.message);
    const code = status === 401 ? 'AUTH.UNAUTHENTICATED' : status === 403 ? 'AUTH.FORBIDDEN' : `HTTP.${status}`;
    if (status === 400 && exception.constructor.name === 'BadRequestException') {
      // Malformed JSON and similar body-parser failures.
      return {
        type: PROBLEM_TYPE_BASE + 'request-malformed',
        title: TITLES[400],
        status,
        detail: Array.isArray(message) ? message.join('; ') : message,
        code: 'REQUEST.MALFORMED',
        errors: [{ field: 'body', message: Array.isArray(message) ? message.join('; ') : message }],
      };
    }
    return {
      type: PROBLEM_TYPE_BASE + slug(code),
      title: TITLES[status] ?? 'Error',
      status,
      detail: Array.isArray(message) ? message.join('; ') : message,
      code,
    };
  }
  const status = (exception as { status?: number; statusCode?: number })?.status;
  if (status === 400 || status === 413 || status === 415) {
    // Errors from the body parser before any handler ran.
    const detail = (exception as Error).message;
    return {
      type: PROBLEM_TYPE_BASE + 'request-malformed',
      title: TITLES[status],
      status,
      detail,
      code: 'REQUEST.MALFORMED',
      errors: [{ field: 'body', message: detail }],
    };
  }
  return {
    type: PROBLEM_TYPE_BASE + 'internal',
    title: TITLES[HttpStatus.INTERNAL_SERVER_ERROR],
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'An unexpected error occurred; it has been logged.',
    code: 'INTERNAL',
  };
}
