import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { PgDatabase } from '@kamflow/event-store';
import { dlqTopic, eventsTopic, KafkaMessaging } from '@kamflow/messaging';
import { ConfigError, loadConfig } from '../config/app-config';
import { type ManagementServer, startManagementServer } from '../metrics/management-server';
import {
  PUBLIC_EVENT_PUBLISHER_GROUP,
  PublicEventPublisher,
  PUBLISHING_CONTEXTS,
  publicTopicSpecs,
} from './public-event-publisher';

/** What {@link runPublicEventPublisher} needs. */
export interface PublicEventPublisherSettings {
  /** PostgreSQL for the idempotency guard (the service's own database or schema). */
  databaseUrl: string;
  kafkaBrokers: readonly string[];
  topicPrefix?: string;
  /** Partitions and replication factor of topics the publisher creates; default 3 and 1. */
  partitions?: number;
  replicationFactor?: number;
  /** Port of /health and /ready; 0 picks a free one, undefined serves none. */
  port?: number;
  host?: string;
  /** Port of the management listener (/metrics); 0 picks a free one, undefined serves none. */
  managementPort?: number;
  /** Default `127.0.0.1`. */
  managementHost?: string;
  clientId?: string;
  log?: (level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) => void;
}

/** A running publisher. */
export interface RunningPublicEventPublisher {
  publisher: PublicEventPublisher;
  /** The port /health and /ready answer on, when served. */
  port?: number;
  /** The port /metrics answers on, when served. */
  managementPort?: number;
  /** Leaves the group after the event in flight, then closes Kafka, the database and the HTTP servers. */
  stop(): Promise<void>;
}

/**
 * Runs the public-event publisher without Nest: connects PostgreSQL and Kafka, creates the public topics
 * (and the internal ones it reads, if the relay has not yet), joins the group and serves /health (process
 * up) and /ready (group joined) on `port`, and /metrics (Prometheus) on the management listener.
 */
export async function runPublicEventPublisher(
  settings: PublicEventPublisherSettings,
): Promise<RunningPublicEventPublisher> {
  const log = settings.log ?? (() => undefined);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kamflow_public_publisher_' });
  const messaging = new KafkaMessaging({
    brokers: settings.kafkaBrokers,
    clientId: settings.clientId ?? 'kamflow-public-event-publisher',
    partitions: settings.partitions,
    replicationFactor: settings.replicationFactor,
  });
  const db = new PgDatabase({ connectionString: settings.databaseUrl, max: 5 });
  let ready = false;
  let server: Server | undefined;
  let management: ManagementServer | undefined;
  try {
    await messaging.ensureTopics([
      ...publicTopicSpecs(settings.topicPrefix, settings.partitions, settings.replicationFactor),
      ...PUBLISHING_CONTEXTS.map((c) => ({ topic: eventsTopic(c, settings.topicPrefix) })),
      { topic: dlqTopic(PUBLIC_EVENT_PUBLISHER_GROUP, settings.topicPrefix) },
    ]);
    const publisher = new PublicEventPublisher({
      consumer: messaging.consumer(),
      producer: messaging.producer(),
      db,
      topicPrefix: settings.topicPrefix,
      registry,
      log: (level, message, details) => log(level, message, details),
    });
    await publisher.start();
    ready = true;
    if (settings.managementPort !== undefined) {
      management = await startManagementServer({
        port: settings.managementPort,
        host: settings.managementHost ?? '127.0.0.1',
        registry,
        service: 'public-event publisher',
        warn: (message) => log('warn', message),
      });
    }
    if (settings.port !== undefined) {
      server = await serveOperations(settings.port, settings.host ?? '0.0.0.0', () => ready);
    }
    const address = server?.address();
    log('info', 'public-event publisher running', {
      port: typeof address === 'object' ? address?.port : undefined,
      metrics: management ? `${management.url}/metrics` : undefined,
    });
    return {
      publisher,
      port: typeof address === 'object' && address ? address.port : undefined,
      managementPort: management?.port,
      stop: async () => {
        ready = false;
        await publisher.stop();
        await messaging.close();
        await db.close();
        await closeServer(server);
        await management?.close();
      },
    };
  } catch (error) {
    await messaging.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await closeServer(server);
    await management?.close();
    throw error;
  }
}

function closeServer(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!server?.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function serveOperations(port: number, host: string, isReady: () => boolean): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0].replace(/^\/api\/v1/, '');
    const json = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    if (path === '/health') return json(200, { status: 'ok' });
    if (path === '/ready')
      return isReady() ? json(200, { status: 'ready' }) : json(503, { status: 'starting' });
    // /metrics included: it is served on the management listener only.
    json(
      404,
      {
        type: 'https://kamflow.dev/problems/http-404',
        title: 'Not Found',
        status: 404,
        detail: `Cannot ${req.method} ${path}`,
        code: 'HTTP.404',
      },
      'application/problem+json',
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * Reads the publisher's settings from the environment: `DATABASE_URL` and `KAFKA_BROKERS` (required),
 * `PORT` (default 3200), `MANAGEMENT_PORT` (default 9464) and `MANAGEMENT_HOST` (default 127.0.0.1),
 * `KAFKA_TOPIC_PREFIX`, `KAFKA_PARTITIONS`, `KAFKA_REPLICATION_FACTOR`.
 */
export function publisherSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PublicEventPublisherSettings {
  const config = loadConfig({ ...env, PORT: env.PORT ?? '3200' });
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL', 'is required by the public-event publisher');
  if (config.kafkaBrokers.length === 0)
    throw new ConfigError('KAFKA_BROKERS', 'is required by the public-event publisher');
  return {
    databaseUrl: config.databaseUrl,
    kafkaBrokers: config.kafkaBrokers,
    topicPrefix: env.KAFKA_TOPIC_PREFIX?.trim() || undefined,
    partitions: positive(env, 'KAFKA_PARTITIONS'),
    replicationFactor: positive(env, 'KAFKA_REPLICATION_FACTOR'),
    port: config.port,
    host: config.host,
    managementPort: config.managementPort,
    managementHost: config.managementHost,
  };
}

function positive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^[1-9]\d*$/.test(raw)) throw new ConfigError(name, `must be a positive whole number, got "${raw}"`);
  return Number(raw);
}
