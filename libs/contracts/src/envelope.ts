import { type RecordedEvent } from '@kamflow/eventsourcing';
import { dateTime, JSON_SCHEMA_DIALECT, type JsonSchema, obj, str } from './json-schema';

/** The prefix of every public topic (tests pass their own to stay apart). */
export const PUBLIC_TOPIC_PREFIX = 'kamflow';

/** Who a public topic is for. */
export type PublicAudience = 'logistics' | 'commerce' | 'finance';

/** Every public audience, in documentation order. */
export const PUBLIC_AUDIENCES: readonly PublicAudience[] = ['logistics', 'commerce', 'finance'];

/** The public topic of an audience: `kamflow.public.<audience>.v1`. */
export function publicTopic(audience: PublicAudience, prefix = PUBLIC_TOPIC_PREFIX): string {
  return `${prefix}.public.${audience}.v1`;
}

/** The topic providers send commands on: `kamflow.partner.commands.v1`. */
export function partnerCommandsTopic(prefix = PUBLIC_TOPIC_PREFIX): string {
  return `${prefix}.partner.commands.v1`;
}

/** The topic kamflow answers partner commands on: `kamflow.partner.command-results.v1`. */
export function partnerCommandResultsTopic(prefix = PUBLIC_TOPIC_PREFIX): string {
  return `${prefix}.partner.command-results.v1`;
}

/** Money on the wire: integer minor units and a currency, never a float. */
export interface PublicMoney {
  amount: number;
  currency: string;
}

/**
 * The envelope of every public integration event. `id` is the id of the internal event it was
 * mapped from, so a consumer dedupes on `(type, id)` however often the event is delivered.
 */
export interface PublicEvent<T extends string = string, D = unknown> {
  /** The source (internal) event id: stable across redeliveries and republishing. */
  id: string;
  /** `<audience>.<name>.v<version>`, e.g. `logistics.shipment-assigned.v1`. */
  type: T;
  /** The major version, also the type's suffix; a breaking change is a new type `...v2`. */
  version: number;
  /** When the business fact happened (ISO 8601). */
  occurredAt: string;
  source: 'kamflow';
  /** The order, shipment or invoice the event is about. */
  subject: string;
  /** The provider the event is addressed to; absent when it is addressed to no one provider. */
  partner?: string;
  data: D;
}

/** The `source` of every public event. */
export const PUBLIC_EVENT_SOURCE = 'kamflow';

/** A public event contract: its type, topic, schemas and the documentation the AsyncAPI file shows. */
export interface PublicEventContract {
  type: string;
  version: number;
  audience: PublicAudience;
  /** One sentence: what happened and who receives it. */
  summary: string;
  /** Whether `partner` is always set (logistics and commerce events are addressed to one provider). */
  addressed: boolean;
  /** The schema of `data`. */
  dataSchema: JsonSchema;
}

/** The JSON Schema of a full public event (envelope + data) of a contract. */
export function eventSchema(contract: PublicEventContract): JsonSchema {
  const envelope = obj(
    {
      id: str('The internal event id it was mapped from; dedupe on (type, id)'),
      type: { type: 'string', const: contract.type },
      version: { type: 'integer', const: contract.version },
      occurredAt: dateTime('When the business fact happened'),
      source: { type: 'string', const: PUBLIC_EVENT_SOURCE },
      subject: str('The order, shipment or invoice id the event is about'),
      partner: str('The provider id the event is addressed to'),
      data: contract.dataSchema,
    },
    contract.addressed ? [] : ['partner'],
    contract.summary,
  );
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `https://kamflow.dev/schemas/${contract.type}.json`,
    title: contract.type,
    ...envelope,
  };
}

/** Builds the envelope of a public event mapped from `source`. */
export function publicEvent<T extends string, D>(
  source: RecordedEvent,
  contract: { type: T; version: number },
  subject: string,
  data: D,
  partner?: string,
): PublicEvent<T, D> {
  return {
    id: source.eventId,
    type: contract.type,
    version: contract.version,
    occurredAt: source.occurredAt,
    source: PUBLIC_EVENT_SOURCE,
    subject,
    ...(partner ? { partner } : {}),
    data,
  };
}

/** Copies money into its public shape (drops anything else an internal value may carry). */
export function toPublicMoney(money: { amount: number; currency: string }): PublicMoney {
  return { amount: money.amount, currency: money.currency };
}

/** A delivery address on the wire. */
export interface PublicAddress {
  region: string;
  city: string;
  address: string;
  contact: string;
  phone: string;
}

/** The schema of {@link PublicAddress}. */
export const ADDRESS_SCHEMA: JsonSchema = obj(
  { region: str(), city: str(), address: str(), contact: str(), phone: str() },
  [],
  'Where the units are delivered and inspected, and whom to call',
);

/** Copies an address into its public shape. */
export function toPublicAddress(a: PublicAddress): PublicAddress {
  return { region: a.region, city: a.city, address: a.address, contact: a.contact, phone: a.phone };
}
