import { type CatalogContent } from './catalog.types';

/** A catalog never published. */
export interface EmptyCatalog {
  status: 'empty';
}

/** A catalog with at least one published version; every version stays readable. */
export interface PublishedCatalog {
  status: 'published';
  catalogId: string;
  /** The latest published version number. */
  currentVersion: number;
  /** Every published version, ascending by version. */
  versions: CatalogContent[];
}

/** State of the catalog aggregate. */
export type CatalogState = EmptyCatalog | PublishedCatalog;

/**
 * The catalog content of `version`, or the current version when omitted.
 * Undefined when the catalog is empty or never had that version.
 */
export function catalogVersion(state: CatalogState, version?: number): CatalogContent | undefined {
  if (state.status === 'empty') return undefined;
  const wanted = version ?? state.currentVersion;
  return state.versions.find((v) => v.version === wanted);
}
