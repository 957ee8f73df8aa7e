import { assertNever, type Command, type Decider, DomainError, type DomainEvent } from '@kamflow/eventsourcing';
import { hasRole, Roles } from '@kamflow/shared-kernel';
import { validateOrderProcessCommand } from './order-process.validate';

/** The fulfilment process's own record of an order: which deliveries await their acceptance receipt. */
export type TrackDelivery = Command<
  'TrackDelivery',
  { orderId: string; shipmentId: string; providerId: string; deliveredAt: string; acceptanceDueAt: string }
>;
export type TrackAcceptanceSigned = Command<'TrackAcceptanceSigned', { orderId: string; shipmentId: string; signedAt: string }>;
export type CheckAcceptanceOverdue = Command<'CheckAcceptanceOverdue', { orderId: string; shipmentId: string }>;
export type OrderProcessCommand = TrackDelivery | TrackAcceptanceSigned | CheckAcceptanceOverdue;

export type AcceptanceAwaited = DomainEvent<'AcceptanceAwaited', TrackDelivery['data']>;
export type AcceptanceReceived = DomainEvent<'AcceptanceReceived', TrackAcceptanceSigned['data']>;
/** No signed receipt by the deadline: the delivery shows in the acceptance-overdue work queue. */
export type AcceptanceOverdue = DomainEvent<
  'AcceptanceOverdue',
  { orderId: string; shipmentId: string; providerId: string; deliveredAt: string; acceptanceDueAt: string; detectedAt: string }
>;
export type OrderProcessEvent = AcceptanceAwaited | AcceptanceReceived | AcceptanceOverdue;

interface AwaitedAcceptance {
  providerId: string;
  deliveredAt: string;
  acceptanceDueAt: string;
  signedAt?: string;
  overdue: boolean;
}

export interface OrderProcessState {
  acceptances: Record<string, AwaitedAcceptance>;
}

export const orderProcessStreamId = (orderId: string) => `orderProcess-${orderId}`;

function requireSystem(command: OrderProcessCommand): void {
  if (!hasRole(command.metadata.actor, Roles.System)) {
    throw new DomainError('PROCESS.FORBIDDEN', 'Only the fulfilment process records its own steps', 'forbidden');
  }
}

/** The order process stream: durable state of the process manager for one order, with its deadlines. */
export const orderProcessDecider: Decider<OrderProcessState, OrderProcessCommand, OrderProcessEvent> = {
  initialState: () => ({ acceptances: {} }),
  evolve: (state, event) => {
    const acceptances = { ...state.acceptances };
    switch (event.type) {
      case 'AcceptanceAwaited': {
        const { providerId, deliveredAt, acceptanceDueAt } = event.data;
        acceptances[event.data.shipmentId] = { providerId, deliveredAt, acceptanceDueAt, overdue: false };
        break;
      }
      case 'AcceptanceReceived': {
        const a = acceptances[event.data.shipmentId];
        if (a) acceptances[event.data.shipmentId] = { ...a, signedAt: event.data.signedAt, overdue: false };
        break;
      }
      case 'AcceptanceOverdue': {
        const a = acceptances[event.data.shipmentId];
        if (a) acceptances[event.data.shipmentId] = { ...a, overdue: true };
        break;
      }
      default:
        return assertNever(event, 'event');
    }
    return { acceptances };
  },
  decide: (command, state) => {
    requireSystem(command);
    validateOrderProcessCommand(command);
    const current = state.acceptances[command.data.shipmentId];
    switch (command.type) {
      case 'TrackDelivery':
        return current ? [] : [{ type: 'AcceptanceAwaited', data: command.data }];
      case 'TrackAcceptanceSigned':
        return current && !current.signedAt ? [{ type: 'AcceptanceReceived', data: command.data }] : [];
      case 'CheckAcceptanceOverdue': {
        if (!current || current.signedAt || current.overdue) return [];
        if (Date.parse(command.metadata.now) < Date.parse(current.acceptanceDueAt)) return [];
        return [
          {
            type: 'AcceptanceOverdue',
            data: {
              orderId: command.data.orderId,
              shipmentId: command.data.shipmentId,
              providerId: current.providerId,
              deliveredAt: current.deliveredAt,
              acceptanceDueAt: current.acceptanceDueAt,
              detectedAt: command.metadata.now,
            },
          },
        ];
      }
      default:
        return assertNever(command, 'command');
    }
  },
};
