import { MAX_ID_LENGTH, requireInstant, requireObject, requireText } from '@kamflow/shared-kernel';
import { type OrderProcessCommand } from './order-process';

const id = (value: unknown, field: string) => requireText(value, field, { max: MAX_ID_LENGTH });

/**
 * The shape of an order process command, checked before any rule: ids bounded readable text, times
 * ISO 8601 instants (the overdue timer compares them). `COMMAND.INVALID_FIELD` naming the field.
 */
export function validateOrderProcessCommand(command: OrderProcessCommand): void {
  const d = requireObject(command.data, 'data');
  id(d.orderId, 'orderId');
  id(d.shipmentId, 'shipmentId');
  switch (command.type) {
    case 'TrackDelivery':
      id(d.providerId, 'providerId');
      requireInstant(d.deliveredAt, 'deliveredAt');
      requireInstant(d.acceptanceDueAt, 'acceptanceDueAt');
      return;
    case 'TrackAcceptanceSigned':
      requireInstant(d.signedAt, 'signedAt');
      return;
    case 'CheckAcceptanceOverdue':
      return;
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
