import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as bcrypt from 'bcryptjs';
import { migrate, type SqlDatabase } from '@kamflow/event-store';
import { SQL_DATABASE } from '../persistence/tokens';
import { AUTH_MIGRATIONS } from './auth.migrations';

export interface UserRecord {
  username: string;
  displayName: string;
  roles: string[];
  providerId?: string;
}

interface UserRow {
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  provider_id: string | null;
}

const BCRYPT_COST = 10;

/** Local users with bcrypt password hashes. */
@Injectable()
export class UsersService implements OnModuleInit {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async onModuleInit(): Promise<void> {
    await migrate(this.db, AUTH_MIGRATIONS, 'auth');
  }

  /** Creates the user if the username is free; returns whether it was created. */
  async createUser(user: UserRecord & { password: string }): Promise<boolean> {
    const hash = await bcrypt.hash(user.password, BCRYPT_COST);
    const rows = await this.db.query(
      `INSERT INTO users (username, display_name, password_hash, roles, provider_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING username`,
      [user.username, user.displayName, hash, user.roles, user.providerId ?? null],
    );
    return rows.length === 1;
  }

  async count(): Promise<number> {
    const [row] = await this.db.query<{ n: string | number }>('SELECT count(*) AS n FROM users');
    return Number(row.n);
  }

  /** The user of that name, without checking any password; null when there is none. */
  async find(username: string): Promise<UserRecord | null> {
    const [row] = await this.db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
    if (!row) return null;
    return {
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      ...(row.provider_id ? { providerId: row.provider_id } : {}),
    };
  }

  /** The user when the password matches, else null (same timing for unknown users). */
  async verify(username: string, password: string): Promise<UserRecord | null> {
    const [row] = await this.db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
    const hash = row?.password_hash ?? '$2a$10$CwTycUXWue0Thq9StjUM0uJ8Ffb5WZ4x6hZ4f9uS7k1dqE3E6Rj4W';
    const ok = await bcrypt.compare(password, hash);
    if (!row || !ok) return null;
    return {
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      ...(row.provider_id ? { providerId: row.provider_id } : {}),
    };
  }

  /** A signing secret kept in the database, so every instance of a deployment shares it. */
  async signingSecret(): Promise<string> {
    const candidate = randomBytes(48).toString('base64url');
    await this.db.query(
      `INSERT INTO platform_settings (key, value) VALUES ('jwt_secret', $1) ON CONFLICT (key) DO NOTHING`,
      [candidate],
    );
    const [row] = await this.db.query<{ value: string }>(
      `SELECT value FROM platform_settings WHERE key = 'jwt_secret'`,
    );
    return row.value;
  }
}
