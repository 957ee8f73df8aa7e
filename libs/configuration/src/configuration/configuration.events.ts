import { type DomainEvent } from '@kamflow/eventsourcing';
import { type Money } from '@kamflow/shared-kernel';
import { type Violation } from '../cto/violation';

/** The line's configuration is valid and priced; it pins the catalog version it was validated against. */
export type ConfigurationValidated = DomainEvent<
  'ConfigurationValidated',
  {
    orderId: string;
    lineId: string;
    accountId: string;
    modelId: string;
    optionIds: string[];
    quantity: number;
    /** Echo of the command's configuration round, when given. */
    configurationRound?: number;
    catalogId: string;
    catalogVersion: number;
    listUnitPrice: Money;
    unitPrice: Money;
    discountBp: number;
    /** unitPrice × quantity. */
    lineTotal: Money;
    /** Business days from release to a shippable unit (assembly + slowest option). */
    leadTimeDays: number;
  }
>;

/** The line's configuration breaks catalog rules; the line cannot proceed until amended. */
export type ConfigurationRejected = DomainEvent<
  'ConfigurationRejected',
  {
    orderId: string;
    lineId: string;
    accountId: string;
    modelId: string;
    optionIds: string[];
    quantity: number;
    /** Echo of the command's configuration round, when given. */
    configurationRound?: number;
    catalogId: string;
    catalogVersion: number;
    /** Every violation: which rule, which options. */
    violations: Violation[];
  }
>;

/** Events of the configuration aggregate. */
export type ConfigurationEvent = ConfigurationValidated | ConfigurationRejected;
