import { type Migration } from '@kamflow/event-store';

/** The relay's durable checkpoint: the global position up to which the broker acknowledged every event. */
export const RELAY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'relay checkpoints',
    sql: `
CREATE TABLE relay_checkpoints (
  name text PRIMARY KEY,
  position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
];
