import { type Migration } from '@kamflow/event-store';

export const PROCESS_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'checkpoints, dead letters and timers',
    sql: `
CREATE TABLE process_checkpoints (
  name text PRIMARY KEY,
  position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE process_dead_letters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  process text NOT NULL,
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  global_position bigint NOT NULL,
  command jsonb NOT NULL,
  error_code text NOT NULL,
  error_message text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (process, event_id, error_code)
);
CREATE TABLE process_timers (
  timer_id text PRIMARY KEY,
  process text NOT NULL,
  due_at timestamptz NOT NULL,
  command jsonb NOT NULL,
  fired_at timestamptz
);
CREATE INDEX process_timers_due ON process_timers (process, due_at) WHERE fired_at IS NULL;
`,
  },
];
