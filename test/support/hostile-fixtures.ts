import { type Client, orderBody } from './app-harness';
import { deliver, orderWhen, planShipment, signReceipt, units } from './flow';
import { type Operation } from './openapi-operations';

/** Real ids for path parameters, so generated requests also reach existing aggregates. */
export interface KnownIds {
  orders: string[];
  shipments: string[];
  invoices: string[];
  accounts: string[];
  creditChanges: string[];
}

/**
 * One released order with a delivered, signed shipment (an open invoice) and a planned one; one order
 * still under review; one pending credit change on a demo account.
 */
export async function buildKnownIds(users: {
  desk: Client;
  reviewer: Client;
  logistics: Client;
  analyst: Client;
}): Promise<KnownIds> {
  const { desk, reviewer, logistics, analyst } = users;
  const placed = await desk.post('/orders', orderBody({ customerPo: 'PO-HOSTILE' }, { quantity: 3 }));
  if (placed.status !== 201) throw new Error(`place: ${placed.status} ${JSON.stringify(placed.body)}`);
  const orderId = placed.body.id as string;
  await reviewer.post(`/orders/${orderId}/contract-review`, { decision: 'APPROVE' });
  await orderWhen(desk, orderId, (o) => expect(o.status).toBe('RELEASED'));
  const delivered = await planShipment(desk, orderId, [{ lineId: 'L1', quantity: 2 }]);
  const planned = await planShipment(desk, orderId, [{ lineId: 'L1', quantity: 1 }]);
  await deliver(logistics, delivered);
  await signReceipt(logistics, delivered, units('SN-H', 'L1', 2));
  const invoiced = await orderWhen(desk, orderId, (o) => expect(o.invoices).toHaveLength(1));
  const review = await desk.post('/orders', orderBody({ customerPo: 'PO-HOSTILE-2' }));
  const change = await analyst.post('/accounts/acc-sgcc/credit-changes', {
    paymentTermsDays: 45,
    reason: 'hostile-input fixture',
  });
  if (change.status >= 300) throw new Error(`credit change: ${change.status} ${JSON.stringify(change.body)}`);
  return {
    orders: [orderId, review.body.id as string],
    shipments: [delivered, planned],
    invoices: [invoiced.invoices[0].id as string],
    accounts: ['acc-sgcc'],
    creditChanges: [change.body.id as string],
  };
}

/** The known ids fitting a path parameter of `op` (by the resource its path names). */
export function idsFor(known: KnownIds, param: string, op: Operation): string[] {
  if (param !== 'id') return [];
  const resource = op.path.split('/')[1];
  switch (resource) {
    case 'orders':
      return known.orders;
    case 'shipments':
      return known.shipments;
    case 'invoices':
      return known.invoices;
    case 'accounts':
      return known.accounts;
    case 'credit-changes':
      return known.creditChanges;
    default:
      return [];
  }
}
