import { type ShipmentAssignedV1, validatePartnerCommand } from '@kamflow/contracts';
import {
  draw,
  inspect,
  isAssignmentFor,
  onFailure,
  planWalk,
  satisfactionFor,
  WALK,
} from './simulator.decisions';

const assignment = (quantity = 4): ShipmentAssignedV1 => ({
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
    deliveryAddress: {
      region: 'north',
      city: 'Beijing',
      address: '1 Main St',
      contact: 'Li Wei',
      phone: '123',
    },
    lines: [
      { lineId: 'L1', modelId: 'thinkpad-t14', quantity },
      { lineId: 'L2', modelId: 'thinkcentre-m90', quantity: 2 },
    ],
    replacementOf: null,
  },
});

const policy = { providerId: 'lp-sf', rejectionRate: 0, seed: 'seed-1', stepSeconds: 60 };
const now = new Date('2026-12-15T01:00:00.000Z');

describe('which events the simulated provider acts on', () => {
  it('acts on shipments assigned to itself only', () => {
    expect(isAssignmentFor(assignment(), 'lp-sf')).toBe(true);
    expect(isAssignmentFor(assignment(), 'lp-jd')).toBe(false);
    expect(isAssignmentFor({ ...assignment(), type: 'logistics.shipment-cancelled.v1' }, 'lp-sf')).toBe(
      false,
    );
    expect(isAssignmentFor(null, 'lp-sf')).toBe(false);
  });
});

describe('the walk of an assigned shipment', () => {
  const commands = planWalk(assignment(), policy, now);

  it('reports every status in order and then signs the acceptance receipt', () => {
    expect(commands.map((c) => (c.type === 'ReportShipmentStatus' ? c.data.status : c.type))).toEqual([
      ...WALK,
      'SignAcceptanceReceipt',
    ]);
  });
  it('spaces the reports by the simulated step', () => {
    expect(commands.map((c) => c.issuedAt)).toEqual([
      '2026-12-15T01:00:00.000Z',
      '2026-12-15T01:01:00.000Z',
      '2026-12-15T01:02:00.000Z',
      '2026-12-15T01:03:00.000Z',
      '2026-12-15T01:04:00.000Z',
      '2026-12-15T01:05:00.000Z',
    ]);
  });
  it('gives a pick-up note number with PICKED_UP', () => {
    expect(commands[1]).toMatchObject({ data: { status: 'PICKED_UP', pickUpNoteNo: 'PU-shp-1' } });
  });
  it('accepts every unit, one serial each, with top satisfaction when nothing is rejected', () => {
    const receipt = commands[5];
    expect(receipt.type).toBe('SignAcceptanceReceipt');
    if (receipt.type !== 'SignAcceptanceReceipt') return;
    expect(receipt.data.units).toHaveLength(6);
    expect(new Set(receipt.data.units.map((u) => u.serial)).size).toBe(6);
    expect(receipt.data.units.every((u) => u.result === 'ACCEPTED')).toBe(true);
    expect(receipt.data).toMatchObject({ satisfaction: 5, signatory: 'Li Wei', receiptId: 'RC-shp-1' });
  });
  it('sends only commands that satisfy the partner command schema', () => {
    for (const c of commands) expect(validatePartnerCommand(c)).toEqual([]);
  });
  it('repeats the same command ids for a redelivered assignment, so the API changes nothing twice', () => {
    const again = planWalk(assignment(), policy, new Date('2026-12-16T00:00:00.000Z'));
    expect(again.map((c) => c.id)).toEqual(commands.map((c) => c.id));
    expect(commands[0].id).toBe('lp-sf:evt-1:READY_TO_SHIP');
  });
});

describe('rejections on inspection', () => {
  it('rejects about the configured share of units, with a defect each', () => {
    const units = inspect(assignment(400), { rejectionRate: 0.25, seed: 'seed-1' });
    const rejected = units.filter((u) => u.result === 'REJECTED');
    expect(rejected.length / units.length).toBeGreaterThan(0.18);
    expect(rejected.length / units.length).toBeLessThan(0.32);
    expect(rejected.every((u) => typeof u.defect === 'string' && u.defect.length > 0)).toBe(true);
  });
  it('rejects the same serials for the same seed, and others for another seed', () => {
    const rejectedSerials = (seed: string) =>
      inspect(assignment(50), { rejectionRate: 0.3, seed })
        .filter((u) => u.result === 'REJECTED')
        .map((u) => u.serial);
    expect(rejectedSerials('seed-1')).toEqual(rejectedSerials('seed-1'));
    expect(rejectedSerials('seed-1')).not.toEqual(rejectedSerials('seed-2'));
  });
  it('rejects nothing at rate 0 and everything at rate 1', () => {
    expect(inspect(assignment(), { rejectionRate: 0, seed: 's' }).every((u) => u.result === 'ACCEPTED')).toBe(
      true,
    );
    expect(inspect(assignment(), { rejectionRate: 1, seed: 's' }).every((u) => u.result === 'REJECTED')).toBe(
      true,
    );
  });
  it('lowers satisfaction when units are rejected', () => {
    const units = inspect(assignment(), { rejectionRate: 0, seed: 's' });
    expect(satisfactionFor(units)).toBe(5);
    expect(satisfactionFor([{ ...units[0], result: 'REJECTED', defect: 'x' }, ...units.slice(1)])).toBe(3);
    expect(satisfactionFor(units.map((u) => ({ ...u, result: 'REJECTED' as const, defect: 'x' })))).toBe(1);
  });
  it('draws uniformly distributed numbers in [0, 1)', () => {
    const draws = Array.from({ length: 2_000 }, (_, i) => draw('s', `k${i}`));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(0.5, 1);
  });
});

describe('what a failed report leads to', () => {
  it.each([
    [401, 'relogin'],
    [404, 'retry'],
    [409, 'retry'],
    [503, 'retry'],
    [400, 'skip'],
    [403, 'skip'],
    [422, 'skip'],
  ] as const)('HTTP %i → %s', (status, action) => {
    expect(onFailure(status)).toBe(action);
  });
});
