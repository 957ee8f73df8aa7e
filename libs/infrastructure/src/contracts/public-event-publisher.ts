import { type Registry } from 'prom-client';
import { type RecordedEvent } from '@kamflow/eventsourcing';
import { type SqlDatabase } from '@kamflow/event-store';
import {
  eventsTopic,
  type MessageConsumer,
  type MessageHeaders,
  type MessageProducer,
  PoisonMessageError,
  ReliableConsumer,
  type RetryPolicy,
  type TopicMessages,
  type TopicSpec,
} from '@kamflow/messaging';
import {
  mapToPublic,
  PUBLIC_AUDIENCES,
  type PublicEvent,
  publicTopic,
  routeOf,
  validatePublicEvent,
} from '@kamflow/contracts';
import { recordDeadLetters } from '../quarantine/dead-letters';

/** The contexts whose internal events can yield public events. */
export const PUBLISHING_CONTEXTS: readonly string[] = [
  'ordering',
  'credit',
  'delivery',
  'acceptance',
  'billing',
  'fulfilment',
];

/** The consumer group of the publisher (one group: every instance shares the partitions). */
export const PUBLIC_EVENT_PUBLISHER_GROUP = 'kamflow-public-event-publisher';

/** Settings of a {@link PublicEventPublisher}. */
export interface PublicEventPublisherOptions {
  consumer: MessageConsumer;
  /** Publishes the public events and dead letters. */
  producer: MessageProducer;
  /** Holds the consumer's idempotency guard (`consumer_processed`). */
  db: SqlDatabase;
  /** Prefix of the internal and public topics; default `kamflow`. */
  topicPrefix?: string;
  groupId?: string;
  /** Internal contexts to read; default {@link PUBLISHING_CONTEXTS}. */
  contexts?: readonly string[];
  retry?: Partial<RetryPolicy>;
  registry?: Registry;
  log?: (level: 'warn' | 'error', message: string, details: Record<string, unknown>) => void;
}

/** An internal event value did not look like a recorded event, or a mapped event broke its contract. */
export class PublicContractError extends PoisonMessageError {
  constructor(message: string) {
    super(message, 'PUBLIC_CONTRACT.INVALID');
    this.name = 'PublicContractError';
  }
}

/**
 * Maps the internal events the relay publishes (`kamflow.<context>.events`) to the public integration
 * events of `@kamflow/contracts` and publishes them (`kamflow.public.<audience>.v1`).
 *
 * Built on {@link ReliableConsumer}: an internal event whose id was already handled is skipped, so a
 * redelivered event is not published again; a crash between the broker's acknowledgement and the guard's
 * commit republishes the same public events with the same ids, which subscribers dedupe on
 * (`type`, `id`). An event whose mapping breaks its JSON Schema is dead-lettered, never published.
 */
export class PublicEventPublisher {
  private readonly consumer: ReliableConsumer<RecordedEvent | null>;
  private readonly prefix?: string;

  constructor(options: PublicEventPublisherOptions) {
    this.prefix = options.topicPrefix;
    const contexts = options.contexts ?? PUBLISHING_CONTEXTS;
    this.consumer = new ReliableConsumer<RecordedEvent | null>({
      groupId: options.groupId ?? PUBLIC_EVENT_PUBLISHER_GROUP,
      topics: contexts.map((c) => eventsTopic(c, options.topicPrefix)),
      consumer: options.consumer,
      producer: options.producer,
      db: options.db,
      fromBeginning: true,
      retry: options.retry,
      registry: options.registry,
      log: options.log,
      onDeadLettered: recordDeadLetters(options.db),
      handle: async ({ value }) => {
        const batches = this.publicMessages(value);
        if (batches.length > 0) await options.producer.sendAll(batches);
      },
    });
  }

  /** The dead-letter topic of the publisher's group. */
  get deadLetterTopic(): string {
    return this.consumer.deadLetterTopic;
  }

  /** Joins the group (creates the guard table on first start). */
  async start(): Promise<void> {
    await this.consumer.start();
  }

  /** Finishes the event in flight and leaves the group. */
  async stop(): Promise<void> {
    await this.consumer.stop();
  }

  /** The public messages of one internal event, grouped by topic; throws for a contract violation. */
  publicMessages(value: RecordedEvent | null): TopicMessages[] {
    if (!isRecordedEvent(value)) throw new PublicContractError('value is not a recorded event envelope');
    const byTopic = new Map<string, TopicMessages['messages'][number][]>();
    for (const event of mapToPublic(value)) {
      const problems = validatePublicEvent(event);
      if (problems.length > 0) {
        throw new PublicContractError(
          `${event.type} mapped from ${value.eventId} breaks its schema: ${problems.join('; ')}`,
        );
      }
      const route = routeOf(event, this.prefix);
      const messages = byTopic.get(route.topic) ?? [];
      messages.push({ key: route.key, value: event, headers: publicHeaders(event, value) });
      byTopic.set(route.topic, messages);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  }
}

function isRecordedEvent(value: unknown): value is RecordedEvent {
  const v = value as Partial<RecordedEvent> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.eventId === 'string' &&
    typeof v.type === 'string' &&
    typeof v.streamId === 'string' &&
    typeof v.occurredAt === 'string' &&
    typeof v.data === 'object' &&
    v.data !== null
  );
}

/** Headers of a public message: ids to dedupe and route on without parsing; the correlation id to trace. */
export function publicHeaders(event: PublicEvent, source: RecordedEvent): MessageHeaders {
  const headers: MessageHeaders = {
    eventId: event.id,
    type: event.type,
    version: String(event.version),
    subject: event.subject,
    'content-type': 'application/json',
  };
  if (event.partner) headers.partner = event.partner;
  const correlationId = source.metadata?.correlationId;
  if (correlationId) headers.correlationId = correlationId;
  return headers;
}

/**
 * The public topics to create: `partitions` each (12 in production, see infra/README.md) and, on a
 * replicated cluster, `min.insync.replicas` 2 so an `acks=all` write survives one broker.
 */
export function publicTopicSpecs(
  prefix?: string,
  partitions?: number,
  replicationFactor?: number,
): TopicSpec[] {
  const config = replicationFactor && replicationFactor >= 3 ? { 'min.insync.replicas': '2' } : undefined;
  return PUBLIC_AUDIENCES.map((audience) => ({
    topic: publicTopic(audience, prefix),
    ...(partitions ? { partitions } : {}),
    ...(replicationFactor ? { replicationFactor } : {}),
    ...(config ? { config } : {}),
  }));
}
