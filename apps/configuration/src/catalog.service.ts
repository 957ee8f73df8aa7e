import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, NotFoundError } from '@kamflow/eventsourcing';
import {
  type CatalogContent,
  catalogDecider,
  catalogStreamId,
  catalogVersion,
  DEMO_CATALOG_ID,
} from '@kamflow/configuration';

/** The catalog as its stream says, cached by revision (the catalog changes rarely and is read per line). */
@Injectable()
export class CatalogService {
  readonly catalogId = process.env.CATALOG_ID ?? DEMO_CATALOG_ID;
  private cache?: { revision: number; state: ReturnType<typeof catalogDecider.initialState> };

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The current version, or the one named. */
  async content(version?: number): Promise<CatalogContent> {
    const state = await this.state();
    const content = catalogVersion(state, version);
    if (!content) throw new NotFoundError('catalog', version === undefined ? this.catalogId : `${this.catalogId}@${version}`);
    return content;
  }

  private async state() {
    const from = this.cache ? this.cache.revision + 1 : 0;
    const { events, revision } = await this.store.readStream(catalogStreamId(this.catalogId), { fromRevision: from });
    if (!this.cache || revision > this.cache.revision) {
      const base = this.cache?.state ?? catalogDecider.initialState();
      const state = events.reduce((s, e) => catalogDecider.evolve(s, e as never), base);
      this.cache = { revision, state };
    }
    return this.cache.state;
  }
}

