import { type Migration } from '@kamflow/event-store';

export const AUTH_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users and settings',
    sql: `
CREATE TABLE users (
  username text PRIMARY KEY,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  roles text[] NOT NULL,
  provider_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE platform_settings (
  key text PRIMARY KEY,
  value text NOT NULL
);
`,
  },
];
