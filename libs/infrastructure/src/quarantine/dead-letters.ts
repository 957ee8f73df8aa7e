import { type SqlDatabase } from '@kamflow/event-store';
import { type DeadLetter } from '@kamflow/messaging';
import { quarantineStoreFor } from './quarantine-store';

/**
 * A `ReliableConsumer` `onDeadLettered` hook that records each dead letter in `quarantined_events` as
 * component `consumer:<group>` (stream id = `topic/partition`, global position = the offset), so an
 * operator finds consumer dead letters beside the events projections and processes parked, and the
 * `kamflow_quarantined_events` gauge counts them. Retrying is replaying the dead-letter topic; an operator
 * who looked at one can skip it with a reason.
 */
export function recordDeadLetters(db: SqlDatabase): (letter: DeadLetter, messageId: string) => Promise<void> {
  const store = quarantineStoreFor(db);
  return async (letter, messageId) => {
    await store.migrate();
    const { original, error } = letter;
    await store.record(
      db,
      `consumer:${error.group}`,
      {
        eventId: messageId,
        globalPosition: Number(original.offset),
        streamId: `${original.topic}/${original.partition}`,
        type: original.headers.eventType ?? original.headers.type ?? original.topic,
      },
      `${error.code ?? error.name}: ${error.message}`,
      error.attempts,
    );
  };
}
