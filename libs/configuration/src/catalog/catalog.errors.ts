import { DomainError } from '@kamflow/eventsourcing';
import { type ContentIssue } from './catalog-consistency';

/** Only an admin may publish a catalog version. */
export class CatalogForbiddenError extends DomainError {
  constructor(actorId: string) {
    super('CATALOG.FORBIDDEN', `${actorId} may not publish catalog versions (admin only)`, 'forbidden', {
      actorId,
    });
  }
}

/** The version is not greater than the last published version. */
export class CatalogVersionNotIncreasingError extends DomainError {
  constructor(catalogId: string, version: number, currentVersion: number) {
    super(
      'CATALOG.VERSION_NOT_INCREASING',
      `Catalog ${catalogId} is at version ${currentVersion}; version ${version} is not greater`,
      'conflict',
      { catalogId, version, currentVersion },
    );
  }
}

/** The content is not internally consistent; `details.issues` lists every problem. */
export class CatalogInvalidContentError extends DomainError {
  constructor(catalogId: string, issues: ContentIssue[]) {
    super(
      'CATALOG.INVALID_CONTENT',
      `Catalog ${catalogId} content has ${issues.length} issue(s): ${issues
        .slice(0, 3)
        .map((i) => `${i.path} ${i.message}`)
        .join('; ')}`,
      'invalid',
      { catalogId, issues },
    );
  }
}
