import { type RecordedEvent } from '@kamflow/eventsourcing';
import { type ScenarioEvent } from './desk-scenario';

/** Gives scenario events positions and stream revisions, as the store would record them. */
export function recordScenario(events: readonly ScenarioEvent[], startAt = 1): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return events.map((e, i) => {
    const revision = (revisions.get(e.streamId) ?? -1) + 1;
    revisions.set(e.streamId, revision);
    return {
      eventId: `00000000-0000-4000-8000-${String(startAt + i).padStart(12, '0')}`,
      type: e.type,
      schemaVersion: 1,
      streamId: e.streamId,
      streamRevision: revision,
      globalPosition: startAt + i,
      occurredAt: e.occurredAt,
      data: e.data,
      metadata: {},
    };
  });
}
