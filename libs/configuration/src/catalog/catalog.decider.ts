import { assertNever, type Decider } from '@kamflow/eventsourcing';
import { hasRole, Roles } from '@kamflow/shared-kernel';
import { checkCatalogContent, type ContentIssue } from './catalog-consistency';
import { type CatalogCommand, type PublishCatalogVersion } from './catalog.commands';
import {
  CatalogForbiddenError,
  CatalogInvalidContentError,
  CatalogVersionNotIncreasingError,
} from './catalog.errors';
import { type CatalogEvent } from './catalog.events';
import { catalogVersion, type CatalogState } from './catalog.state';
import { type CatalogContent } from './catalog.types';
import { validateCatalogCommand } from './catalog.validate';

/** Stream of a catalog: `catalog-<catalogId>`. */
export const catalogStreamId = (catalogId: string): string => `catalog-${catalogId}`;

const initialState = (): CatalogState => ({ status: 'empty' });

function evolve(state: CatalogState, event: CatalogEvent): CatalogState {
  switch (event.type) {
    case 'CatalogVersionPublished': {
      const previous = state.status === 'published' ? state.versions : [];
      return {
        status: 'published',
        catalogId: event.data.catalogId,
        currentVersion: event.data.version,
        versions: [...previous, event.data.content],
      };
    }
    default:
      return assertNever(event.type, 'catalog event');
  }
}

function decide(command: CatalogCommand, state: CatalogState): CatalogEvent[] {
  if (!hasRole(command.metadata.actor, Roles.Admin))
    throw new CatalogForbiddenError(command.metadata.actor.id);
  validateCatalogCommand(command);
  switch (command.type) {
    case 'PublishCatalogVersion':
      return publish(command, state);
    default:
      return assertNever(command.type, 'catalog command');
  }
}

function publish(command: PublishCatalogVersion, state: CatalogState): CatalogEvent[] {
  const { catalogId, content } = command.data;

  const issues: ContentIssue[] = checkCatalogContent(content);
  if (content.catalogId !== catalogId) {
    issues.unshift({
      path: 'catalogId',
      message: `content is for catalog ${content.catalogId}, not ${catalogId}`,
    });
  }
  if (issues.length > 0) throw new CatalogInvalidContentError(catalogId, issues);

  if (state.status === 'published' && content.version <= state.currentVersion) {
    // A retried seed or publish of the very same version is a no-op rather than a conflict.
    const current = catalogVersion(state);
    if (content.version === state.currentVersion && current && sameContent(current, content)) return [];
    throw new CatalogVersionNotIncreasingError(catalogId, content.version, state.currentVersion);
  }
  return [{ type: 'CatalogVersionPublished', data: { catalogId, version: content.version, content } }];
}

/** Same content, ignoring when it was stamped as published. */
function sameContent(a: CatalogContent, b: CatalogContent): boolean {
  return canonical({ ...a, publishedAt: '' }) === canonical({ ...b, publishedAt: '' });
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The catalog aggregate: publishes immutable, versioned catalog contents (产品BOM, 特配 options and rules).
 * Errors: `CATALOG.FORBIDDEN` (not admin), `CATALOG.INVALID_CONTENT` (inconsistent content, with every
 * issue in `details.issues`), `CATALOG.VERSION_NOT_INCREASING` (version ≤ the last published one).
 */
export const catalogDecider: Decider<CatalogState, CatalogCommand, CatalogEvent> = {
  initialState,
  evolve,
  decide,
};
