import { type Actor, DomainError, type ErrorKind } from '@kamflow/eventsourcing';
import { hasRole, type Role } from '@kamflow/shared-kernel';
import { type Order, type OrderShipment, type OrderState } from './order.state';

/** Stable error codes of the order aggregate, with the kind the edges map to a transport status. */
export const ORDER_ERRORS = {
  'ORDER.NOT_FOUND': 'not-found',
  'ORDER.ALREADY_PLACED': 'conflict',
  'ORDER.FORBIDDEN': 'forbidden',
  'ORDER.ACCOUNT_MANAGER_CANNOT_SIGN': 'forbidden',
  'ORDER.AGENT_MUST_SIGN_AS_AGENT': 'forbidden',
  'ORDER.AGENT_SIGNATURE_REQUIRES_AGENT_CHANNEL': 'rule',
  'ORDER.CHANNEL_NOT_ALLOWED': 'rule',
  'ORDER.MISSING_FIELD': 'invalid',
  'ORDER.NO_LINES': 'invalid',
  'ORDER.INVALID_QUANTITY': 'invalid',
  'ORDER.DUPLICATE_LINE': 'invalid',
  'ORDER.INVALID_DATE': 'invalid',
  'ORDER.REQUESTED_DATE_IN_PAST': 'rule',
  'ORDER.LINE_NOT_FOUND': 'invalid',
  'ORDER.REASON_REQUIRED': 'invalid',
  'ORDER.CLOSED': 'conflict',
  'ORDER.CONTRACT_ALREADY_REVIEWED': 'conflict',
  'ORDER.INVALID_CONFIGURATION_OUTCOME': 'invalid',
  'ORDER.NOT_READY_FOR_RELEASE': 'conflict',
  'ORDER.NOT_AMENDABLE': 'conflict',
  'ORDER.QUANTITY_BELOW_PLANNED': 'rule',
  'ORDER.NOT_CANCELLABLE': 'conflict',
  'ORDER.NOT_RELEASED': 'conflict',
  'ORDER.QUANTITY_EXCEEDS_ORDER': 'rule',
  'ORDER.PLANNED_DATE_IN_PAST': 'rule',
  'ORDER.SHIPMENT_ALREADY_PLANNED': 'conflict',
  'ORDER.SHIPMENT_NOT_FOUND': 'not-found',
  'ORDER.SHIPMENT_NOT_INSPECTED': 'conflict',
  'ORDER.REPLACEMENT_EXCEEDS_REJECTED': 'rule',
  'ORDER.SHIPMENT_CANCELLED': 'conflict',
  'ORDER.SHIPMENT_ALREADY_ACCEPTED': 'conflict',
  'ORDER.ACCEPTANCE_QUANTITY_MISMATCH': 'invalid',
  'ORDER.NOTHING_TO_INVOICE': 'conflict',
  'ORDER.INVOICE_NOT_FOUND': 'not-found',
} as const satisfies Record<string, ErrorKind>;

export type OrderErrorCode = keyof typeof ORDER_ERRORS;

/** A refusal of the order aggregate; `details.field` names the offending input where there is one. */
export class OrderError extends DomainError {
  constructor(
    override readonly code: OrderErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(code, message, ORDER_ERRORS[code], details);
  }
}

/** The placed order, or ORDER.NOT_FOUND. */
export function requireOrder(state: OrderState, orderId: string): Order {
  if (state.status === 'NONE')
    throw new OrderError('ORDER.NOT_FOUND', `Order ${orderId} was not found`, { orderId });
  return state;
}

/** The order's shipment, or ORDER.SHIPMENT_NOT_FOUND. */
export function requireShipment(order: Order, shipmentId: string): OrderShipment {
  const shipment = order.shipments.find((s) => s.shipmentId === shipmentId);
  if (!shipment)
    throw new OrderError('ORDER.SHIPMENT_NOT_FOUND', `Order ${order.orderId} has no shipment ${shipmentId}`, {
      shipmentId,
    });
  return shipment;
}

/** Refuses an actor holding none of `roles`. */
export function requireRole(actor: Actor, action: string, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) {
    throw new OrderError(
      'ORDER.FORBIDDEN',
      `${actor.id} may not ${action}: needs one of ${roles.join(', ')}`,
      {
        actorId: actor.id,
        requiredRoles: roles,
      },
    );
  }
}

/** Refuses a blank reason. */
export function requireReason(reason: string | undefined, field = 'reason'): string {
  const trimmed = reason?.trim() ?? '';
  if (!trimmed) throw new OrderError('ORDER.REASON_REQUIRED', 'A reason is required', { field });
  return trimmed;
}
