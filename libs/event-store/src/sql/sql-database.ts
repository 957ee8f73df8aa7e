/** The minimal SQL surface the stores and read models need; one implementation for `pg`, one for PGlite. */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` with one dedicated connection (outside any transaction). `fn` may report the connection
   * as unusable (e.g. a session lock may be held) by throwing an error with `discardConnection = true`.
   */
  withConnection<T>(fn: (conn: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Marks an error after which the connection must not return to the pool. */
export function discardConnection<E extends Error>(error: E): E {
  (error as E & { discardConnection?: boolean }).discardConnection = true;
  return error;
}

export function shouldDiscard(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { discardConnection?: boolean }).discardConnection === true;
}

/** Normalises int8 values, which drivers return as string, bigint or number. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new Error(`Not a number: ${String(value)}`);
}

/** Normalises timestamps, which drivers return as Date or string. */
export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new Error(`Not a timestamp: ${String(value)}`);
}
