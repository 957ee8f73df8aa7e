import { type Server } from 'node:http';
import { type Socket } from 'node:net';
import { type INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { PROBLEM_TYPE_BASE, type ProblemDetails } from './problem';
import { unsafeTextReason } from './text-safety';

/** The largest JSON body a command may carry (a 200-line order is well under 200 kB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The largest request head (request line and headers) Node accepts before answering 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

const JSON_TYPES = ['application/json', 'application/*+json'];
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

function problem(status: number, title: string, code: string, detail: string, field?: string): ProblemDetails {
  return {
    type: PROBLEM_TYPE_BASE + code.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    title,
    status,
    detail,
    code,
    ...(field ? { errors: [{ field, message: detail }] } : {}),
  };
}

function send(res: Response, req: Request, body: ProblemDetails): void {
  res
    .status(body.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...body, instance: req.originalUrl.slice(0, 2048) }));
}

/** What the body parser's error says, as problem details. */
function parserProblem(error: { type: string; message?: string }): ProblemDetails {
  switch (error.type) {
    case 'entity.too.large':
      return problem(413, 'Payload Too Large', 'REQUEST.TOO_LARGE', `the body is larger than ${MAX_BODY_BYTES} bytes`, 'body');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problem(415, 'Unsupported Media Type', 'REQUEST.UNSUPPORTED_ENCODING', error.message ?? 'unsupported encoding', 'body');
    case 'entity.parse.failed':
      return problem(400, 'Bad Request', 'REQUEST.MALFORMED', 'the body is not a JSON object', 'body');
    default:
      return problem(400, 'Bad Request', 'REQUEST.MALFORMED', 'the body could not be read', 'body');
  }
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads request bodies before any route runs, so that no handler sees what is not a JSON object:
 * the path must decode to text without control characters; a body must be JSON (else 415), at most
 * {@link MAX_BODY_BYTES} (else 413) and an object (malformed JSON, `null`, `123`, `[]` → 400). Every answer is
 * problem+json. Call on an application created with `bodyParser: false`, before `listen`.
 */
export function installRequestParsing(app: INestApplication): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return send(res, req, problem(400, 'Bad Request', 'REQUEST.MALFORMED_PATH', 'the path is not valid percent-encoded UTF-8', 'path'));
    }
    const reason = unsafeTextReason(path);
    if (reason) return send(res, req, problem(400, 'Bad Request', 'REQUEST.MALFORMED_PATH', `the path ${reason}`, 'path'));
    if (METHODS_WITH_BODY.has(req.method) && hasBody(req) && !req.is(JSON_TYPES)) {
      return send(
        res,
        req,
        problem(415, 'Unsupported Media Type', 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'the body must be application/json', 'content-type'),
      );
    }
    next();
  });
  app.use(express.json({ limit: MAX_BODY_BYTES, strict: true, type: JSON_TYPES }));
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (error && typeof error === 'object' && 'type' in error && typeof error.type === 'string') {
      return send(res, req, parserProblem(error as { type: string; message?: string }));
    }
    next(error);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (METHODS_WITH_BODY.has(req.method) && hasBody(req)) {
      const body: unknown = req.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        return send(res, req, problem(400, 'Bad Request', 'REQUEST.MALFORMED', 'the body must be a JSON object', 'body'));
      }
    }
    next();
  });
  answerClientErrors(app.getHttpServer() as Server);
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', `the request line and headers exceed ${MAX_HEADER_BYTES} bytes`],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'the request was not received in time'],
};

/**
 * Node answers a request it cannot parse (headers or URL too long, a malformed request line) with an
 * empty body; this answers problem+json instead, then closes the connection.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, title, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request', 'the request could not be parsed'];
    const code = status === 431 ? 'REQUEST.HEADERS_TOO_LARGE' : status === 408 ? 'REQUEST.TIMEOUT' : 'REQUEST.MALFORMED';
    const body = JSON.stringify(problem(status, title, code, detail));
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
}
