import { streamCategory } from '@kamflow/eventsourcing';

/** Which bounded context owns each stream category, i.e. which context topic its events go to. */
export const CATEGORY_CONTEXTS: Readonly<Record<string, string>> = {
  order: 'ordering',
  configuration: 'configuration',
  catalog: 'configuration',
  creditAccount: 'credit',
  creditChange: 'credit',
  creditReview: 'credit',
  shipment: 'delivery',
  acceptance: 'acceptance',
  invoice: 'billing',
  providerLedger: 'billing',
  orderProcess: 'fulfilment',
  account: 'accounts',
  provider: 'accounts',
};

/** Where events of a category nobody mapped go, so that they are published (and noticed), not lost. */
export const UNROUTED_CONTEXT = 'unrouted';

/** Every context the relay may publish to (one events topic each), `unrouted` included. */
export const RELAY_CONTEXTS: readonly string[] = [
  ...new Set([...Object.values(CATEGORY_CONTEXTS), UNROUTED_CONTEXT]),
];

/** The context that owns a stream (`order-42` → `ordering`); {@link UNROUTED_CONTEXT} when unmapped. */
export function contextOfStream(streamId: string): string {
  return CATEGORY_CONTEXTS[streamCategory(streamId)] ?? UNROUTED_CONTEXT;
}
