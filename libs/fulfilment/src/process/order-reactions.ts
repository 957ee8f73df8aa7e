import { type RecordedEvent } from '@kamflow/eventsourcing';
import {
  orderTotal,
  readyForCreditReview,
  readyForRelease,
  type OrderCancelled,
  type OrderPlaced,
  type OrderAmended,
  type OrderShipmentPlanned,
  type OrderReplacementShipmentPlanned,
  type OrderState,
} from '@kamflow/ordering';
import { cmd, type FulfilmentPorts, reaction, type Reaction, type ReactionCommand } from './reaction';

type LineToValidate = OrderPlaced['data']['lines'][number];

function validateLines(event: RecordedEvent, order: OrderState, lines: readonly LineToValidate[]): ReactionCommand[] {
  if (order.status === 'NONE') return [];
  return lines.map((line) =>
    cmd(`${event.eventId}:configure:${line.lineId}`, 'ValidateLineConfiguration', {
      orderId: order.orderId,
      lineId: line.lineId,
      accountId: order.account.accountId,
      modelId: line.modelId,
      optionIds: [...line.optionIds],
      quantity: line.quantity,
      channel: order.channel,
      region: line.deliveryAddress.city,
      tier: order.account.tier,
      configurationRound: line.configurationRound,
    }),
  );
}

/** Reactions to the order's own events: reviews, release, compensation, shipments. */
export async function reactToOrder(event: RecordedEvent, ports: FulfilmentPorts): Promise<Reaction> {
  const orderId = (event.data as { orderId: string }).orderId;
  const order = await ports.orderAt(orderId, event.streamRevision);
  if (order.status === 'NONE') return reaction();
  const accountId = order.account.accountId;
  switch (event.type) {
    case 'OrderPlaced':
      return reaction(validateLines(event, order, (event.data as OrderPlaced['data']).lines));
    case 'OrderAmended': {
      const data = event.data as OrderAmended['data'];
      return reaction(validateLines(event, order, data.lines.filter((l) => l.quantity > 0)));
    }
    case 'OrderLineConfigured':
      if (!readyForCreditReview(order)) return reaction();
      return reaction([cmd(`${event.eventId}:credit`, 'ReviewOrderCredit', { accountId, orderId, amount: orderTotal(order) })]);
    case 'ContractApproved':
    case 'OrderCreditApproved':
    case 'OrderCreditReleased':
      return readyForRelease(order) ? reaction([cmd(`${event.eventId}:release`, 'ReleaseOrder', { orderId })]) : reaction();
    case 'ContractRejected':
      return reaction([
        cmd(`${event.eventId}:withdraw`, 'WithdrawOrderCredit', { accountId, orderId, reason: 'Contract rejected' }),
      ]);
    case 'OrderCompleted':
      return reaction([
        cmd(`${event.eventId}:withdraw`, 'WithdrawOrderCredit', { accountId, orderId, reason: 'Order completed' }),
      ]);
    case 'OrderCancelled': {
      const data = event.data as OrderCancelled['data'];
      return reaction([
        cmd(`${event.eventId}:withdraw`, 'WithdrawOrderCredit', { accountId, orderId, reason: `Order cancelled: ${data.reason}` }),
        ...data.plannedShipmentIds.map((shipmentId) =>
          cmd(`${event.eventId}:cancel:${shipmentId}`, 'CancelShipment', { shipmentId, reason: 'Order cancelled' }),
        ),
      ]);
    }
    case 'OrderShipmentPlanned':
    case 'OrderReplacementShipmentPlanned': {
      const data = event.data as OrderShipmentPlanned['data'] & Partial<OrderReplacementShipmentPlanned['data']>;
      const modelOf = (lineId: string) => order.lines.find((l) => l.lineId === lineId)?.modelId ?? 'unknown';
      return reaction([
        cmd(`${event.eventId}:plan`, 'PlanShipment', {
          shipmentId: data.shipmentId,
          orderId,
          accountId,
          providerId: data.providerId,
          plannedDate: data.plannedDate,
          deliveryAddress: data.deliveryAddress,
          lines: data.lines.map((l) => ({ lineId: l.lineId, modelId: modelOf(l.lineId), quantity: l.quantity })),
          ...(data.replacesShipmentId ? { replacesShipmentId: data.replacesShipmentId } : {}),
        }),
      ]);
    }
    default:
      return reaction();
  }
}
