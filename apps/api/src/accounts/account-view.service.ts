import { Injectable } from '@nestjs/common';
import { keyAccountDecider, keyAccountStreamId } from '@kamflow/accounts';
import { creditAccountDecider, creditAccountStreamId } from '@kamflow/credit';
import { NotFoundError } from '@kamflow/eventsourcing';
import { StreamReader } from '../shared/stream-reader.service';
import { accountsFromLog, type CreditView, openCreditView, openingCreditView, registeredTerms } from './account-view';
import { readCategories } from '../shared/paging';

/** Key accounts with their credit account, folded from their streams. */
@Injectable()
export class AccountViewService {
  constructor(private readonly streams: StreamReader) {}

  async view(accountId: string, now = new Date().toISOString()) {
    const account = await this.streams.load(keyAccountDecider, keyAccountStreamId(accountId));
    if (account.state.status === 'none') throw new NotFoundError('account', accountId);
    const credit = await this.streams.load(creditAccountDecider, creditAccountStreamId(accountId));
    let creditView: CreditView | null = null;
    if (credit.state.status === 'open') creditView = openCreditView(credit.state, now);
    else {
      const terms = registeredTerms(account.events);
      if (terms) creditView = openingCreditView(terms);
    }
    return {
      id: accountId,
      revision: account.revision,
      ...account.state.profile,
      registeredAt: account.events[0]?.occurredAt,
      credit: creditView,
      creditRevision: credit.revision,
    };
  }

  /** Every registered account, from the global log (until a read model takes over). */
  async list() {
    return accountsFromLog(await readCategories(this.streams.store, ['account']));
  }
}
