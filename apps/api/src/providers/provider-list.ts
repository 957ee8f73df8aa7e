import { type ProviderKind } from '@kamflow/accounts';
import { type SqlDatabase } from '@kamflow/event-store';
import { type MasterDataService } from '../master-data/master-data.service';

export const PROVIDER_KINDS: readonly ProviderKind[] = ['LOGISTICS', 'COMMERCE'];

/** A registered provider, as the admin entered it. */
export interface ProviderListItem {
  providerId: string;
  name: string;
  kind: ProviderKind;
  /** The regions (cities) it serves. */
  regions: string[];
}

/**
 * The registered providers, by id: which exist, their names and kinds from the finance read model
 * (it keeps every provider); the regions each serves from its own stream (a handful of short streams).
 */
export async function listProviders(
  db: SqlDatabase,
  masterData: MasterDataService,
  kind?: ProviderKind,
): Promise<{ items: ProviderListItem[]; total: number }> {
  const rows = await db.query<{ id: string; name: string; kind: ProviderKind }>(
    `SELECT id, name, kind FROM rm_fin_providers WHERE ($1::text IS NULL OR kind = $1) ORDER BY id`,
    [kind ?? null],
  );
  const items = await Promise.all(
    rows.map(async (r) => ({
      providerId: r.id,
      name: r.name,
      kind: r.kind,
      regions: (await masterData.provider(r.id)).regions,
    })),
  );
  return { items, total: items.length };
}
