import {
  type Delivery,
  type IncomingMessage,
  type MessageConsumer,
  type Subscription,
} from '@kamflow/messaging';
import { type PartnerCommandV1 } from '@kamflow/contracts';
import { type ReportOutcome, type Reporter } from './reporters';
import { ProviderSimulator } from './simulator';
import { loadSimulatorConfig } from './simulator.config';

const delivery: Delivery = { heartbeat: async () => undefined, isRunning: () => true };

function message(value: unknown): IncomingMessage {
  return {
    topic: 'kamflow.public.logistics.v1',
    partition: 0,
    offset: '0',
    key: 'lp-sf',
    value: JSON.stringify(value),
    headers: {},
    timestamp: '0',
  };
}

const assigned = {
  id: 'evt-1',
  type: 'logistics.shipment-assigned.v1',
  version: 1,
  occurredAt: '2026-12-01T08:00:00.000Z',
  source: 'kamflow',
  subject: 'shp-1',
  partner: 'lp-sf',
  data: {
    shipmentId: 'shp-1',
    orderId: 'ord-1',
    providerId: 'lp-sf',
    plannedDate: '2026-12-15',
    deliveryAddress: { region: 'n', city: 'Beijing', address: 'a', contact: 'Li', phone: '1' },
    lines: [{ lineId: 'L1', modelId: 'm', quantity: 1 }],
    replacementOf: null,
  },
};

async function simulate(outcomes: ReportOutcome[], value: unknown = assigned) {
  let subscription: Subscription | undefined;
  const consumer: MessageConsumer = {
    subscribe: async (s) => {
      subscription = s;
      return { stop: async () => undefined };
    },
  };
  const sent: PartnerCommandV1[] = [];
  const reporter: Reporter = {
    report: async (command) => {
      sent.push(command);
      return outcomes.shift() ?? { kind: 'done' };
    },
  };
  const simulator = new ProviderSimulator({
    consumer,
    reporter,
    groupId: 'sim',
    policy: { providerId: 'lp-sf', rejectionRate: 0, seed: 's', stepSeconds: 60 },
    maxAttempts: 3,
    now: () => new Date('2026-12-15T00:00:00.000Z'),
  });
  await simulator.start();
  await subscription!.handle(message(value), delivery);
  return { sent, simulator, topics: subscription!.topics };
}

describe('the provider simulator', () => {
  it('reads the public logistics topic and walks an assignment to a signed receipt', async () => {
    const { sent, simulator, topics } = await simulate([]);
    expect(topics).toEqual(['kamflow.public.logistics.v1']);
    expect(sent.map((c) => c.type)).toEqual([
      ...Array(5).fill('ReportShipmentStatus'),
      'SignAcceptanceReceipt',
    ]);
    expect(simulator.completed).toBe(1);
  });

  it('retries a report the API is not ready for, e.g. a receipt before the inspection opened', async () => {
    const notYet = { kind: 'retry' as const, reason: '404' };
    const { sent, simulator } = await simulate([notYet]);
    expect(sent.map((c) => c.id).slice(0, 2)).toEqual([
      'lp-sf:evt-1:READY_TO_SHIP',
      'lp-sf:evt-1:READY_TO_SHIP',
    ]);
    expect(simulator.completed).toBe(1);
  }, 10_000);

  it('abandons the walk when a report is refused for good', async () => {
    const { sent, simulator } = await simulate([{ kind: 'skip', reason: '422 cancelled' }]);
    expect(sent).toHaveLength(1);
    expect(simulator.completed).toBe(0);
  });

  it("ignores other providers' shipments", async () => {
    const { sent } = await simulate([], { ...assigned, partner: 'lp-jd' });
    expect(sent).toEqual([]);
  });
});

describe('the simulator configuration', () => {
  const env = {
    KAFKA_BROKERS: 'k1:9092,k2:9092',
    PROVIDER_ID: 'lp-sf',
    PROVIDER_USERNAME: 'logistics',
    PROVIDER_PASSWORD: 'demo123',
  };

  it('reports over HTTP by default and over Kafka with --kafka', () => {
    expect(loadSimulatorConfig(env)).toMatchObject({
      reportVia: 'http',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      rejectionRate: 0,
    });
    expect(
      loadSimulatorConfig({ KAFKA_BROKERS: 'k:9092', PROVIDER_ID: 'lp-sf' }, ['--kafka']).reportVia,
    ).toBe('kafka');
  });
  it('refuses a rejection rate outside 0-1 and HTTP without credentials', () => {
    expect(() => loadSimulatorConfig({ ...env, SIM_REJECTION_RATE: '1.5' })).toThrow('SIM_REJECTION_RATE');
    expect(() => loadSimulatorConfig({ KAFKA_BROKERS: 'k:9092', PROVIDER_ID: 'lp-sf' })).toThrow(
      'PROVIDER_USERNAME',
    );
  });
});
