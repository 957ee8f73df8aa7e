/** The HTTP client for /api/v1: bearer token, problem+json errors, Idempotency-Key and If-Match on commands. */
import { type components } from './api/schema';
import { type LoginAnswer } from './api-types';

export type Money = components['schemas']['Money'];

export type FieldError = components['schemas']['FieldError'];

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface CommandResult {
  id: string;
  revision: number;
}

let token: string | null = null;
let onUnauthorized: () => void = () => undefined;

export function setToken(value: string | null): void {
  token = value;
}

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** A v4 uuid; `crypto.randomUUID` is missing outside secure contexts (plain http on a LAN address). */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError({ status: 0, title: 'Network error', detail: String(error) });
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (!response.ok) {
    const problem: Problem =
      parsed && typeof parsed === 'object'
        ? { ...(parsed as Problem), status: response.status }
        : {
            status: response.status,
            title: response.statusText,
            detail: typeof parsed === 'string' ? parsed : undefined,
          };
    if (response.status === 401 && path !== '/auth/login') onUnauthorized();
    throw new ApiError(problem);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  /** A command: a fresh Idempotency-Key per call and, when known, If-Match with the aggregate's revision. */
  command: <T = CommandResult>(path: string, body: unknown, revision?: number) =>
    request<T>('POST', path, body, {
      'Idempotency-Key': uuid(),
      ...(revision !== undefined ? { 'If-Match': `"${revision}"` } : {}),
    }),
  login: (username: string, password: string) =>
    request<LoginAnswer>('POST', '/auth/login', { username, password }),
};

/** Downloads `path` as CSV (Accept: text/csv, with the bearer token) and saves it under the server's file name. */
export async function downloadCsv(path: string, fallbackName: string): Promise<string> {
  const response = await fetch(`/api/v1${path}`, {
    headers: { accept: 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (!response.ok) {
    if (response.status === 401) onUnauthorized();
    throw new ApiError({ status: response.status, title: response.statusText });
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export * from './api-types';
