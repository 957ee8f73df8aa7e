import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { shouldDiscard, type SqlDatabase, type SqlExecutor } from './sql-database';

const closedError = () => new Error('Cannot use a pool after calling end on the pool');

/** A pooled PostgreSQL connection (`pg`). */
export class PgDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  readonly pool: Pool;
  /** Callers waiting for a connection: `pool.end()` drops such requests without ever answering them. */
  private readonly waiting = new Set<(error: Error) => void>();

  constructor(config: PoolConfig) {
    this.pool = new Pool({ max: 20, ...config });
    // An idle client that errors (server restart) must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async query<R>(text: string, params?: readonly unknown[]): Promise<R[]> {
    const client = await this.connect();
    try {
      const result = await client.query(text, params as unknown[]);
      client.release();
      return result.rows as R[];
    } catch (error) {
      // As `pool.query` does: a client whose query failed is not reused.
      client.release(error as Error);
      throw error;
    }
  }

  /**
   * A client from the pool. A request still waiting when the pool is closed fails with the pool's
   * "Cannot use a pool after calling end" error, instead of never settling (pg-pool drops it), so a loop
   * waiting on it learns that its database was closed and ends.
   */
  private connect(): Promise<PoolClient> {
    if (this.pool.ending || this.pool.ended) return Promise.reject(closedError());
    return new Promise<PoolClient>((resolve, reject) => {
      let settled = false;
      const abandon = (error: Error) => {
        this.waiting.delete(abandon);
        if (settled) return;
        settled = true;
        reject(error);
      };
      this.waiting.add(abandon);
      this.pool.connect().then(
        (client) => {
          this.waiting.delete(abandon);
          if (settled) client.release();
          else {
            settled = true;
            resolve(client);
          }
        },
        (error: Error) => abandon(error),
      );
    });
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.withConnection(async (conn) => {
      await conn.query('BEGIN');
      try {
        const value = await fn(conn);
        await conn.query('COMMIT');
        return value;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async withConnection<T>(fn: (conn: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.connect();
    // A checked-out client whose connection dies between queries emits 'error'; unheard, that would end
    // the process. Remember it instead: the next query fails and the client is discarded on release.
    let lost: Error | undefined;
    const onError = (error: Error) => (lost = error);
    client.on('error', onError);
    const conn: SqlExecutor = {
      query: async <R>(text: string, params?: readonly unknown[]) => {
        if (lost) throw lost;
        return (await client.query(text, params as unknown[])).rows as R[];
      },
    };
    try {
      const value = await fn(conn);
      client.off('error', onError);
      client.release(lost);
      return value;
    } catch (error) {
      client.off('error', onError);
      client.release(lost ?? (shouldDiscard(error) ? (error as Error) : undefined));
      throw error;
    }
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  /** Ends the pool (requests still waiting for a connection fail); closing it again does nothing. */
  async close(): Promise<void> {
    if (this.pool.ending || this.pool.ended) return;
    const ended = this.pool.end();
    for (const abandon of [...this.waiting]) abandon(closedError());
    await ended;
  }
}
