/**
 * Incremental read-model lag under real commands: the embedded product (its PostgreSQL server, or PGlite
 * with EMBEDDED_ENGINE=pglite; demo data) runs in this process; a worker thread sends an open-loop
 * schedule of HTTP commands from interleaved order-to-cash flows (see `command-lag.client.ts`). For every
 * command answered 2xx the lag runs from the moment its answer arrived to the moment every projection had
 * applied the answer's `X-Global-Position`; the moments projections reach positions are taken from the
 * ProjectionRunner as its batches commit.
 */
import { join } from 'node:path';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@kamflow/eventsourcing';
import { EVENT_SOURCE, type EventSource, ProjectionRunner } from '@kamflow/infrastructure';
import { ALL_PROJECTIONS } from '@kamflow/projections';
import {
  type Client,
  eventually,
  orderBody,
  type RunningApp,
  settled,
  startApp,
} from '../../test/support/app-harness';
import { deliver, orderWhen, planShipment, signReceipt, units } from '../../test/support/flow';
import {
  type ClientConfig,
  type ClientMessage,
  COMMAND_TYPES,
  type CommandType,
  type SentCommand,
} from './command-lag.client';
import { percentile, round } from './measure';

export interface CommandLagOptions {
  /** Length of the measured window. */
  seconds: number;
  /** Commands sent per second. */
  rate: number;
  /** Seconds at the same rate before measuring, so that flows are under way (default 3). */
  warmupSeconds?: number;
  /** Key accounts the orders are spread over (default 20). */
  accounts?: number;
  /**
   * Slots are skipped while this many commands await their answer (default: one second's worth): past
   * that the product is overloaded and every further command would only queue.
   */
  maxInFlight?: number;
  /** `DATABASE_URL` of a PostgreSQL database to run the product on (default: the embedded database). */
  databaseUrl?: string;
}

export interface CommandLagResult {
  /** Commands sent in the measured window: accepted, deferred and refused. */
  commands: number;
  seconds: number;
  commandsPerSecond: number;
  /** Commands answered 2xx within the window, per second. */
  acceptedPerSecond: number;
  /** Slots of the measured window skipped because `maxInFlight` commands awaited their answer. */
  skipped: number;
  /** Commands answered 2xx, by type. */
  byType: Record<CommandType, number>;
  /** Steps tried before the process manager enabled them (refused with their "not yet" code, retried). */
  deferred: number;
  deferredByType: Partial<Record<CommandType, number>>;
  /** Non-2xx answers other than deferrals. */
  errors: number;
  /** Error counts by `type status code`. */
  errorCodes: Record<string, number>;
  /** Answer arrived → every projection applied its position. */
  lag: { p50Ms: number; p99Ms: number; maxMs: number; unresolved: number };
  /** Send → answer, for the accepted commands. */
  commandLatency: { p50Ms: number; p99Ms: number; maxMs: number };
  /** How late the client sent against the schedule (it must stay near 0 for the rate to be the product's). */
  scheduleSlip: { p99Ms: number; maxMs: number };
  /** Head position delta over the measured window (commands' and the process manager's events). */
  eventsAppended: number;
  eventsPerSecond: number;
  /** Events the projections and processes still had to handle when the schedule ended (from /ready). */
  backlogAtEnd: Record<string, number>;
  /** From the end of the schedule until every projection applied the last accepted command. */
  drainMs: number;
  /** Event-loop utilisation of the product's thread over the window (1 = never idle). */
  productThreadBusy: number;
}

const now = () => performance.timeOrigin + performance.now();

/** When each projection reached which position, sampled as the runner's batches commit. */
class PositionTimeline {
  private readonly series = new Map<string, { positions: number[]; times: number[] }>();
  private active = true;
  private readonly loops: Promise<void>[];

  constructor(
    private readonly runner: ProjectionRunner,
    readonly names: readonly string[],
  ) {
    this.loops = names.map((name) => this.follow(name));
  }

  private async follow(name: string): Promise<void> {
    const s = { positions: [] as number[], times: [] as number[] };
    this.series.set(name, s);
    while (this.active) {
      const position = this.runner.position(name);
      if (!s.positions.length || position > s.positions[s.positions.length - 1]) {
        s.positions.push(position);
        s.times.push(now());
      }
      try {
        await this.runner.waitFor(name, position + 1, 250);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
  }

  /** The first moment `name` had applied `position`, or undefined if it never did while followed. */
  reached(name: string, position: number): number | undefined {
    const s = this.series.get(name)!;
    let lo = 0;
    let hi = s.positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.positions[mid] >= position) hi = mid;
      else lo = mid + 1;
    }
    return lo < s.positions.length ? s.times[lo] : undefined;
  }

