import { EVENT_STORE, type EventStore } from '@kamflow/eventsourcing';
import { type RunningApp, settled } from './app-harness';
import { type HostileRequest, short } from './hostile-requests';
import { type Operation } from './openapi-operations';

/** What the server answered, raw. */
export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  json: any;
}

/** Sends `req` exactly as generated (path already encoded, body text as is). */
export async function send(baseUrl: string, req: HostileRequest, token?: string): Promise<RawAnswer> {
  const response = await fetch(`${baseUrl}/api/v1${req.url}`, {
    method: req.method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...req.headers },
    body: req.body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

/** The request as a line a reader can replay. */
export function describeRequest(req: HostileRequest, who: string): string {
  const url = req.url.length > 160 ? `${req.url.slice(0, 140)}…(${req.url.length} chars)` : req.url;
  const headers = Object.entries(req.headers)
    .map(([k, v]) => `${k}: ${short(v)}`)
    .join('; ');
  return `${who}: ${req.method} /api/v1${url} [${headers}] body ${req.body === undefined ? '-' : short(req.body)} (${req.label})`;
}

/** A field error names `touched` when it is that field, inside it, or the object holding it. */
function namesTouched(field: string, touched: readonly string[]): boolean {
  return touched.some(
    (t) =>
      field === t ||
      field.startsWith(`${t}.`) ||
      field.startsWith(`${t}[`) ||
      t.startsWith(`${field}.`) ||
      t.startsWith(`${field}[`),
  );
}

/**
 * What is wrong with an answer: a 5xx; a 4xx that is not complete problem+json; a validation 400 without
 * field errors, or (when the rest of the request was valid) one that does not name a field it was sent.
 */
export function answerProblems(answer: RawAnswer, req: HostileRequest, fieldsCheckable: boolean): string[] {
  const out: string[] = [];
  if (answer.status >= 500) out.push(`answered ${answer.status}`);
  if (answer.status >= 400) {
    const p = answer.json as Record<string, unknown> | undefined;
    if (!answer.contentType.startsWith('application/problem+json'))
      out.push(`${answer.status} as ${answer.contentType || 'no content type'}`);
    if (!p || typeof p !== 'object') out.push(`${answer.status} body is not a JSON object`);
    else {
      for (const key of ['type', 'title', 'code'])
        if (typeof p[key] !== 'string' || !p[key]) out.push(`${answer.status} problem without ${key}`);
      if (p.status !== answer.status) out.push(`problem status ${String(p.status)} on a ${answer.status}`);
      const errors = p.errors as { field?: unknown }[] | undefined;
      if (errors !== undefined) {
        if (!Array.isArray(errors) || errors.some((e) => typeof e?.field !== 'string' || !e.field))
          out.push('errors[] entry without field');
      }
      if (answer.status === 400 && p.code === 'REQUEST.VALIDATION_FAILED') {
        if (!Array.isArray(errors) || !errors.length) out.push('validation 400 without errors[]');
        else if (
          fieldsCheckable &&
          req.touched.length &&
          !errors.some((e) => namesTouched(String(e.field), req.touched))
        ) {
          out.push(
            `400 names ${errors.map((e) => String(e.field)).join(', ')}, not ${req.touched.join(', ')}`,
          );
        }
      }
    }
  }
  if (out.length) out.push(`answer ${answer.status} ${short(answer.text)}`);
  return out;
}

/** The event log's head, and the product's health after each accepted write. */
export class LogWatch {
  private readonly store: EventStore;
  private poisoned?: string;

  constructor(private readonly product: RunningApp) {
    this.store = product.app.get<EventStore>(EVENT_STORE, { strict: false });
  }

  head(): Promise<number> {
    return this.store.headPosition();
  }

  /**
   * After an accepted write: waits until every background process has handled it and answers what is
   * wrong when one could not (a read model that lags for good, `/ready` not "ready"). Reported once:
   * after the first such write the product stays broken.
   */
  async afterWrite(): Promise<string | undefined> {
    if (this.poisoned) return undefined;
    try {
      await settled(this.product);
    } catch (error) {
      this.poisoned = `after this accepted write the background processes never caught up: ${(error as Error).message}`;
      return this.poisoned;
    }
    const ready = await this.product.anonymous.get('/ready');
    if (ready.status !== 200 || ready.body?.status !== 'ready') {
      this.poisoned = `after this accepted write /ready answers ${ready.status} ${short(JSON.stringify(ready.body))}`;
      return this.poisoned;
    }
    return undefined;
  }
}

/**
 * Everything wrong with the answer to `req` (see {@link answerProblems}); for a command also a refusal
 * that moved the log head from `before`, or an accepted write the product could not digest.
 */
export async function judge(
  watch: LogWatch,
  req: HostileRequest,
  answer: RawAnswer,
  before: number,
  fieldsCheckable: boolean,
): Promise<string[]> {
  const problems = answerProblems(answer, req, fieldsCheckable);
  if (req.method === 'GET') return problems;
  if (answer.status >= 400) {
    const after = await watch.head();
    if (after !== before) problems.unshift(`the log head moved ${before} → ${after} on a ${answer.status}`);
  } else {
    const broken = await watch.afterWrite();
    if (broken) problems.unshift(broken);
  }
  return problems;
}

/** `op` with its path ids filled (`idOf`, else a stand-in) and `body` as JSON. */
export function validRequest(
  op: Operation,
  idOf: (name: string) => string | undefined,
  body: unknown,
  label: string,
  touched: string[] = [],
): HostileRequest {
  return {
    method: op.method,
    url: op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
      encodeURIComponent(idOf(name) ?? 'probe-unknown-id'),
    ),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    touched,
    rawBody: false,
    label,
  };
}

export const DEMO_USERS = [
  'admin',
  'desk',
  'reviewer',
  'analyst',
  'director',
  'manager',
  'finance',
  'logistics',
  'commerce',
] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

/**
 * Which demo users the role guard lets through `op`: each user sends a request with an unknown body or
 * query property and an unknown id; the guard runs before validation, so a refused role answers 403
 * `AUTH.FORBIDDEN` and an allowed one gets past it (400, 404, ...).
 */
export async function probeRoles(baseUrl: string, op: Operation, tokens: Record<DemoUser, string>) {
  const allowed: DemoUser[] = [];
  const refused: DemoUser[] = [];
  let url = op.path.replace(/\{[^}]+\}/g, 'probe-unknown-id');
  if (op.method === 'GET') url += '?probeUnknown=1';
  for (const user of DEMO_USERS) {
    const answer = await send(
      baseUrl,
      {
        method: op.method,
        url,
        headers: op.method === 'GET' ? {} : { 'content-type': 'application/json' },
        body: op.method === 'GET' ? undefined : '{"probeUnknown":1}',
        touched: [],
        rawBody: false,
        label: 'role probe',
      },
      tokens[user],
    );
    if (answer.status === 403 && (answer.json as { code?: string } | undefined)?.code === 'AUTH.FORBIDDEN')
      refused.push(user);
    else allowed.push(user);
  }
  return { allowed, refused };
}
