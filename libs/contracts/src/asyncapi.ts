import {
  type PublicAudience,
  PUBLIC_AUDIENCES,
  type PublicEventContract,
  partnerCommandResultsTopic,
  partnerCommandsTopic,
  publicTopic,
} from './envelope';
import { type JsonSchema } from './json-schema';
import { partnerCommandResultSchema } from './partner-command-results';
import { commandSchema, PARTNER_COMMAND_CONTRACTS, type PartnerCommandContract } from './partner-commands';
import { PUBLIC_EVENT_CONTRACTS, publicEventSchema } from './public-events';
import { toYaml } from './yaml';

/** Where docs/asyncapi.yaml lives, relative to the repository root. */
export const ASYNCAPI_PATH = 'docs/asyncapi.yaml';

/** Partitions of each public topic in production (see infra/README.md). */
export const PUBLIC_TOPIC_PARTITIONS = 12;

const KAFKA_BINDING = '0.5.0';

const AUDIENCE_DOCS: Record<PublicAudience, { id: string; title: string; description: string; key: string }> =
  {
    logistics: {
      id: 'publicLogistics',
      title: 'Logistics providers',
      description:
        'Shipments assigned to logistics providers and what happens to them. Every event is addressed to one ' +
        'provider (`partner`) and keyed by the provider id, so a provider reads its partitions in order; ' +
        'consumers filter on `partner` and must ignore events addressed to others. Dedupe on (`type`, `id`).',
      key: 'The provider id (= `partner`)',
    },
    commerce: {
      id: 'publicCommerce',
      title: 'Commerce providers',
      description:
        'Orders and invoices of accounts a commerce provider supplies and collects for. Addressed to one ' +
        'provider (`partner`), keyed by the provider id; consumers filter on `partner`. Dedupe on (`type`, `id`).',
      key: 'The provider id (= `partner`)',
    },
    finance: {
      id: 'publicFinance',
      title: 'Finance',
      description:
        'Invoices, payments, provider fees and credit decisions for finance systems. Keyed by the subject ' +
        '(invoice or order id) so one invoice’s events stay in order. Dedupe on (`type`, `id`).',
      key: 'The subject: invoice id, or order id for fees and credit decisions',
    },
  };

function strip(schema: JsonSchema): JsonSchema {
  // The AsyncAPI default schema format is a superset of JSON Schema draft-07; every keyword the
  // contracts use means the same there, so only the dialect marker is dropped.
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

function kafkaChannel(topic: string, partitions: number): Record<string, unknown> {
  return {
    kafka: {
      topic,
      partitions,
      replicas: 3,
      topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': 604_800_000 },
      bindingVersion: KAFKA_BINDING,
    },
  };
}

function eventMessage(contract: PublicEventContract, keyDescription: string): Record<string, unknown> {
  return {
    name: contract.type,
    title: contract.type,
    summary: contract.summary,
    contentType: 'application/json',
    headers: {
      type: 'object',
      properties: {
        eventId: { type: 'string', description: 'The public event id (= source event id)' },
        type: { type: 'string', const: contract.type },
      },
    },
    payload: strip(publicEventSchema(contract.type)!),
    bindings: {
      kafka: { key: { type: 'string', description: keyDescription }, bindingVersion: KAFKA_BINDING },
    },
  };
}

function commandMessage(contract: PartnerCommandContract): Record<string, unknown> {
  return {
    name: contract.type,
    title: `${contract.type} v${contract.version}`,
    summary: contract.summary,
    description: `Equivalent to \`${contract.route}\` under /api/v1 with the same body as \`data\`.`,
    contentType: 'application/json',
    headers: {
      type: 'object',
      properties: { commandId: { type: 'string', description: 'The command id (= `id`)' } },
    },
    payload: strip(commandSchema(contract)),
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The subject (shipment or invoice id)' },
        bindingVersion: KAFKA_BINDING,
      },
    },
  };
}

function resultMessage(): Record<string, unknown> {
  return {
    name: 'PartnerCommandResult',
    title: 'PartnerCommandResult v1',
    summary: 'What became of one partner command: ACCEPTED, or REJECTED with the HTTP API’s problem.',
    contentType: 'application/json',
    headers: {
      type: 'object',
      properties: {
        commandId: {
          type: 'string',
          description: 'The command id (= `commandId`), when the command had one',
        },
        outcome: { type: 'string', enum: ['ACCEPTED', 'REJECTED'] },
        partner: { type: 'string', description: 'The provider that sent the command, when known' },
      },
    },
    payload: strip(partnerCommandResultSchema()),
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The subject (shipment or invoice id) of the command' },
        bindingVersion: KAFKA_BINDING,
      },
    },
  };
}

