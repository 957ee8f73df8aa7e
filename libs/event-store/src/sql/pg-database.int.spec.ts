import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres';
import { PgDatabase } from './pg-database';

describe('a PostgreSQL pool closed while callers wait for a connection', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('kamflow_pg_close');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('fails their queries with the closed-pool error instead of leaving them unanswered', async () => {
    const db = new PgDatabase({ connectionString: database.url, max: 2 });
    await db.query('SELECT 1');
    const queries = [1, 2, 3, 4].map((n) =>
      db.query<{ n: number }>('SELECT $1::int AS n, pg_sleep(0.1)', [n]).then(
        (rows) => `answered ${rows[0].n}`,
        (error: Error) => error.message,
      ),
    );
    const transaction = db
      .transaction((tx) => tx.query('SELECT 1'))
      .then(
        () => 'committed',
        (error: Error) => error.message,
      );
    await db.close();
    const outcomes = await Promise.all([...queries, transaction]);
    // Each one settles: answered on a connection it already had, or told that the pool was closed.
    for (const outcome of outcomes)
      expect(outcome).toMatch(/^(answered \d|committed|Cannot use a pool after calling end on the pool)$/);
    expect(outcomes).toContain('Cannot use a pool after calling end on the pool');
    await expect(db.query('SELECT 1')).rejects.toThrow('Cannot use a pool after calling end on the pool');
    await db.close(); // closing again does nothing
  });
});
