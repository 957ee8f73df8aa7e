/**
 * The load generator of the command-lag benchmark, run in a worker thread so that sending on schedule does
 * not compete with the product for its event loop. It sends an open-loop schedule of `rate` HTTP commands
 * per second: every slot takes the oldest step that can run of an order already under way (contract
 * approval, shipment planning, the provider's status reports, the acceptance receipt, the payment), and
 * places a new order when none is waiting. A step that depends on the process manager (release, the
 * shipment, the inspection, the invoice) and is refused with its "not yet" code is deferred: retried later
 * with back-off, counted apart from errors.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export const COMMAND_TYPES = [
  'placeOrder',
  'approveContract',
  'planShipment',
  'reportStatus',
  'signReceipt',
  'recordPayment',
] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

export interface ClientConfig {
  baseUrl: string;
  desk: string;
  reviewer: string;
  finance: string;
  /** Bearer token per logistics provider id. */
  providers: Record<string, string>;
  accountIds: string[];
  /** Price of one unit of the order line (every bench account has the same tier). */
  unitPrice: number;
  /** The order line; quantity and requested date are set per order. */
  line: Record<string, unknown>;
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** Wait before the first try of a step the process manager enables, and the longest retry back-off. */
  firstTryMs: number;
  maxBackoffMs: number;
  /** A slot is skipped while this many commands await their answer (the product cannot keep up). */
  maxInFlight: number;
}

/** One command sent: times are absolute (`performance.timeOrigin + performance.now()`), in ms. */
export interface SentCommand {
  type: CommandType;
  measured: boolean;
  sentAt: number;
  answeredAt: number;
  /** How late the send was against its slot. */
  slipMs: number;
  status: number;
  outcome: 'ok' | 'deferred' | 'error';
  position?: number;
  code?: string;
}

export type ClientMessage =
  | { kind: 'measuring'; at: number }
  | { kind: 'scheduleEnd'; at: number; skipped: number }
  | { kind: 'done'; sent: SentCommand[]; inFlightAtEnd: number };

const STATUSES = ['READY_TO_SHIP', 'PICKED_UP', 'DISPATCHED', 'IN_TRANSIT', 'DELIVERED'] as const;

/** What a refusal code means "the process manager has not got there yet" for each step. */
const NOT_YET: Partial<Record<CommandType, readonly string[]>> = {
  planShipment: ['ORDER.NOT_RELEASED'],
  reportStatus: ['DELIVERY.SHIPMENT_NOT_FOUND'],
  signReceipt: ['ACCEPTANCE.NOT_DELIVERED'],
  recordPayment: ['BILLING.INVOICE_NOT_FOUND'],
};

interface Flow {
  n: number;
  accountId: string;
  quantity: number;
  providerId: string;
  orderId?: string;
  shipmentId?: string;
  status: number;
}

interface Step {
  flow: Flow;
  type: CommandType;
  attempt: number;
}

interface Answer {
  status: number;
  position?: number;
  body?: { id?: string; code?: string };
  answeredAt: number;
}

const now = () => performance.timeOrigin + performance.now();

