import { assertNever, type Decider } from '@kamflow/eventsourcing';
import { type OrderCommand } from './order.commands';
import { amendOrder, cancelOrder } from './order.decide-change';
import {
  recordAcceptance,
  recordInvoiceIssued,
  recordInvoicePaid,
  recordShipmentCancelled,
  recordShipmentDispatched,
} from './order.decide-fulfilment';
import { placeOrder } from './order.decide-place';
import { planReplacementShipment, planShipment } from './order.decide-planning';
import {
  recordCreditDecision,
  recordLineConfiguration,
  releaseOrder,
  reviewContract,
} from './order.decide-review';
import { type OrderEvent } from './order.events';
import { evolveOrder } from './order.evolve';
import { initialOrderState, type OrderState } from './order.state';
import { validateOrderCommand } from './order.validate';

/** The stream of one order. */
export const orderStreamId = (orderId: string): string => `order-${orderId}`;

/**
 * Decides an order command against the folded order: first its shape (`validateOrderCommand`), then
 * the rules. Throws a `DomainError` on refusal.
 */
export function decideOrder(command: OrderCommand, state: OrderState): OrderEvent[] {
  validateOrderCommand(command);
  switch (command.type) {
    case 'PlaceOrder':
      return placeOrder(command, state);
    case 'ReviewContract':
      return reviewContract(command, state);
    case 'RecordLineConfiguration':
      return recordLineConfiguration(command, state);
    case 'RecordCreditDecision':
      return recordCreditDecision(command, state);
    case 'ReleaseOrder':
      return releaseOrder(command, state);
    case 'AmendOrder':
      return amendOrder(command, state);
    case 'CancelOrder':
      return cancelOrder(command, state);
    case 'PlanOrderShipment':
      return planShipment(command, state);
    case 'PlanReplacementShipment':
      return planReplacementShipment(command, state);
    case 'RecordShipmentDispatched':
      return recordShipmentDispatched(command, state);
    case 'RecordShipmentCancelled':
      return recordShipmentCancelled(command, state);
    case 'RecordAcceptance':
      return recordAcceptance(command, state);
    case 'RecordInvoiceIssued':
      return recordInvoiceIssued(command, state);
    case 'RecordInvoicePaid':
      return recordInvoicePaid(command, state);
    default:
      return assertNever(command, 'order command');
  }
}

/**
 * The order aggregate (stream `order-<orderId>`): the consistency boundary for the order's lines
 * and quantities. Other contexts' outcomes are recorded on it by the process manager.
 */
export const orderDecider: Decider<OrderState, OrderCommand, OrderEvent> = {
  initialState: initialOrderState,
  evolve: evolveOrder,
  decide: decideOrder,
};
