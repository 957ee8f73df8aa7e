#!/usr/bin/env node
// Waits until a Kafka broker answers a metadata request with a controller and a broker, asked with
// @platformatic/kafka (the same client the product uses).
// usage: node infra/kafka/wait-ready.js [bootstrap=127.0.0.1:9092] [timeoutMs=120000]
// exit 0: ready (prints the cluster id, controller and brokers); 1: timed out; 2: the client not installed.
'use strict';

const bootstrap = process.argv[2] || '127.0.0.1:9092';
const timeoutMs = Number(process.argv[3] || 120000);
const pidToWatch = Number(process.env.KAFKA_WAIT_PID || 0);

async function loadClient() {
  try {
    // An ES module: import() loads it from this CommonJS script on every Node version the client supports.
    return await import('@platformatic/kafka');
  } catch {
    process.stderr.write('wait-ready: @platformatic/kafka is not installed (run npm ci first)\n');
    process.exit(2);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function probe({ Admin }) {
  const admin = new Admin({
    clientId: 'kamflow-wait-ready',
    bootstrapBrokers: bootstrap.split(','),
    connectTimeout: 1000,
    requestTimeout: 3000,
    retries: 0,
  });
  try {
    const metadata = await admin.metadata({ topics: [], forceUpdate: true });
    if (metadata.brokers.size === 0 || metadata.controllerId < 0) throw new Error('no broker registered yet');
    return {
      clusterId: metadata.id,
      controller: metadata.controllerId,
      brokers: [...metadata.brokers].map(([nodeId, b]) => ({ nodeId, host: b.host, port: b.port })),
    };
  } finally {
    await admin.close().catch(() => undefined);
  }
}

async function main() {
  const client = await loadClient();
  const deadline = Date.now() + timeoutMs;
  let lastError = 'not tried';
  while (Date.now() < deadline) {
    if (pidToWatch && !processAlive(pidToWatch)) {
      process.stderr.write(`wait-ready: the broker process ${pidToWatch} exited\n`);
      process.exit(1);
    }
    try {
      const cluster = await probe(client);
      const brokers = cluster.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(',');
      process.stdout.write(
        `ready: cluster ${cluster.clusterId}, controller ${cluster.controller}, brokers ${brokers}\n`,
      );
      return;
    } catch (error) {
      lastError = error && error.message ? error.message : String(error);
    }
    await sleep(250);
  }
  process.stderr.write(
    `wait-ready: ${bootstrap} did not answer within ${timeoutMs} ms (last error: ${lastError})\n`,
  );
  process.exit(1);
}

main().catch((error) => {
  process.stderr.write(`wait-ready: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
