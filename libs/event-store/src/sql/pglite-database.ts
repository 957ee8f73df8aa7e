import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type SqlDatabase, type SqlExecutor } from './sql-database';

/**
 * PostgreSQL in-process (PGlite), data in a directory, or in memory when `dataDir` is undefined.
 * PGlite has one session: statements and transactions are serialised by PGlite itself.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;

  private constructor(readonly db: PGlite) {}

  static async open(dataDir?: string): Promise<PgliteDatabase> {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const db = dataDir ? new PGlite(dataDir) : new PGlite();
    await db.waitReady;
    return new PgliteDatabase(db);
  }

  async query<R>(text: string, params?: readonly unknown[]): Promise<R[]> {
    const result = await this.db.query<R>(text, params as unknown[]);
    return result.rows;
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      fn({ query: async <R>(text: string, params?: readonly unknown[]) => (await tx.query<R>(text, params as unknown[])).rows }),
    );
  }

  async withConnection<T>(fn: (conn: SqlExecutor) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
