import { Client } from 'pg';
import { baseDatabaseUrl } from '../support/postgres';

/** Integration and end-to-end tests need a reachable PostgreSQL; say so plainly when it is not. */
export default async function globalSetup(): Promise<void> {
  const client = new Client({ connectionString: baseDatabaseUrl(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${baseDatabaseUrl()} (${(error as Error).message}). ` +
        'Set DATABASE_URL or start the local server.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
