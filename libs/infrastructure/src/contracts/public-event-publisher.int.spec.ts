import { type RecordedEvent } from '@kamflow/eventsourcing';
import { PgDatabase } from '@kamflow/event-store';
import {
  eventsTopic,
  type IncomingMessage,
  type KafkaMessaging,
  type MessageProducer,
} from '@kamflow/messaging';
import { publicTopic, validatePublicEvent } from '@kamflow/contracts';
import { ENSURE_KAFKA_TIMEOUT_MS } from '../../../../test/support/kafka';
import { readTopics, testMessaging, uniqueSuffix } from '../../../../test/support/messaging';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/postgres';
import { eventHeaders } from '../relay/event-relay';
import { PublicEventPublisher, publicTopicSpecs } from './public-event-publisher';

let messaging: KafkaMessaging;
let testDb: TestDatabase;
let db: PgDatabase;
let producer: MessageProducer;
let publisher: PublicEventPublisher;
const prefix = `it-pub-${uniqueSuffix()}`;
const internalTopic = eventsTopic('delivery', prefix);
const logisticsTopic = publicTopic('logistics', prefix);

const ref = { shipmentId: 'shp-it-1', orderId: 'ord-it-1', providerId: 'lp-sf' };

function shipmentEvent(type: string, revision: number, data: Record<string, unknown>): RecordedEvent {
  return {
    eventId: `evt-${prefix}-${revision}`,
    type,
    schemaVersion: 1,
    streamId: 'shipment-shp-it-1',
    streamRevision: revision,
    globalPosition: revision + 1,
    occurredAt: '2026-12-01T08:00:00.000Z',
    data: { ...ref, ...data },
    metadata: { correlationId: 'corr-it' },
  };
}

const planned = shipmentEvent('ShipmentPlanned', 0, {
  accountId: 'acc-1',
  plannedDate: '2026-12-15',
  deliveryAddress: { region: 'north', city: 'Beijing', address: '1 Main St', contact: 'Li', phone: '123' },
  lines: [{ lineId: 'L1', modelId: 'thinkpad-t14', quantity: 3 }],
  plannedAt: '2026-12-01T08:00:00.000Z',
});
const readyToShip = shipmentEvent('ShipmentReadyToShip', 1, { at: '2026-12-14T08:00:00.000Z' });
const pickedUp = shipmentEvent('ShipmentPickUpNoteIssued', 2, {
  pickUpNoteNo: 'PU-1',
  at: '2026-12-15T08:00:00.000Z',
});

/** Sends internal events the way the relay does: key = stream id, value = envelope, id headers. */
async function relay(events: RecordedEvent[]): Promise<void> {
  await producer.send(
    internalTopic,
    events.map((e) => ({ key: e.streamId, value: e, headers: eventHeaders(e) })),
  );
}

beforeAll(async () => {
  messaging = await testMessaging('kamflow-public-publisher-it');
  testDb = await createTestDatabase('kamflow_public_pub');
  db = new PgDatabase({ connectionString: testDb.url, max: 4 });
  const topics = [
    { topic: internalTopic },
    ...publicTopicSpecs(prefix, 3),
    { topic: `${prefix}.dlq.it-public-publisher` },
  ];
  // A broker ensureKafka() has just started may not serve metadata yet: give topic creation a few tries.
  for (let attempt = 1; ; attempt++) {
    try {
      await messaging.ensureTopics(topics);
      break;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
    }
  }
  producer = messaging.producer();
  publisher = new PublicEventPublisher({
    consumer: messaging.consumer(),
    producer,
    db,
    topicPrefix: prefix,
    groupId: 'it-public-publisher',
    contexts: ['delivery'],
    retry: { maxAttempts: 2, initialDelayMs: 50 },
  });
  await publisher.start();
}, ENSURE_KAFKA_TIMEOUT_MS);

afterAll(async () => {
  await publisher?.stop();
  await messaging?.close();
  await db?.close();
  await testDb?.drop();
});

describe('the public-event publisher on a real broker', () => {
  let received: IncomingMessage[];

  beforeAll(async () => {
    // The relay delivers ShipmentPlanned twice (a crash before its checkpoint), then the shipment moves on.
    await relay([planned, planned, readyToShip, pickedUp]);
    received = await readTopics(messaging, [logisticsTopic], (messages) =>
      messages.some((m) => m.headers.type === 'logistics.pick-up-note-issued.v1'),
    );
  });

  it('publishes logistics.shipment-assigned.v1 once, although the internal event came twice', () => {
    const assigned = received.filter((m) => m.headers.type === 'logistics.shipment-assigned.v1');
    expect(assigned).toHaveLength(1);
    const event = JSON.parse(assigned[0].value!);
    expect(event).toMatchObject({
      id: planned.eventId,
      type: 'logistics.shipment-assigned.v1',
      subject: 'shp-it-1',
      partner: 'lp-sf',
      data: {
        plannedDate: '2026-12-15',
        lines: [{ modelId: 'thinkpad-t14', quantity: 3 }],
        replacementOf: null,
      },
    });
    expect(validatePublicEvent(event)).toEqual([]);
  });

  it('keys it by the provider id, so the provider reads its shipments in order on one partition', () => {
    expect(received.map((m) => m.key)).toEqual(['lp-sf', 'lp-sf']);
    expect(new Set(received.map((m) => m.partition)).size).toBe(1);
    expect(received.map((m) => m.headers.type)).toEqual([
      'logistics.shipment-assigned.v1',
      'logistics.pick-up-note-issued.v1',
    ]);
  });

  it('carries the public event id, partner and correlation id as headers', () => {
    expect(received[0].headers).toMatchObject({
      eventId: planned.eventId,
      partner: 'lp-sf',
      correlationId: 'corr-it',
    });
  });

  it('publishes nothing for internal-only events', () => {
    expect(received.some((m) => JSON.parse(m.value!).id === readyToShip.eventId)).toBe(false);
  });
});
