import { type SqlDatabase } from './sql-database';

/** One versioned schema change. Versions are applied in order, each once. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_LOCK = 7_311_001;

/**
 * Applies pending migrations of one component (`event-store`, `auth`, a read model...) under an advisory lock, so that several processes starting together
 * apply each version exactly once. Returns the versions applied now.
 */
export async function migrate(
  db: SqlDatabase,
  migrations: readonly Migration[],
  component = 'event-store',
): Promise<number[]> {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  return db.withConnection(async (conn) => {
    await conn.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await conn.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        component text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (component, version))`);
      const done = new Set(
        (
          await conn.query<{ version: number }>('SELECT version FROM schema_migrations WHERE component = $1', [component])
        ).map((r) => Number(r.version)),
      );
      const applied: number[] = [];
      for (const m of sorted) {
        if (done.has(m.version)) continue;
        await conn.query('BEGIN');
        try {
          for (const statement of splitStatements(m.sql)) await conn.query(statement);
          await conn.query('INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
            component,
            m.version,
            m.name,
          ]);
          await conn.query('COMMIT');
        } catch (error) {
          await conn.query('ROLLBACK');
          throw new Error(`Migration ${m.version} (${m.name}) failed: ${(error as Error).message}`);
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await conn.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
}

/** Splits a script on `;` at line ends, keeping `$$ ... $$` bodies whole. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    const dollars = (line.match(/\$\$/g) ?? []).length;
    if (dollars % 2 === 1) inDollar = !inDollar;
    current += line + '\n';
    if (!inDollar && line.trimEnd().endsWith(';')) {
      if (current.trim()) out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
