import { projectEvents } from '../apply';
import { deskScenario } from '../testing/desk-scenario';
import { deskScenarioClosing } from '../testing/desk-scenario-closing';
import { recordScenario } from '../testing/record-scenario';
import { type WorkItemRow } from './work-items';
import { workQueuesProjection } from './work-queues.projection';

const items = (events: ReturnType<typeof deskScenario>) =>
  projectEvents(workQueuesProjection, recordScenario(events)).rm_work_items as WorkItemRow[];

describe('the work-queues projection', () => {
  describe('given a day of orders', () => {
    const queue = items(deskScenario());
    const find = (id: string) => queue.find((i) => i.id === id);

    it('lists orders awaiting contract review since they were placed, and drops approved ones', () => {
      expect(queue.filter((i) => i.queue === 'contract-review').map((i) => i.order_id)).toEqual([
        'SO-2',
        'SO-3',
      ]);
      expect(find('contract-review:SO-2')).toMatchObject({
        since: '2026-11-27T09:00:00.000Z',
        account_manager: 'other',
      });
    });

    it('keeps a credit hold with its snapshot until released', () => {
      expect(queue.filter((i) => i.queue === 'credit-holds').map((i) => i.order_id)).toEqual(['SO-3']);
      expect(find('credit-holds:SO-3')).toMatchObject({
        since: '2026-11-28T09:00:05.000Z',
        account_id: 'acc-1',
        details: {
          creditStatus: 'HELD',
          snapshot: { grade: 'C', limit: 1_000_000 },
          amount: { amount: 200_000 },
        },
      });
    });

    it('lists an order with a rejected line configuration, with its violations', () => {
      expect(find('invalid-configuration:SO-2')).toMatchObject({
        since: '2026-11-27T09:00:01.000Z',
        details: { lines: [{ lineId: 'L1', violations: [{ code: 'RULE.EXCLUDES' }] }] },
      });
    });

    it('drops a failed delivery once it is rescheduled', () => {
      expect(find('failed-deliveries:SH-1')).toBeUndefined();
      const failedOnly = items(deskScenario().slice(0, 13));
      expect(failedOnly.find((i) => i.id === 'failed-deliveries:SH-1')).toMatchObject({
        queue: 'failed-deliveries',
        order_id: 'SO-1',
        shipment_id: 'SH-1',
        account_id: 'acc-1',
        account_manager: 'manager',
        since: '2026-11-30T09:00:00.000Z',
        details: { providerId: 'lp-sf', reason: '车辆故障' },
      });
    });

    it('shows an overdue acceptance since its due date', () => {
      expect(find('acceptance-overdue:SH-1')).toMatchObject({
        since: '2026-12-06T10:00:00.000Z',
        account_manager: 'manager',
      });
    });
  });

  it('clears the overdue acceptance when the receipt is received', () => {
    const queue = items([...deskScenario(), ...deskScenarioClosing()]);
    expect(queue.find((i) => i.queue === 'acceptance-overdue')).toBeUndefined();
  });
});
