import { Inject, Injectable } from '@nestjs/common';
import {
  keyAccountDecider,
  type KeyAccountProfile,
  keyAccountStreamId,
  providerDecider,
  type ProviderProfile,
  providerStreamId,
} from '@kamflow/accounts';
import { EVENT_STORE, type EventStore, fold, NotFoundError } from '@kamflow/eventsourcing';

/** Reads key accounts and providers from their streams. */
@Injectable()
export class MasterDataService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async account(accountId: string): Promise<KeyAccountProfile> {
    const { events } = await this.store.readStream(keyAccountStreamId(accountId));
    const state = fold(keyAccountDecider, events as never);
    if (state.status === 'none') throw new NotFoundError('account', accountId);
    return state.profile;
  }

  async provider(providerId: string): Promise<ProviderProfile> {
    const { events } = await this.store.readStream(providerStreamId(providerId));
    const state = fold(providerDecider, events as never);
    if (state.status === 'none') throw new NotFoundError('provider', providerId);
    return state.profile;
  }
}
