import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { EmbeddedPostgresServer } from '@kamflow/infrastructure';
import { isAlive } from '../libs/infrastructure/src/persistence/embedded-postgres/server-processes';
import { orderBody } from './support/app-harness';
import { buildIfStale, loginAt } from './support/distributed';
import {
  embeddedPostmaster,
  type EmbeddedProcess,
  killEmbeddedProcesses,
  startEmbeddedProcess,
} from './support/embedded-process';

/**
 * `npm start` as a user runs it: the built product as its own process on a private PostgreSQL server in
 * DATA_DIR. It is killed with SIGKILL in the middle of a burst of orders (no shutdown hook runs, its server
 * is left running), then started again on the same directory.
 */
describe('the embedded product killed with SIGKILL mid-burst', () => {
  const dataDir = realpathSync(mkdtempSync(join(tmpdir(), 'kamflow-crash-')));
  let product: EmbeddedProcess | undefined;

  beforeAll(async () => {
    await buildIfStale();
  });
  afterAll(async () => {
    await product?.stop().catch(() => undefined);
    killEmbeddedProcesses();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged order, and the next start stops the server the killed run left behind', async () => {
    product = await startEmbeddedProcess(dataDir);
    const desk = await loginAt(product.baseUrl, 'desk');
    const acknowledged: string[] = [];
    let stopPlacing = false;
    const lanes = Array.from({ length: 4 }, async (_, lane) => {
      for (let i = 0; !stopPlacing; i++) {
        const answer = await desk
          .post('/orders', orderBody({ customerPo: `PO-CRASH-${lane}-${i}` }))
          .catch(() => undefined);
        if (answer?.status === 201) acknowledged.push(answer.body.id as string);
      }
    });
    while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 10));
    const killedRun = embeddedPostmaster(dataDir);
    await product.kill();
    stopPlacing = true;
    await Promise.all(lanes);
    expect(killedRun).toBeDefined();
    // The killed product's server outlives it (a session of its own): the orphan a next start must handle.
    expect(isAlive(killedRun!)).toBe(true);

    product = await startEmbeddedProcess(dataDir);
    expect(isAlive(killedRun!)).toBe(false);
    expect(embeddedPostmaster(dataDir)).not.toBe(killedRun);
    expect(product.output()).toContain(`stopping the PostgreSQL server (pid ${killedRun})`);
    const again = await loginAt(product.baseUrl, 'desk');
    const missing: string[] = [];
    for (const id of acknowledged) {
      const history = await again.get(`/orders/${id}/history`);
      if (history.status !== 200 || history.body.items[0]?.type !== 'OrderPlaced') missing.push(id);
    }
    console.log(
      `crash: ${acknowledged.length} orders acknowledged before SIGKILL, ${missing.length} missing after restart`,
    );
    expect({ acknowledged: acknowledged.length, missing }).toEqual({
      acknowledged: acknowledged.length,
      missing: [],
    });
  });

  it('runs its server durable, on 127.0.0.1 only, with a password', async () => {
    const connection = EmbeddedPostgresServer.runningOn(dataDir);
    expect(connection).toMatchObject({ host: '127.0.0.1', user: 'kamflow', password: expect.any(String) });
    const client = new PgClient(connection);
    await client.connect();
    try {
      const show = async (name: string) => (await client.query(`SHOW ${name}`)).rows[0][name];
      expect(await show('fsync')).toBe('on');
      expect(await show('synchronous_commit')).toBe('on');
      expect(await show('full_page_writes')).toBe('on');
      expect(await show('listen_addresses')).toBe('127.0.0.1');
    } finally {
      await client.end();
    }
    const refused = new PgClient({ ...connection, password: 'wrong' });
    await expect(refused.connect()).rejects.toThrow(/password authentication failed/);
  });

  it('stops its server with itself on SIGTERM', async () => {
    const postmaster = embeddedPostmaster(dataDir);
    expect(postmaster).toBeDefined();
    // Nest re-raises the signal once its shutdown hooks (the pool, then the server) have run.
    expect(await product!.stop()).toBe('SIGTERM');
    product = undefined;
    expect(isAlive(postmaster!)).toBe(false);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });
});
