import { randomUUID } from 'node:crypto';
import { jsonEvent, type JSONType, NO_STREAM } from '@kurrent/kurrentdb-client';
import { UpcasterRegistry } from '@kamflow/eventsourcing';
import { describeEventStoreContract } from '../../../../test/support/event-store.contract';
import {
  type CommandAccepted,
  COMMAND_CATEGORY,
  commandStreamName,
  createEventStoreDbEventStore,
  type EventStoreDbEventStore,
} from './eventstoredb-event-store';

const url = process.env.EVENTSTORE_URL;

if (url) {
  describeEventStoreContract('EventStoreDB', {
    concurrent: true,
    open: () => createEventStoreDbEventStore({ connectionString: url }),
  });

  describe('the EventStoreDB event store', () => {
    let store: EventStoreDbEventStore;
    beforeAll(async () => {
      const upcasters = new UpcasterRegistry().register('OrderPlaced', 1, (d) => ({
        ...(d as object),
        channel: 'DIRECT',
      }));
      store = await createEventStoreDbEventStore({ connectionString: url, upcasters });
    });
    afterAll(async () => {
      await store.close();
    });

    it('upcasts old event shapes so readers only see the latest', async () => {
      const id = `order-${randomUUID()}`;
      await store.appendToStream(id, [{ type: 'OrderPlaced', data: { id }, schemaVersion: 1 }], {
        expectedRevision: 'no_stream',
      });
      const { events } = await store.readStream(id);
      expect(events[0]).toMatchObject({ schemaVersion: 2, data: { id, channel: 'DIRECT' } });
    });

    it('finishes a command whose writer died after recording it and before appending its events', async () => {
      const commandId = `cmd-${randomUUID()}`;
      const streamId = `order-${randomUUID()}`;
      const accepted: CommandAccepted = {
        commandId,
        commandType: 'PlaceOrder',
        streamId,
        result: { placed: true },
        expectedRevision: -1,
        events: [
          {
            eventId: randomUUID(),
            type: 'OrderPlaced',
            schemaVersion: 2,
            data: { id: streamId },
            metadata: { commandId },
            occurredAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      };
      await store.client.appendToStream(
        commandStreamName(commandId),
        jsonEvent({ type: 'CommandAccepted', data: accepted as unknown as JSONType }),
        { streamState: NO_STREAM },
      );

      const record = await store.findCommand(commandId);
      const again = await store.findCommand(commandId);

      const { events, revision } = await store.readStream(streamId);
      expect(events.map((e) => e.eventId)).toEqual([accepted.events[0].eventId]);
      expect(record).toMatchObject({ commandId, streamId, revision: 0, result: { placed: true } });
      expect(record?.globalPosition).toBe(events[0].globalPosition);
      expect(again).toEqual(record);
      expect(revision).toBe(0);
    });

    it('hides command records and system events from the global log', async () => {
      const head = await store.headPosition();
      const id = `order-${randomUUID()}`;
      await store.appendToStream(id, [{ type: 'OrderPlaced', data: { id } }], {
        expectedRevision: 'no_stream',
        command: { commandId: `cmd-${randomUUID()}`, commandType: 'PlaceOrder' },
      });
      const after = await store.readAll({ after: head });
      expect(after.filter((e) => e.streamId === id)).toHaveLength(1);
      expect(
        after.filter((e) => e.streamId.startsWith('$') || e.streamId.startsWith(`${COMMAND_CATEGORY}-`)),
      ).toEqual([]);
    });
  });
} else {
  describe('the EventStoreDB event store', () => {
    it('runs its contract only against a real EventStoreDB named by EVENTSTORE_URL', () => {
      process.stdout.write(
        'EventStoreDB contract not run: EVENTSTORE_URL is not set (e.g. EVENTSTORE_URL=kurrentdb://127.0.0.1:2113?tls=false)\n',
      );
      expect(process.env.EVENTSTORE_URL).toBeUndefined();
    });
  });
}
