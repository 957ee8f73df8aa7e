import { applyBatch, keysOfBatch, projectEvents, type RowTables } from './apply';
import { ordersProjection } from './orders/orders.projection';
import { deskScenario } from './testing/desk-scenario';
import { deskScenarioClosing } from './testing/desk-scenario-closing';
import { recordScenario } from './testing/record-scenario';
import { workQueuesProjection } from './work-queues/work-queues.projection';

describe('applying events in batches', () => {
  const events = recordScenario([...deskScenario(), ...deskScenarioClosing()]);

  it.each([ordersProjection, workQueuesProjection])(
    'gives the same rows in batches of 5 as all at once ($name)',
    (projection) => {
      const store: RowTables = new Map(projection.tables.map((t) => [t.name, new Map()]));
      for (let i = 0; i < events.length; i += 5) {
        const batch = events.slice(i, i + 5);
        const loaded: RowTables = new Map();
        for (const [table, ids] of keysOfBatch(projection, batch)) {
          loaded.set(table, new Map([...ids].map((id) => [id, store.get(table)?.get(id) ?? null])));
        }
        for (const [table, rows] of applyBatch(projection, loaded, batch).changed) {
          for (const [id, row] of rows) store.get(table)!.set(id, row);
        }
      }
      const batched = Object.fromEntries(
        [...store].map(([t, rows]) => [
          t,
          [...rows.values()].filter((r) => r !== null).sort((a, b) => a.id.localeCompare(b.id)),
        ]),
      );
      expect(batched).toEqual(projectEvents(projection, events));
    },
  );

  it('does not modify the rows it was given', () => {
    const loaded: RowTables = new Map([['rm_orders', new Map([['SO-1', null]])]]);
    applyBatch(ordersProjection, loaded, events.slice(0, 1));
    expect(loaded.get('rm_orders')!.get('SO-1')).toBeNull();
  });
});
