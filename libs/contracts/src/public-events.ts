import { type RecordedEvent } from '@kamflow/eventsourcing';
import {
  type PublicAudience,
  type PublicEvent,
  type PublicEventContract,
  eventSchema,
  publicTopic,
} from './envelope';
import { type JsonSchema, validate } from './json-schema';
import { type LogisticsEventV1, LOGISTICS_CONTRACTS, mapLogistics } from './logistics.contracts';
import { type CommerceEventV1, COMMERCE_CONTRACTS, mapCommerce } from './commerce.contracts';
import { type FinanceEventV1, FINANCE_CONTRACTS, mapFinance } from './finance.contracts';

/** Every public integration event kamflow publishes. */
export type PublicEventV1 = LogisticsEventV1 | CommerceEventV1 | FinanceEventV1;

/** Every public event contract, logistics first. */
export const PUBLIC_EVENT_CONTRACTS: readonly PublicEventContract[] = [
  ...LOGISTICS_CONTRACTS,
  ...COMMERCE_CONTRACTS,
  ...FINANCE_CONTRACTS,
];

const BY_TYPE = new Map(PUBLIC_EVENT_CONTRACTS.map((c) => [c.type, c]));
const SCHEMAS = new Map(PUBLIC_EVENT_CONTRACTS.map((c) => [c.type, eventSchema(c)]));

/**
 * Maps one internal event to the public events it yields: zero (internal-only events), one, or
 * several (an invoice of a commerce account goes to the commerce provider and to finance). Pure: the
 * same internal event always yields the same public events, so republishing is harmless.
 */
export function mapToPublic(event: RecordedEvent): PublicEventV1[] {
  return [...mapLogistics(event), ...mapCommerce(event), ...mapFinance(event)];
}

/** The contract of a public event type; undefined for an unknown type. */
export function publicContract(type: string): PublicEventContract | undefined {
  return BY_TYPE.get(type);
}

/** The full JSON Schema (envelope + data) of a public event type. */
export function publicEventSchema(type: string): JsonSchema | undefined {
  return SCHEMAS.get(type);
}

/** Validates a public event against its type's schema; returns the problems (empty when valid). */
export function validatePublicEvent(event: unknown): string[] {
  const type = (event as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' ? SCHEMAS.get(type) : undefined;
  if (!schema) return [`$.type: unknown public event type ${JSON.stringify(type)}`];
  return validate(schema, event);
}

/** Where a public event is published and with which key. */
export interface PublicRoute {
  audience: PublicAudience;
  topic: string;
  /** The provider id for addressed events (each provider reads its partitions in order), else the subject. */
  key: string;
}

/** The topic and key of a public event. */
export function routeOf(event: PublicEvent, prefix?: string): PublicRoute {
  const contract = BY_TYPE.get(event.type);
  if (!contract) throw new Error(`unknown public event type ${event.type}`);
  return {
    audience: contract.audience,
    topic: publicTopic(contract.audience, prefix),
    key: event.partner ?? event.subject,
  };
}
