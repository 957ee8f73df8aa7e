import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The repository root (this file is test/support/kafka.ts). */
const REPO_ROOT = resolve(__dirname, '..', '..');
const KAFKA_SCRIPT = resolve(REPO_ROOT, 'infra', 'kafka', 'kafka.sh');

/**
 * How long a test's `beforeAll` should allow for `ensureKafka()`: a cold first run downloads the broker
 * jars from Maven Central (about a minute) and formats the storage before the broker starts.
 */
export const ENSURE_KAFKA_TIMEOUT_MS = 300_000;

let localBroker: Promise<string> | undefined;

/**
 * The Kafka bootstrap address tests use: `KAFKA_BROKERS` when set (`host:port,...`), else the project's
 * own single-node broker, started by `infra/kafka/kafka.sh start` when it is not running yet (the
 * script is idempotent and serialises concurrent starts from parallel jest workers). The broker is
 * left running for the next test file; `infra/kafka/kafka.sh stop` stops it.
 */
export async function ensureKafka(): Promise<string> {
  const fromEnv = process.env.KAFKA_BROKERS?.trim();
  if (fromEnv) return fromEnv;
  localBroker ??= startLocalBroker().catch((error: unknown) => {
    localBroker = undefined;
    throw error;
  });
  return localBroker;
}

/** `ensureKafka()` as a list of `host:port`. */
export async function ensureKafkaBrokers(): Promise<string[]> {
  const brokers = await ensureKafka();
  return brokers
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}

async function startLocalBroker(): Promise<string> {
  const fallback = `127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}`;
  try {
    const { stdout } = await execFileAsync('bash', [KAFKA_SCRIPT, 'start'], {
      cwd: REPO_ROOT,
      timeout: ENSURE_KAFKA_TIMEOUT_MS,
      maxBuffer: 8 * 1024 * 1024,
    });
    // The script prints the bootstrap address as its last line on stdout (its progress goes to stderr).
    const printed = stdout.trim().split('\n').pop()?.trim();
    return printed && /^[\w.-]+:\d+$/.test(printed) ? printed : fallback;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(
      `Could not start the local Kafka broker with ${KAFKA_SCRIPT} start (${message.split('\n')[0]}).\n` +
        `${stderr ?? ''}\nSet KAFKA_BROKERS to use another broker.`,
    );
  }
}
