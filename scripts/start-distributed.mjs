#!/usr/bin/env node
// `npm run start:distributed`: the product as separate processes on a real Kafka broker and PostgreSQL.
//
//   1. Kafka: KAFKA_BROKERS when set, else the project's single-node broker (infra/kafka/kafka.sh start;
//      KAFKA_PORT, KAFKA_CONTROLLER_PORT and KAFKA_HOME_DIR move it). A broker this script starts is stopped
//      with the services; one it finds running (kafka.sh status) is used and left running.
//   2. PostgreSQL: DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/kamflow); the database is
//      created when missing. Every service migrates its own tables on start.
//   3. Builds dist (npm run build), unless SKIP_BUILD=true.
//   4. Starts the relay, the seven context services, then the gateway (MODE=distributed, demo data on by
//      default), each its own node process with its own port, logs prefixed with its name.
//   5. Ctrl-C (or SIGTERM) stops them all: the gateway first, the relay last, then the Kafka broker when this
//      script started it. A failed start or a service that dies stops everything the same way.
//
// Ports: gateway PORT (3000), relay 3100, ordering 3101, configuration 3102, credit 3103, delivery 3104,
// acceptance 3105, billing 3106, fulfilment 3107 (BASE_PORT moves the 31xx block). Metrics on management
// ports of 127.0.0.1: gateway 9464, relay 9465, ordering 9466 ... fulfilment 9472 (MANAGEMENT_BASE_PORT
// moves them; infra/prometheus/local.yml scrapes them).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Client } = require('pg');

const env = process.env;
const databaseUrl = env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/kamflow';
const gatewayPort = Number(env.PORT || 3000);
const basePort = Number(env.BASE_PORT || 3100);
const managementPort = Number(env.MANAGEMENT_BASE_PORT || 9464);
const SERVICES = [
  ['relay', 'dist/apps/relay/src/main.js', basePort, '/health', managementPort + 1],
  ['ordering', 'dist/apps/ordering/src/main.js', basePort + 1, '/health', managementPort + 2],
  ['configuration', 'dist/apps/configuration/src/main.js', basePort + 2, '/health', managementPort + 3],
  ['credit', 'dist/apps/credit/src/main.js', basePort + 3, '/health', managementPort + 4],
  ['delivery', 'dist/apps/delivery/src/main.js', basePort + 4, '/health', managementPort + 5],
  ['acceptance', 'dist/apps/acceptance/src/main.js', basePort + 5, '/health', managementPort + 6],
  ['billing', 'dist/apps/billing/src/main.js', basePort + 6, '/health', managementPort + 7],
  ['fulfilment', 'dist/apps/fulfilment/src/main.js', basePort + 7, '/health', managementPort + 8],
];
const GATEWAY = ['gateway', 'dist/apps/api/src/main.js', gatewayPort, '/api/v1/health', managementPort];

const say = (message) => console.log(`[start-distributed] ${message}`);
const children = [];
let stopping = false;
const KAFKA_SH = resolve(ROOT, 'infra/kafka/kafka.sh');
/** True from the moment this script launches the broker: then it is ours to stop. */
let ownsKafka = false;
/** The running `kafka.sh start`, stopped first when a stop comes while the broker is still starting. */
let kafkaStart;

/** The brokers: KAFKA_BROKERS, the project's broker already running (kept), or one started here (stopped at the end). */
async function kafka() {
  if (env.KAFKA_BROKERS?.trim()) return env.KAFKA_BROKERS.trim();
  const status = spawnSync('bash', [KAFKA_SH, 'status'], { cwd: ROOT, encoding: 'utf8' });
  const running = status.status === 0 ? /bootstrap (\S+?),/.exec(status.stdout) : null;
  if (running) {
    say(`using the Kafka broker already running on ${running[1]} (left running on exit)`);
    return running[1];
  }
  say('starting Kafka (infra/kafka/kafka.sh start)...');
  ownsKafka = true;
  const child = spawn('bash', [KAFKA_SH, 'start'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  kafkaStart = child;
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => {
    err += chunk;
    process.stderr.write(chunk);
  });
  const code = await new Promise((done) => child.on('close', (c, signal) => done(signal ?? c)));
  kafkaStart = undefined;
  // Another start won the race (kafka.sh queues concurrent starts): that broker is not ours.
  if (/already running/.test(err)) ownsKafka = false;
  if (code !== 0) throw new Error(`infra/kafka/kafka.sh start failed (${code})`);
  return out.trim().split('\n').pop().trim();
}

async function stopKafka() {
  if (!ownsKafka) return;
  ownsKafka = false;
  if (kafkaStart && kafkaStart.exitCode === null && kafkaStart.signalCode === null) {
    const started = kafkaStart;
    await new Promise((done) => {
      started.once('close', done);
      started.kill('SIGTERM');
    });
  }
  say('stopping the Kafka broker it started (infra/kafka/kafka.sh stop)...');
  const result = spawnSync('bash', [KAFKA_SH, 'stop'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0)
    say(`kafka.sh stop exited with ${result.status ?? result.signal}; check: npm run kafka:status`);
}

async function ensureDatabase() {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${name}`);
      say(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

function start([name, entry, port, , management], extraEnv) {
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      ...env,
      ...extraEnv,
      PORT: String(port),
      MANAGEMENT_PORT: String(management),
      INSTANCE_ID: env.INSTANCE_ID || String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `${name.padEnd(13)}|`;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop();
      for (const line of lines) console.log(`${prefix} ${line}`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void stopAll(1);
    }
  });
  children.push([name, child]);
  return child;
}

async function waitHealthy([name, , port, path], child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}${path}`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} not healthy on port ${port} after ${timeoutMs} ms`);
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  for (const [name, child] of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    await new Promise((done) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      child.kill('SIGTERM');
    });
    say(`${name} stopped`);
  }
  await stopKafka();
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function main() {
  const brokers = await kafka();
  await ensureDatabase();
  if (env.SKIP_BUILD !== 'true') {
    say('building (npm run build)...');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const common = { DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers };
  const started = SERVICES.map((s) => [s, start(s, common)]);
  await Promise.all(started.map(([s, child]) => waitHealthy(s, child)));
  const gateway = start(GATEWAY, { ...common, MODE: 'distributed', DEMO_DATA: env.DEMO_DATA ?? 'true' });
  await waitHealthy(GATEWAY, gateway);
  say('kamflow runs distributed:');
  say(
    `  gateway       http://localhost:${gatewayPort}/api/v1 (docs /api/docs, health /api/v1/health, ready /api/v1/ready), metrics http://127.0.0.1:${managementPort}/metrics`,
  );
  for (const [name, , port, , management] of SERVICES)
    say(
      `  ${name.padEnd(14)}http://localhost:${port} (/health /ready), metrics http://127.0.0.1:${management}/metrics`,
    );
  say(`  Kafka ${brokers}, PostgreSQL ${databaseUrl.replace(/\/\/[^@]*@/, '//***@')}`);
  say('Ctrl-C stops everything.');
}

main().catch((error) => {
  console.error(`[start-distributed] failed: ${error.message}`);
  void stopAll(1);
});
