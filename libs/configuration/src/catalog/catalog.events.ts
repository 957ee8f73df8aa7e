import { type DomainEvent } from '@kamflow/eventsourcing';
import { type CatalogContent } from './catalog.types';

/** A catalog version was published; configurations validated from now on pin this version. */
export type CatalogVersionPublished = DomainEvent<
  'CatalogVersionPublished',
  {
    catalogId: string;
    version: number;
    content: CatalogContent;
  }
>;

/** Events of the catalog aggregate. */
export type CatalogEvent = CatalogVersionPublished;
