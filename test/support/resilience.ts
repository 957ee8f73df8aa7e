import { type Client } from './app-harness';

/** An answer of a {@link Client} call. */
type Answer = Omit<Awaited<ReturnType<Client['post']>>, 'body'> & { body: any };

/**
 * POSTs with an `Idempotency-Key` until the answer is `expected`, repeating the same key on a network error or
 * a 5xx (e.g. 504 `COMMAND.TIMEOUT` while the owning service is down: the command may still have run, the
 * same key tells its outcome without running it twice). Any other answer fails at once.
 */
export async function postUntil(
  client: Client,
  path: string,
  body: unknown,
  idempotencyKey: string,
  expected: number,
  timeoutMs = 90_000,
): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const answer = await client.post(path, body, { 'Idempotency-Key': idempotencyKey });
      if (answer.status === expected) return answer;
      last = `${answer.status} ${JSON.stringify(answer.body)}`;
      if (answer.status < 500) throw new Error(`POST ${path}: ${last}`);
    } catch (error) {
      if ((error as Error).message.startsWith(`POST ${path}:`)) throw error;
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`POST ${path}: still ${last} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Polls `GET path` until `check` passes (network errors and 5xx count as "not yet"). */
export async function getWhen<T = any>(
  client: Client,
  path: string,
  check: (body: any) => void,
  timeoutMs = 90_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'no answer';
  for (;;) {
    try {
      const answer = await client.get(path);
      if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      check(answer.body);
      return answer.body as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The p-th percentile (0-100, nearest rank) of the values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