  async stop(): Promise<void> {
    this.active = false;
    await Promise.all(this.loops);
  }
}

async function registerAccounts(admin: Client, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const answer = await admin.post('/accounts', {
      name: `基准客户 Bench account ${i}`,
      industry: 'enterprise',
      tier: 'CORE',
      region: 'Beijing',
      accountManager: 'manager',
      serviceModel: 'DIRECT',
      credit: { grade: 'A', limit: { amount: 100_000_000_000, currency: 'CNY' }, paymentTermsDays: 60 },
    });
    if (answer.status !== 201)
      throw new Error(`register account: ${answer.status} ${JSON.stringify(answer.body)}`);
    ids.push(answer.body.id as string);
  }
  return ids;
}

/** One order through every step with the test helpers: warms every code path and tells the unit price. */
async function probeFlow(
  product: RunningApp,
  accountId: string,
  users: Record<string, Client>,
): Promise<number> {
  const placed = await users.desk.post(
    '/orders',
    orderBody({ accountId, customerPo: 'PO-LAG-PROBE' }, { quantity: 1 }),
  );
  if (placed.status !== 201) throw new Error(`probe order: ${placed.status} ${JSON.stringify(placed.body)}`);
  const orderId = placed.body.id as string;
  await users.reviewer.post(`/orders/${orderId}/contract-review`, { decision: 'APPROVE' });
  const released = await orderWhen(users.desk, orderId, (o) => {
    if (o.status !== 'RELEASED') throw new Error(`order is ${o.status}`);
  });
  const unitPrice = released.lines[0].configuration.unitPrice.amount as number;
  const shipmentId = await planShipment(users.desk, orderId, [{ lineId: 'L1', quantity: 1 }], 'lp-sf');
  await deliver(users.logistics, shipmentId);
  await signReceipt(users.logistics, shipmentId, units('SN-LAG-PROBE', 'L1', 1));
  await eventually(async () => {
    const paid = await users.finance.post(`/invoices/INV-${shipmentId}/payments`, {
      amount: { amount: unitPrice, currency: 'CNY' },
      receivedAt: new Date().toISOString(),
      reference: 'BANK-LAG-PROBE',
    });
    if (paid.status !== 201) throw new Error(`payment: ${paid.status} ${JSON.stringify(paid.body)}`);
  });
  await orderWhen(users.desk, orderId, (o) => {
    if (o.status !== 'COMPLETED') throw new Error(`order is ${o.status}`);
  });
  await settled(product);
  return unitPrice;
}

function startClient(config: ClientConfig, onMessage: (m: ClientMessage) => void): Promise<void> {
  const file = join(__dirname, 'command-lag.client.ts');
  // The worker loads the TypeScript client itself unless it inherited a loader from this process.
  const source = `if (!require.extensions['.ts']) require('ts-node').register({ transpileOnly: true });
require(${JSON.stringify(file)});`;
  const worker = new Worker(source, { eval: true, workerData: { commandLagClient: config } });
  let done = false;
  return new Promise((resolve, reject) => {
    worker.on('message', (m: ClientMessage) => {
      onMessage(m);
      if (m.kind === 'done') done = true;
    });
    worker.on('error', reject);
    worker.on('exit', (code) =>
      done ? resolve() : reject(new Error(`the client stopped early (exit ${code})`)),
    );
  });
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 0.5) || 0, 1),
    p99Ms: round(percentile(sorted, 0.99) || 0, 1),
    maxMs: round(sorted[sorted.length - 1] ?? 0, 1),
  };
};

