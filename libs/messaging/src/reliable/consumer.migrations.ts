import { type Migration } from '@kamflow/event-store';

/**
 * The idempotency guard of {@link ReliableConsumer}: one row per (group, message id), written in the
 * handler's transaction. `outcome` says whether the effect was applied or the message dead-lettered.
 */
export const CONSUMER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'processed messages per consumer group',
    sql: `
CREATE TABLE consumer_processed (
  group_id text NOT NULL,
  message_id text NOT NULL,
  topic text NOT NULL,
  partition integer NOT NULL,
  "offset" bigint NOT NULL,
  outcome text NOT NULL DEFAULT 'handled',
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, message_id)
);
CREATE INDEX consumer_processed_age ON consumer_processed (processed_at);
`,
  },
];
