import { type Migration } from '@kamflow/event-store';

/** Events a projection or process could not apply, parked for an operator to retry or skip. */
export const QUARANTINE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'quarantined events',
    sql: `
CREATE TABLE quarantined_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  component text NOT NULL,
  event_id text NOT NULL,
  global_position bigint NOT NULL,
  stream_id text NOT NULL,
  event_type text NOT NULL,
  error_message text NOT NULL,
  attempts integer NOT NULL DEFAULT 1,
  first_failed_at timestamptz NOT NULL DEFAULT now(),
  last_failed_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'QUARANTINED' CHECK (status IN ('QUARANTINED', 'RETRIED', 'SKIPPED')),
  skip_reason text,
  resolved_by text,
  resolved_at timestamptz,
  UNIQUE (component, event_id)
);
CREATE INDEX quarantined_events_open ON quarantined_events (component) WHERE status = 'QUARANTINED';
`,
  },
];