/** Builds the AsyncAPI 3.0 document of the public contracts (deterministic, from the contracts' schemas). */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const audience of PUBLIC_AUDIENCES) {
    const docs = AUDIENCE_DOCS[audience];
    const contracts = PUBLIC_EVENT_CONTRACTS.filter((c) => c.audience === audience);
    const topic = publicTopic(audience);
    for (const c of contracts) messages[c.type] = eventMessage(c, docs.key);
    channels[docs.id] = {
      address: topic,
      title: docs.title,
      description: docs.description,
      messages: Object.fromEntries(
        contracts.map((c) => [c.type, { $ref: `#/components/messages/${c.type}` }]),
      ),
      bindings: kafkaChannel(topic, PUBLIC_TOPIC_PARTITIONS),
    };
    operations[`publish${docs.id.slice('public'.length)}Events`] = {
      action: 'send',
      title: `Publish ${audience} events`,
      summary: `kamflow publishes ${audience} integration events; subscribers consume them with their own consumer group.`,
      channel: { $ref: `#/channels/${docs.id}` },
      messages: contracts.map((c) => ({ $ref: `#/channels/${docs.id}/messages/${c.type}` })),
    };
  }
  const commandTopic = partnerCommandsTopic();
  for (const c of PARTNER_COMMAND_CONTRACTS) messages[c.type] = commandMessage(c);
  channels.partnerCommands = {
    address: commandTopic,
    title: 'Partner commands',
    description:
      'Providers that run a Kafka producer report back here instead of over HTTP. A command acts only on ' +
      'the sending provider’s own shipments and invoices; a repeated `id` changes nothing.',
    messages: Object.fromEntries(
      PARTNER_COMMAND_CONTRACTS.map((c) => [c.type, { $ref: `#/components/messages/${c.type}` }]),
    ),
    bindings: kafkaChannel(commandTopic, PUBLIC_TOPIC_PARTITIONS),
  };
  operations.receivePartnerCommands = {
    action: 'receive',
    title: 'Receive partner commands',
    channel: { $ref: '#/channels/partnerCommands' },
    messages: PARTNER_COMMAND_CONTRACTS.map((c) => ({
      $ref: `#/channels/partnerCommands/messages/${c.type}`,
    })),
  };
  const resultTopic = partnerCommandResultsTopic();
  messages.PartnerCommandResult = resultMessage();
  channels.partnerCommandResults = {
    address: resultTopic,
    title: 'Partner command results',
    description:
      'One result per message received on the partner command topic, keyed by its subject: ACCEPTED once ' +
      'applied, or REJECTED with the problem+json body the HTTP API answers for the same request (invalid ' +
      'message, unknown provider, another provider’s shipment or invoice, a domain rule). Providers filter ' +
      'on `partner` and dedupe on `commandId`.',
    messages: { PartnerCommandResult: { $ref: '#/components/messages/PartnerCommandResult' } },
    bindings: kafkaChannel(resultTopic, PUBLIC_TOPIC_PARTITIONS),
  };
  operations.sendPartnerCommandResults = {
    action: 'send',
    title: 'Send partner command results',
    channel: { $ref: '#/channels/partnerCommandResults' },
    messages: [{ $ref: '#/channels/partnerCommandResults/messages/PartnerCommandResult' }],
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'kamflow public integration events',
      version: '1.0.0',
      description:
        'Versioned integration contract for logistics providers, commerce providers and finance. Generated ' +
        'from libs/contracts by `npm run asyncapi`; do not edit by hand. Internal domain events may change; ' +
        'these contracts may not: a breaking change is a new type (`...v2`) on a new topic.',
    },
    defaultContentType: 'application/json',
    servers: {
      production: {
        host: 'kafka-0.kafka:9092',
        protocol: 'kafka',
        description:
          'The production cluster (three KRaft brokers, replication factor 3, min.insync.replicas 2).',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}

/** The AsyncAPI document as the YAML text of docs/asyncapi.yaml. */
export function renderAsyncApi(): string {
  return `# Generated by scripts/generate-asyncapi.ts from libs/contracts: do not edit.\n${toYaml(buildAsyncApiDocument())}`;
}
