import { createHash } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';

/**
 * The advisory lock key of a relay checkpoint name: the first 63 bits of SHA-256 of `kamflow.relay:<name>`,
 * as a decimal string (a positive `bigint`). In `pg_locks` it shows as `classid` = the high 32 bits,
 * `objid` = the low 32 bits, `objsubid` = 1.
 */
export function relayLockKey(name: string): string {
  const digest = createHash('sha256').update(`kamflow.relay:${name}`).digest();
  return (digest.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn).toString();
}

/**
 * A session advisory lock held on one dedicated pool connection. The connection is taken from the pool
 * directly rather than through `SqlDatabase.withConnection`, because a connection that is checked out
 * and dies (server restart, `pg_terminate_backend`, network) reports it as an `error` event on the client,
 * which needs a listener: here it marks the lock lost instead of failing the process.
 */
export class RelayLock {
  private lostReason?: string;
  private released = false;

  private constructor(
    private readonly client: PoolClient,
    private readonly key: string,
    private readonly listener: (error: Error) => void,
    private readonly onLost: (reason: string) => void,
  ) {}

  /**
   * Takes a connection and tries the lock once (`pg_try_advisory_lock`); undefined when another session
   * holds it (the connection then goes back to the pool). `onLost` is called at most once, when the
   * connection fails while the lock is held.
   */
  static async tryAcquire(
    pool: Pool,
    key: string,
    onLost: (reason: string) => void,
  ): Promise<RelayLock | undefined> {
    const client = await pool.connect();
    const held: { lock?: RelayLock } = {};
    const listener = (error: Error) => held.lock?.lose(`lock connection failed: ${error.message}`);
    client.on('error', listener);
    try {
      const rows = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [key],
      );
      if (rows.rows[0]?.locked !== true) {
        client.removeListener('error', listener);
        client.release();
        return undefined;
      }
    } catch (error) {
      client.removeListener('error', listener);
      client.release(error as Error);
      throw error;
    }
    held.lock = new RelayLock(client, key, listener, onLost);
    return held.lock;
  }

  /** Why the lock was lost; undefined while it is held (or was released on purpose). */
  get lost(): string | undefined {
    return this.lostReason;
  }

  /** Fails unless the lock's connection answers `SELECT 1` within `timeoutMs` (marking the lock lost). */
  async check(timeoutMs: number): Promise<void> {
    if (this.lostReason) throw new LeadershipLostError(this.lostReason);
    if (this.released) throw new LeadershipLostError('lock released');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.client.query('SELECT 1'),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`lock connection did not answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      const reason = this.lostReason ?? `lock connection failed: ${(error as Error).message}`;
      this.lose(reason);
      throw new LeadershipLostError(reason);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Unlocks and returns the connection to the pool; closes it instead when that fails (ending the session frees the lock). */
  async release(): Promise<void> {
    if (this.released) return; // never held, or already closed by lose()
    this.released = true;
    try {
      await this.client.query('SELECT pg_advisory_unlock($1::bigint)', [this.key]);
      this.client.removeListener('error', this.listener);
      this.client.release();
    } catch (error) {
      this.discard(error as Error);
    }
  }

  /** Marks the lock lost and closes its connection: the server frees the lock when the session ends. */
  private lose(reason: string): void {
    if (this.lostReason) return;
    this.lostReason = reason;
    if (!this.released) {
      this.released = true;
      this.discard(new Error(reason));
    }
    this.onLost(reason);
  }

  /** Closes the connection instead of returning it to the pool. */
  private discard(error: Error): void {
    this.client.removeListener('error', this.listener);
    this.client.on('error', () => undefined); // a closing socket may still report
    this.client.release(error);
  }
}

/** Thrown by a relay that is no longer (or not yet) the leader when it was about to publish. */
export class LeadershipLostError extends Error {
  constructor(reason: string) {
    super(`not the relay leader: ${reason}`);
    this.name = 'LeadershipLostError';
  }
}
