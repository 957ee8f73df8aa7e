import { type Command } from '@kamflow/eventsourcing';
import { type CatalogContent } from './catalog.types';

/** Publishes a new version of a catalog. Admin only; the version must exceed the last published one. */
export type PublishCatalogVersion = Command<
  'PublishCatalogVersion',
  {
    catalogId: string;
    content: CatalogContent;
  }
>;

/** Commands of the catalog aggregate (stream `catalog-<catalogId>`). */
export type CatalogCommand = PublishCatalogVersion;
