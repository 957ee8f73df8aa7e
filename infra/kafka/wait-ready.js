#!/usr/bin/env node
// Waits until a Kafka broker answers a kafkajs admin describeCluster (the same client the product uses).
// usage: node infra/kafka/wait-ready.js [bootstrap=127.0.0.1:9092] [timeoutMs=120000]
// exit 0: ready (prints the cluster id, controller and brokers); 1: timed out; 2: kafkajs not installed.
'use strict';

const bootstrap = process.argv[2] || '127.0.0.1:9092';
const timeoutMs = Number(process.argv[3] || 120000);
const pidToWatch = Number(process.env.KAFKA_WAIT_PID || 0);

let kafkajs;
try {
  kafkajs = require('kafkajs');
} catch {
  process.stderr.write('wait-ready: kafkajs is not installed (run npm ci first)\n');
  process.exit(2);
}
const { Kafka, logLevel } = kafkajs;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function probe() {
  const kafka = new Kafka({
    clientId: 'kamflow-wait-ready',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null)
      throw new Error('no broker registered yet');
    return cluster;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function main() {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'not tried';
  while (Date.now() < deadline) {
    if (pidToWatch && !processAlive(pidToWatch)) {
      process.stderr.write(`wait-ready: the broker process ${pidToWatch} exited\n`);
      process.exit(1);
    }
    try {
      const cluster = await probe();
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
