/**
 * Footprint of the embedded product, measured from outside like an operator would:
 *
 *   npm run build && node bench/embedded-footprint.mjs
 *   FOOTPRINT_ORDERS (default 200), FOOTPRINT_CONCURRENCY (default 8), FOOTPRINT_IDLE_S (default 15),
 *   FOOTPRINT_ENV='EMBEDDED_ENGINE=pglite' (extra environment for the product, space separated)
 *
 * Starts `node dist/apps/api/src/main.js` on a fresh DATA_DIR in its own process group, times the first
 * 200 from /api/v1/ready, samples the resident memory of the product and every process below it (the
 * embedded PostgreSQL server and its workers) after FOOTPRINT_IDLE_S seconds idle, places orders from
 * this process while sampling, and stops the product with SIGTERM. RSS counts shared pages once per
 * process; PSS splits them and is the honest sum.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ORDERS = Number(process.env.FOOTPRINT_ORDERS ?? 200);
const CONCURRENCY = Number(process.env.FOOTPRINT_CONCURRENCY ?? 8);
const IDLE_S = Number(process.env.FOOTPRINT_IDLE_S ?? 15);
const EXTRA_ENV = Object.fromEntries(
  (process.env.FOOTPRINT_ENV ?? '')
    .split(' ')
    .filter(Boolean)
    .map((pair) => pair.split('=')),
);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Every process whose parent chain leads to `root` (from /proc), `root` included. */
function tree(root) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const result = [root];
  for (let i = 0; i < result.length; i++) {
    for (const [pid, ppid] of parents) if (ppid === result[i]) result.push(pid);
  }
  return result;
}

function kib(file, field) {
  try {
    const match = readFileSync(file, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of the product's process tree in MB: node alone, the rest, and the PSS sum. */
function footprint(root) {
  const pids = tree(root);
  let node = 0;
  let others = 0;
  let pss = 0;
  for (const pid of pids) {
    const rss = kib(`/proc/${pid}/status`, 'VmRSS');
    if (pid === root) node = rss;
    else others += rss;
    pss += kib(`/proc/${pid}/smaps_rollup`, 'Pss');
  }
  const mb = (k) => Math.round(k / 1024);
  return {
    processes: pids.length,
    nodeRss: mb(node),
    dbRss: mb(others),
    rssSum: mb(node + others),
    pssSum: mb(pss),
  };
}

async function json(url, init) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

function order(i) {
  const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    accountId: 'acc-sgcc',
    channel: 'DIRECT',
    signedBy: '张敏',
    customerPo: `PO-FOOTPRINT-${i}`,
    lines: [
      {
        modelId: 'TC-M70T-G4',
        optionIds: ['CPU-I5-13500', 'MEM-16G', 'SSD-512G', 'OS-KYLIN-V10', 'SW-WPS-PRO', 'WTY-3Y-PC'],
        quantity: 10,
        requestedDate: date,
        deliveryAddress: {
          region: 'Beijing',
          city: 'Beijing',
          address: '西长安街86号',
          contact: '王工',
          phone: '010-6660',
        },
      },
    ],
  };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'kamflow-footprint-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/api/v1`;
  const started = Date.now();
  const product = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      MANAGEMENT_PORT: '0',
      LOG_LEVEL: 'warn',
      ...EXTRA_ENV,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-product.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  try {
    for (;;) {
      if (product.exitCode !== null) throw new Error(`the product exited with ${product.exitCode}`);
      if (Date.now() - started > 120_000) throw new Error('not ready within 120 s');
      const ready = await json(`${base}/ready`).catch(() => undefined);
      if (ready?.status === 200) break;
      await sleep(50);
    }
    const readyMs = Date.now() - started;
    console.log(`first 200 from /ready after ${readyMs} ms`);
    await sleep(IDLE_S * 1000);
    console.log(`idle ${IDLE_S} s:`, footprint(product.pid));

    const login = await json(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'desk', password: 'demo123' }),
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${login.body.accessToken}` };
    let peak = footprint(product.pid);
    const sampler = setInterval(() => {
      const now = footprint(product.pid);
      if (now.pssSum > peak.pssSum) peak = now;
    }, 250);
    let next = 0;
    let accepted = 0;
    const loadStarted = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ORDERS) {
          const i = next++;
          const answer = await json(`${base}/orders`, {
            method: 'POST',
            headers,
            body: JSON.stringify(order(i)),
          });
          if (answer.status === 201) accepted++;
        }
      }),
    );
    const loadMs = Date.now() - loadStarted;
    clearInterval(sampler);
    console.log(
      `${accepted} of ${ORDERS} orders accepted in ${loadMs} ms (${Math.round((accepted * 1000) / loadMs)}/s)`,
    );
    console.log('peak under load:', peak);
    console.log('right after load:', footprint(product.pid));
    await sleep(IDLE_S * 1000);
    console.log(`idle ${IDLE_S} s after load:`, footprint(product.pid));
  } finally {
    stop();
    const deadline = Date.now() + 30_000;
    while (product.exitCode === null && product.signalCode === null && Date.now() < deadline) await sleep(50);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
