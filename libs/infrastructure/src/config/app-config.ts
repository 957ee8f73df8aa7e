import { hostname } from 'node:os';

/** Typed configuration, read once from the environment and validated at start. */
export interface AppConfig {
  port: number;
  host: string;
  /**
   * The management listener (`MANAGEMENT_PORT`, default 9464; `0` picks a free port): Prometheus
   * `/metrics` and `/health`, never on the public listener. A port that cannot be had logs one warning and
   * the process runs without it.
   */
  managementPort: number;
  /** Where the management listener binds (`MANAGEMENT_HOST`, default `127.0.0.1`: only this host scrapes). */
  managementHost: string;
  /** PostgreSQL server; absent means the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /**
   * The embedded database when `databaseUrl` is absent (`EMBEDDED_ENGINE`): `postgres` (default) starts a
   * private PostgreSQL server on `<dataDir>/pg`; `pglite` runs PGlite in-process in `<dataDir>/pglite`,
   * which is not crash-durable (fsync off): for tests and demos only.
   */
  embeddedEngine: 'postgres' | 'pglite';
  kafkaBrokers: string[];
  eventStoreUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  jwtSecret?: string;
  jwtTtlSeconds: number;
  /** Seed demo users, catalog, accounts and providers (embedded default). */
  demoData: boolean;
  /** Days after delivery before an unsigned acceptance is overdue. */
  acceptanceOverdueDays: number;
  /** How often timers (overdue checks) are evaluated. */
  timerIntervalMs: number;
  mode: 'embedded' | 'postgres';
  /**
   * Distributed mode (`MODE=distributed` or `DISTRIBUTED=true`): contexts run as separate services and
   * talk over Kafka; needs `KAFKA_BROKERS` and `DATABASE_URL`.
   */
  distributed: boolean;
  /** Topic prefix (`KAFKA_TOPIC_PREFIX`, default `kamflow`). */
  kafkaTopicPrefix: string;
  /** How long the gateway waits for a command's reply before answering 504 (`COMMAND_TIMEOUT_MS`). */
  commandTimeoutMs: number;
  /** This process's identity for its reply topic (`INSTANCE_ID`, default host and pid). */
  instanceId: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Prometheus' customary exporter port; each process of a host needs its own when several run there. */
export const DEFAULT_MANAGEMENT_PORT = 9464;

function hostName(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  // An IPv4/IPv6 address or a DNS name; nothing with a scheme, port or path.
  if (!/^([A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*|[0-9A-Fa-f:.]{2,45})$/.test(raw)) {
    throw new ConfigError(name, `must be a host name or an IP address, got "${raw}"`);
  }
  return raw;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL: "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

/** What `@kurrent/kurrentdb-client` parses (`esdb` still works there, with a deprecation warning). */
const EVENTSTORE_PROTOCOLS = ['kurrentdb:', 'kurrentdb+discover:', 'kurrent:', 'kurrent+discover:', 'kdb:', 'kdb+discover:', 'esdb:', 'esdb+discover:'];

/** Reads and validates the configuration; throws {@link ConfigError} naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  for (const b of brokers) {
    if (!/^[\w.-]+:\d{1,5}$/.test(b)) throw new ConfigError('KAFKA_BROKERS', `must be host:port[,host:port], got "${b}"`);
  }
  const jwtSecret = env.JWT_SECRET?.trim() || undefined;
  if (jwtSecret && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  const mode = databaseUrl ? 'postgres' : 'embedded';
  const distributed = distributedFlag(env);
  if (distributed && brokers.length === 0) throw new ConfigError('KAFKA_BROKERS', 'is required in distributed mode');
  if (distributed && !databaseUrl) throw new ConfigError('DATABASE_URL', 'is required in distributed mode');
  const topicPrefix = env.KAFKA_TOPIC_PREFIX?.trim() || 'kamflow';
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(topicPrefix)) {
    throw new ConfigError('KAFKA_TOPIC_PREFIX', `must be letters, digits, ".", "_" or "-", got "${topicPrefix}"`);
  }
  const instanceId = env.INSTANCE_ID?.trim() || `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-');
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(instanceId)) {
    throw new ConfigError('INSTANCE_ID', `must be letters, digits, ".", "_" or "-", got "${instanceId}"`);
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: env.HOST?.trim() || '0.0.0.0',
    managementPort: integer(env, 'MANAGEMENT_PORT', DEFAULT_MANAGEMENT_PORT, 0, 65_535),
    managementHost: hostName(env, 'MANAGEMENT_HOST', '127.0.0.1'),
    databaseUrl,
    dataDir: env.DATA_DIR?.trim() || './data',
    embeddedEngine: embeddedEngine(env),
    kafkaBrokers: brokers,
    eventStoreUrl: url(env, 'EVENTSTORE_URL', EVENTSTORE_PROTOCOLS),
    logLevel,
    jwtSecret,
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    demoData: bool(env, 'DEMO_DATA', mode === 'embedded'),
    acceptanceOverdueDays: integer(env, 'ACCEPTANCE_OVERDUE_DAYS', 3, 1, 365),
    timerIntervalMs: integer(env, 'TIMER_INTERVAL_MS', 60_000, 100, 24 * 3600_000),
    mode,
    distributed,
    kafkaTopicPrefix: topicPrefix,
    commandTimeoutMs: integer(env, 'COMMAND_TIMEOUT_MS', 15_000, 100, 600_000),
    instanceId,
  };
}

function embeddedEngine(env: NodeJS.ProcessEnv): AppConfig['embeddedEngine'] {
  const raw = env.EMBEDDED_ENGINE?.trim().toLowerCase() || 'postgres';
  if (raw !== 'postgres' && raw !== 'pglite') {
    throw new ConfigError('EMBEDDED_ENGINE', `must be postgres or pglite, got "${env.EMBEDDED_ENGINE}"`);
  }
  return raw;
}

/** `MODE=distributed|embedded` or `DISTRIBUTED=true|false` (they must agree when both are set). */
function distributedFlag(env: NodeJS.ProcessEnv): boolean {
  const raw = env.MODE?.trim().toLowerCase();
  let fromMode: boolean | undefined;
  if (raw) {
    if (raw !== 'distributed' && raw !== 'embedded') {
      throw new ConfigError('MODE', `must be embedded or distributed, got "${env.MODE}"`);
    }
    fromMode = raw === 'distributed';
  }
  const fromFlag = env.DISTRIBUTED?.trim() ? bool(env, 'DISTRIBUTED', false) : undefined;
  if (fromMode !== undefined && fromFlag !== undefined && fromMode !== fromFlag) {
    throw new ConfigError('DISTRIBUTED', `contradicts MODE=${env.MODE}`);
  }
  return fromMode ?? fromFlag ?? false;
}

/** DI token for {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');