export function runClient(config: ClientConfig, post: (message: ClientMessage) => void): Promise<void> {
  const url = new URL(config.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  const providerIds = Object.keys(config.providers);
  const sent: SentCommand[] = [];
  const ready: Step[] = [];
  let orders = 0;
  let inFlight = 0;
  let measuring = false;
  let stopped = false;

  const send = (path: string, token: string, body: unknown): Promise<Answer> =>
    new Promise((resolve) => {
      const data = JSON.stringify(body);
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: `/api/v1${path}`,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(data),
            authorization: `Bearer ${token}`,
            'idempotency-key': randomUUID(),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const answeredAt = now();
            const header = res.headers['x-global-position'];
            let parsed: Answer['body'];
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString()) as Answer['body'];
            } catch {
              parsed = undefined;
            }
            resolve({
              status: res.statusCode ?? 0,
              position: typeof header === 'string' ? Number(header) : undefined,
              body: parsed,
              answeredAt,
            });
          });
        },
      );
      req.on('error', () => resolve({ status: 0, answeredAt: now() }));
      req.end(data);
    });

  const at = () => new Date().toISOString();
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  const commandOf = (step: Step): { path: string; token: string; body: unknown } => {
    const f = step.flow;
    switch (step.type) {
      case 'placeOrder':
        return {
          path: '/orders',
          token: config.desk,
          body: {
            accountId: f.accountId,
            channel: 'DIRECT',
            signedBy: '张敏',
            customerPo: `PO-LAG-${f.n}`,
            lines: [{ ...config.line, quantity: f.quantity, requestedDate: day(30) }],
          },
        };
      case 'approveContract':
        return {
          path: `/orders/${f.orderId}/contract-review`,
          token: config.reviewer,
          body: { decision: 'APPROVE' },
        };
      case 'planShipment':
        return {
          path: `/orders/${f.orderId}/shipments`,
          token: config.desk,
          body: {
            providerId: f.providerId,
            plannedDate: day(3),
            lines: [{ lineId: 'L1', quantity: f.quantity }],
          },
        };
      case 'reportStatus':
        return {
          path: `/shipments/${f.shipmentId}/status`,
          token: config.providers[f.providerId],
          body: { status: STATUSES[f.status], at: at() },
        };
      case 'signReceipt':
        return {
          path: `/shipments/${f.shipmentId}/acceptance-receipt`,
          token: config.providers[f.providerId],
          body: {
            units: Array.from({ length: f.quantity }, (_, i) => ({
              serial: `SN-LAG-${f.n}-${i + 1}`,
              lineId: 'L1',
              result: 'ACCEPTED',
            })),
            signatory: '李主任',
            signedAt: at(),
            satisfaction: 5,
          },
        };
      case 'recordPayment':
        return {
          path: `/invoices/INV-${f.shipmentId}/payments`,
          token: config.finance,
          body: {
            amount: { amount: config.unitPrice * f.quantity, currency: 'CNY' },
            receivedAt: at(),
            reference: `BANK-LAG-${f.n}`,
          },
        };
    }
  };

  /** Queues the step now, or after `delayMs` (a timer that is still pending at the end is dropped). */
  const enqueue = (step: Step, delayMs = 0) => {
    if (delayMs <= 0) ready.push(step);
    else setTimeout(() => stopped || ready.push(step), delayMs).unref();
  };

  const advance = (step: Step, answer: Answer) => {
    const f = step.flow;
    const next = (type: CommandType, delayMs = 0) => enqueue({ flow: f, type, attempt: 0 }, delayMs);
    switch (step.type) {
      case 'placeOrder':
        f.orderId = answer.body?.id;
        return next('approveContract');
      case 'approveContract':
        return next('planShipment', config.firstTryMs);
      case 'planShipment':
        f.shipmentId = answer.body?.id;
        return next('reportStatus', config.firstTryMs);
      case 'reportStatus':
        f.status++;
        return f.status < STATUSES.length ? next('reportStatus') : next('signReceipt', config.firstTryMs);
      case 'signReceipt':
        return next('recordPayment', config.firstTryMs);
      case 'recordPayment':
        return undefined;
    }
  };

  const fire = async (step: Step, slipMs: number) => {
    const { path, token, body } = commandOf(step);
    const measured = measuring;
    const sentAt = now();
    inFlight++;
    const answer = await send(path, token, body);
    inFlight--;
    const ok = answer.status >= 200 && answer.status < 300;
    const code = answer.body?.code;
    const deferred = !ok && code !== undefined && (NOT_YET[step.type]?.includes(code) ?? false);
    sent.push({
      type: step.type,
      measured,
      sentAt,
      answeredAt: answer.answeredAt,
      slipMs,
      status: answer.status,
      outcome: ok ? 'ok' : deferred ? 'deferred' : 'error',
      ...(ok && answer.position !== undefined ? { position: answer.position } : {}),
      ...(code ? { code } : {}),
    });
    if (ok) advance(step, answer);
    else if (deferred) {
      const backoff = Math.min(config.maxBackoffMs, config.firstTryMs * 2 ** step.attempt);
      enqueue({ ...step, attempt: step.attempt + 1 }, backoff);
    }
  };

  const newOrder = (): Step => {
    const n = ++orders;
    return {
      flow: {
        n,
        accountId: config.accountIds[n % config.accountIds.length],
        quantity: 1 + (n % 3),
        providerId: providerIds[n % providerIds.length],
        status: 0,
      },
      type: 'placeOrder',
      attempt: 0,
    };
  };

  return (async () => {
    const interval = 1000 / config.rate;
    const warmupSlots = Math.round(config.warmupSeconds * config.rate);
    const slots = warmupSlots + Math.round(config.seconds * config.rate);
    const pending = new Set<Promise<void>>();
    const start = now() + 20;
    let skipped = 0;
    for (let i = 0; i < slots;) {
      const wait = start + i * interval - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // Every slot that is due now goes out, late ones included: the schedule never waits for answers.
      for (let t = now(); i < slots && start + i * interval <= t; i++) {
        if (i === warmupSlots) {
          measuring = true;
          post({ kind: 'measuring', at: start + i * interval });
        }
        if (inFlight >= config.maxInFlight) {
          if (measuring) skipped++;
          continue;
        }
        const p = fire(ready.shift() ?? newOrder(), t - (start + i * interval));
        pending.add(p);
        void p.finally(() => pending.delete(p));
      }
    }
    stopped = true;
    post({ kind: 'scheduleEnd', at: now(), skipped });
    const inFlightAtEnd = inFlight;
    await Promise.all(pending);
    agent.destroy();
    post({ kind: 'done', sent, inFlightAtEnd });
  })();
}

if (parentPort && (workerData as { commandLagClient?: ClientConfig } | undefined)?.commandLagClient) {
  const port = parentPort;
  void runClient((workerData as { commandLagClient: ClientConfig }).commandLagClient, (m) =>
    port.postMessage(m),
  );
}
