import { Pool, type PoolConfig } from 'pg';
import { shouldDiscard, type SqlDatabase, type SqlExecutor } from './sql-database';

/** A pooled PostgreSQL connection (`pg`). */
export class PgDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  readonly pool: Pool;

  constructor(config: PoolConfig) {
    this.pool = new Pool({ max: 20, ...config });
    // An idle client that errors (server restart) must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async query<R>(text: string, params?: readonly unknown[]): Promise<R[]> {
    const result = await this.pool.query(text, params as unknown[]);
    return result.rows as R[];
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
    const client = await this.pool.connect();
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
    await this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
