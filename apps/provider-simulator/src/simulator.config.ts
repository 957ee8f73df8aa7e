/** Settings of the provider simulator, from the environment. */
export interface SimulatorConfig {
  kafkaBrokers: string[];
  topicPrefix: string;
  groupId: string;
  providerId: string;
  /** `http` (default): POST to the API as the provider principal; `kafka`: partner command topic. */
  reportVia: 'http' | 'kafka';
  apiUrl: string;
  username?: string;
  password?: string;
  rejectionRate: number;
  seed: string;
  /** Real time to wait between two reports (0: as fast as the API answers). */
  stepDelayMs: number;
  /** Simulated time between two reports (the `at` of successive statuses). */
  stepSeconds: number;
  /** Attempts per report before the walk of that shipment is abandoned. */
  maxAttempts: number;
}

/** A missing or malformed variable. */
export class SimulatorConfigError extends Error {}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new SimulatorConfigError(`${name} must be a number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/**
 * Reads `KAFKA_BROKERS`, `PROVIDER_ID` (required), `API_URL` (default `http://localhost:3000/api/v1`),
 * `PROVIDER_USERNAME` / `PROVIDER_PASSWORD` (required for HTTP), `SIM_REPORT_VIA` (`http` | `kafka`, or the
 * `--kafka` flag), `SIM_REJECTION_RATE` (0-1, default 0), `SIM_SEED`, `SIM_STEP_DELAY_MS`,
 * `SIM_STEP_SECONDS`, `SIM_MAX_ATTEMPTS`, `KAFKA_TOPIC_PREFIX`, `SIM_GROUP_ID`.
 */
export function loadSimulatorConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = [],
): SimulatorConfig {
  const kafkaBrokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (kafkaBrokers.length === 0)
    throw new SimulatorConfigError('KAFKA_BROKERS is required (host:port[,host:port])');
  const providerId = env.PROVIDER_ID?.trim();
  if (!providerId)
    throw new SimulatorConfigError('PROVIDER_ID is required (the logistics provider to simulate)');
  const via = argv.includes('--kafka') ? 'kafka' : (env.SIM_REPORT_VIA?.trim().toLowerCase() ?? 'http');
  if (via !== 'http' && via !== 'kafka')
    throw new SimulatorConfigError(`SIM_REPORT_VIA must be http or kafka, got "${via}"`);
  const username = env.PROVIDER_USERNAME?.trim() || undefined;
  const password = env.PROVIDER_PASSWORD || undefined;
  if (via === 'http' && (!username || !password)) {
    throw new SimulatorConfigError(
      'PROVIDER_USERNAME and PROVIDER_PASSWORD are required to report over HTTP',
    );
  }
  return {
    kafkaBrokers,
    topicPrefix: env.KAFKA_TOPIC_PREFIX?.trim() || 'kamflow',
    groupId: env.SIM_GROUP_ID?.trim() || `provider-simulator-${providerId}`,
    providerId,
    reportVia: via,
    apiUrl: (env.API_URL?.trim() || 'http://localhost:3000/api/v1').replace(/\/+$/, ''),
    username,
    password,
    rejectionRate: number(env, 'SIM_REJECTION_RATE', 0, 0, 1),
    seed: env.SIM_SEED?.trim() || 'kamflow',
    stepDelayMs: number(env, 'SIM_STEP_DELAY_MS', 0, 0, 3_600_000),
    stepSeconds: number(env, 'SIM_STEP_SECONDS', 60, 0, 86_400),
    maxAttempts: number(env, 'SIM_MAX_ATTEMPTS', 20, 1, 1_000),
  };
}
