import { type AccountTier, type Channel, type Money, type ServiceModel } from '@kamflow/shared-kernel';

/** Where a line's units are delivered (and inspected). */
export interface DeliveryAddress {
  readonly region: string;
  readonly city: string;
  readonly address: string;
  readonly contact: string;
  readonly phone: string;
}

/** The key account as the order records it when placed (a snapshot, not a live reference). */
export interface OrderAccount {
  readonly accountId: string;
  readonly name: string;
  readonly tier: AccountTier;
  readonly region: string;
  readonly serviceModel: ServiceModel;
  /** Set for `COMMERCE_PROVIDER` accounts: the provider that supplies and collects. */
  readonly commerceProviderId?: string;
  readonly accountManager: string;
}

/** Who signed the order: the order desk or the agent (客户经理只管谈判不管签单). */
export type SignatoryKind = 'ORDER_DESK' | 'AGENT';

export interface Signatory {
  readonly kind: SignatoryKind;
  readonly name: string;
}

/** The sales channel of an order. */
export type OrderChannel = Channel;

/** A line as placed or amended: one CTO configuration, a quantity, a date and an address. */
export interface OrderLineSpec {
  readonly lineId: string;
  readonly modelId: string;
  readonly optionIds: readonly string[];
  readonly quantity: number;
  /** `YYYY-MM-DD`. */
  readonly requestedDate: string;
  readonly deliveryAddress: DeliveryAddress;
}

/** One rule a configuration broke, as the configuration context reported it. */
export interface ConfigurationViolation {
  readonly code: string;
  readonly message: string;
  readonly ruleId?: string;
  readonly optionIds?: readonly string[];
}

/** Units of one line on a shipment. */
export interface ShipmentLine {
  readonly lineId: string;
  readonly quantity: number;
}

/** The inspection result of one line of a shipment (验机). */
export interface InspectedLine {
  readonly lineId: string;
  readonly accepted: number;
  readonly rejected: number;
}

/** The promised date of one line, computed on release (准确的供货承诺). */
export interface LineCommitment {
  readonly lineId: string;
  readonly leadTimeDays: number;
  readonly requestedDate: string;
  readonly promisedDate: string;
}

/** Outcomes of the credit review as the credit context reports them. */
export type CreditOutcome = 'APPROVED' | 'HELD' | 'AWAITING_SECOND_SIGNATURE' | 'RELEASED' | 'REJECTED';

/** What a credit decision recorded on the order carries. */
export interface CreditDecisionData {
  readonly orderId: string;
  /** The order total the decision was made on. */
  readonly amount: Money;
  /** Grade, limit, exposure, policy version...: opaque to ordering, kept for the audit trail. */
  readonly snapshot: Readonly<Record<string, unknown>>;
  readonly reason?: string;
  readonly decidedBy?: string;
  readonly decidedAt: string;
}