/** Runs the product in-process and measures read-model lag while real commands run at `rate` per second. */
export async function commandLagBench(options: CommandLagOptions): Promise<CommandLagResult> {
  const product = await startApp({
    env: {
      LOG_LEVEL: 'warn',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl, DEMO_DATA: 'true' } : {}),
    },
  });
  let timeline: PositionTimeline | undefined;
  try {
    const runner = product.app.get(ProjectionRunner);
    const source = product.app.get<unknown, EventSource>(EVENT_SOURCE);
    const names = ALL_PROJECTIONS.map((p) => p.name);
    const logins = ['desk', 'reviewer', 'finance', 'logistics', 'logistics2', 'admin'];
    const users = Object.fromEntries(
      await Promise.all(logins.map(async (u) => [u, await product.login(u)] as const)),
    ) as Record<string, Client>;
    const accountIds = await registerAccounts(users.admin, options.accounts ?? 20);
    await settled(product);
    const unitPrice = await probeFlow(product, accountIds[0], users);
    const { quantity: _q, requestedDate: _d, ...line } = orderBody().lines[0];

    timeline = new PositionTimeline(runner, names);
    let headAtStart: Promise<number> | undefined;
    let headAtEnd: Promise<number> | undefined;
    let backlog: Promise<Record<string, number>> | undefined;
    let window = { from: 0, to: 0 };
    let skipped = 0;
    let eluAtStart: EventLoopUtilization | undefined;
    let elu: EventLoopUtilization | undefined;
    let sent: SentCommand[] = [];
    await startClient(
      {
        baseUrl: product.baseUrl,
        desk: users.desk.token,
        reviewer: users.reviewer.token,
        finance: users.finance.token,
        providers: { 'lp-sf': users.logistics.token, 'lp-jd': users.logistics2.token },
        accountIds,
        unitPrice,
        line,
        rate: options.rate,
        warmupSeconds: options.warmupSeconds ?? 3,
        seconds: options.seconds,
        firstTryMs: 20,
        maxBackoffMs: 500,
        maxInFlight: options.maxInFlight ?? Math.max(50, options.rate),
      },
      (m) => {
        if (m.kind === 'measuring') {
          window.from = m.at;
          headAtStart = source.head();
          eluAtStart = performance.eventLoopUtilization();
        } else if (m.kind === 'scheduleEnd') {
          window = { ...window, to: m.at };
          elu = performance.eventLoopUtilization(eluAtStart);
          skipped = m.skipped;
          headAtEnd = source.head();
          backlog = product.anonymous.get('/ready').then((r) => {
            const checks = r.body.checks as Record<string, { lagEvents?: number }>;
            return Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, v.lagEvents ?? 0]));
          });
        } else sent = m.sent;
      },
    );
    const scheduleEnded = now();
    const accepted = sent.filter((s) => s.outcome === 'ok' && s.position !== undefined);
    const last = Math.max(0, ...accepted.map((s) => s.position!));
    await Promise.all(names.map((name) => runner.waitFor(name, last, 60_000)));
    const drainMs = now() - scheduleEnded;
    await timeline.stop();

    const measured = sent.filter((s) => s.measured);
    const seconds = (window.to - window.from) / 1000;
    const lags: number[] = [];
    let unresolved = 0;
    for (const s of measured) {
      if (s.outcome !== 'ok' || s.position === undefined) continue;
      const reached = names.map((name) => timeline!.reached(name, s.position!));
      if (reached.some((t) => t === undefined)) unresolved++;
      else lags.push(Math.max(0, Math.max(...(reached as number[])) - s.answeredAt));
    }
    const count = (outcome: SentCommand['outcome']) => {
      const byType: Partial<Record<CommandType, number>> = {};
      for (const s of measured) if (s.outcome === outcome) byType[s.type] = (byType[s.type] ?? 0) + 1;
      return byType;
    };
    const okByType = count('ok');
    const errorCodes: Record<string, number> = {};
    for (const s of measured) {
      if (s.outcome !== 'error') continue;
      const key = `${s.type} ${s.status} ${s.code ?? ''}`.trim();
      errorCodes[key] = (errorCodes[key] ?? 0) + 1;
    }
    const ok = measured.filter((s) => s.outcome === 'ok');
    const eventsAppended = (await headAtEnd!) - (await headAtStart!);
    return {
      commands: measured.length,
      seconds: round(seconds, 2),
      commandsPerSecond: round(measured.length / seconds, 1),
      acceptedPerSecond: round(ok.filter((s) => s.answeredAt <= window.to).length / seconds, 1),
      skipped,
      byType: Object.fromEntries(COMMAND_TYPES.map((t) => [t, okByType[t] ?? 0])) as Record<
        CommandType,
        number
      >,
      deferred: measured.filter((s) => s.outcome === 'deferred').length,
      deferredByType: count('deferred'),
      errors: measured.filter((s) => s.outcome === 'error').length,
      errorCodes,
      lag: { ...stats(lags), unresolved },
      commandLatency: stats(ok.map((s) => s.answeredAt - s.sentAt)),
      scheduleSlip: (({ p99Ms, maxMs }) => ({ p99Ms, maxMs }))(stats(measured.map((s) => s.slipMs))),
      eventsAppended,
      eventsPerSecond: round(eventsAppended / seconds, 1),
      backlogAtEnd: (await backlog) ?? {},
      drainMs: round(drainMs, 0),
      productThreadBusy: round(elu?.utilization ?? 0, 2),
    };
  } finally {
    await timeline?.stop();
    await product.close();
  }
}
