import { type Command } from '@kamflow/eventsourcing';
import { type AccountTier, type Channel } from '@kamflow/shared-kernel';
import { type CatalogContent } from '../catalog/catalog.types';

/**
 * Validates and prices one order line's CTO configuration (特配) against the catalog version the
 * handler loaded (normally the current one). Issued when an order is placed and again after an amendment.
 */
export type ValidateLineConfiguration = Command<
  'ValidateLineConfiguration',
  {
    orderId: string;
    lineId: string;
    accountId: string;
    modelId: string;
    optionIds: string[];
    /** Units on the line, an integer ≥ 1. */
    quantity: number;
    channel: Channel;
    /** Delivery region (city) of the line. */
    region: string;
    tier: AccountTier;
    catalog: CatalogContent;
    /** The order line's configuration round, echoed on the outcome so stale outcomes can be told apart. */
    configurationRound?: number;
  }
>;

/** Commands of the configuration aggregate (stream `configuration-<orderId>.<lineId>`). */
export type ConfigurationCommand = ValidateLineConfiguration;
