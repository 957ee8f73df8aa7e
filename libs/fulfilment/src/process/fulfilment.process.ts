import { type RecordedEvent, streamCategory } from '@kamflow/eventsourcing';
import {
  reactToAcceptance,
  reactToAccount,
  reactToConfiguration,
  reactToCreditAccount,
  reactToCreditChange,
  reactToInvoice,
  reactToShipment,
} from './context-reactions';
import { reactToOrder } from './order-reactions';
import { type FulfilmentPorts, reaction, type Reaction } from './reaction';

/** The stream categories the fulfilment process listens to. */
export const FULFILMENT_CATEGORIES = [
  'account',
  'creditChange',
  'order',
  'configuration',
  'creditAccount',
  'shipment',
  'acceptance',
  'invoice',
] as const;

/**
 * The fulfilment process manager (event → commands): drives each order through configuration, credit,
 * release, delivery, acceptance, invoicing and payment, with compensation on cancel and deadlines as timers.
 */
export async function reactToFulfilmentEvent(
  event: RecordedEvent,
  ports: FulfilmentPorts,
): Promise<Reaction> {
  switch (streamCategory(event.streamId)) {
    case 'account':
      return reactToAccount(event);
    case 'creditChange':
      return reactToCreditChange(event);
    case 'order':
      return reactToOrder(event, ports);
    case 'configuration':
      return reactToConfiguration(event);
    case 'creditAccount':
      return reactToCreditAccount(event);
    case 'shipment':
      return reactToShipment(event, ports);
    case 'acceptance':
      return reactToAcceptance(event, ports);
    case 'invoice':
      return reactToInvoice(event);
    default:
      return reaction();
  }
}

/**
 * What the process may handle side by side: one order's events (whatever stream they are on) in log
 * order, different orders at the same time. Events without an order (accounts, credit terms) go by stream.
 */
export function fulfilmentKeyOf(event: RecordedEvent): string {
  if (streamCategory(event.streamId) === 'order') return `order:${event.streamId.slice('order-'.length)}`;
  const data = event.data as { orderId?: unknown } | null;
  return data && typeof data.orderId === 'string' ? `order:${data.orderId}` : event.streamId;
}
