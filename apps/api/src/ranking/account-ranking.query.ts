import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type SqlDatabase } from '@kamflow/event-store';
import { SQL_DATABASE } from '@kamflow/infrastructure';
import { accountsProjection, financeProjection } from '@kamflow/projections';
import { type Money } from '@kamflow/shared-kernel';
import { upTo, type RankingRequest } from '../finance/finance.dto';
import { ReadModelGate } from '../read-models/read-model-gate';
import { pageOf, Where } from '../read-models/sql-list';
import { type Viewer } from '../read-models/viewer';
import { type Page } from '../shared/paging';

/** The share of revenue up to which accounts are A class (the 80/20 view). */
export const A_CLASS_SHARE = 0.8;

export interface RankedAccount {
  rank: number;
  accountId: string;
  name: string;
  tier: string | null;
  accountManager: string;
  /** Sum of the amounts invoiced in the period. */
  revenue: Money;
  invoices: number;
  /** revenue / total revenue of the accounts listed (0..1). */
  share: number;
  /** Share of this account and every account ranked above it. */
  cumulativeShare: number;
  /** Among the accounts that make up the first 80 % of revenue. */
  aClass: boolean;
}

export type RankingPage = Page<RankedAccount> & {
  revenue: Money;
  basis: 'INVOICED';
  from?: string;
  to?: string;
};

export class AccountRankingQuery extends Query<RankingPage> {
  constructor(
    readonly filter: Omit<RankingRequest, 'minPosition' | 'sort'>,
    readonly viewer: Viewer,
    readonly minPosition?: number,
  ) {
    super();
  }
}

const n = (v: unknown) => Number(v);

@QueryHandler(AccountRankingQuery)
export class AccountRankingHandler implements IQueryHandler<AccountRankingQuery> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly gate: ReadModelGate,
  ) {}

  async execute({ filter: f, viewer, minPosition }: AccountRankingQuery): Promise<RankingPage> {
    await this.gate.ready([accountsProjection.name, financeProjection.name], minPosition);
    const period = new Where()
      .add('i.issued_at >= ?::timestamptz', f.from)
      .add(upTo('i.issued_at', f.to), f.to);
    const manager = viewer.accountManager
      ? `AND a.account_manager = ${period.param(viewer.accountManager)}`
      : '';
    const rev = `rev AS (SELECT i.account_id, sum(i.amount)::bigint AS revenue, count(*)::int AS invoices
      FROM rm_fin_invoices i ${period.sql} GROUP BY i.account_id)`;
    const page = pageOf(f, period.params);
    const rows = await this.db.query<Record<string, unknown>>(
      `WITH ${rev}, ranked AS (
         SELECT a.id, a.name, a.tier, a.account_manager, a.currency,
                coalesce(r.revenue, 0)::bigint AS revenue, coalesce(r.invoices, 0) AS invoices,
                row_number() OVER w AS rank,
                sum(coalesce(r.revenue, 0)) OVER (w ROWS UNBOUNDED PRECEDING) AS cumulative
           FROM rm_accounts a LEFT JOIN rev r ON r.account_id = a.id
          WHERE a.name IS NOT NULL ${manager}
          WINDOW w AS (ORDER BY coalesce(r.revenue, 0) DESC, a.id)
       )
       SELECT * FROM ranked ORDER BY rank ${page.limit}`,
      page.params,
    );
    const [summary] = await this.db.query<{ accounts: number; total: unknown }>(
      `WITH ${rev} SELECT count(*)::int AS accounts, coalesce(sum(r.revenue), 0)::bigint AS total
         FROM rm_accounts a LEFT JOIN rev r ON r.account_id = a.id WHERE a.name IS NOT NULL ${manager}`,
      period.params,
    );
    const total = n(summary.total);
    const items = rows.map((r): RankedAccount => {
      const revenue = n(r.revenue);
      const cumulative = n(r.cumulative);
      return {
        rank: n(r.rank),
        accountId: r.id as string,
        name: r.name as string,
        tier: r.tier as string | null,
        accountManager: r.account_manager as string,
        revenue: { amount: revenue, currency: r.currency as string },
        invoices: n(r.invoices),
        share: total ? revenue / total : 0,
        cumulativeShare: total ? cumulative / total : 0,
        // A class: revenue before this account had not yet reached 80 % of the total.
        aClass: revenue > 0 && (cumulative - revenue) / total < A_CLASS_SHARE,
      };
    });
    return {
      items,
      page: page.page,
      pageSize: page.pageSize,
      total: summary.accounts,
      revenue: { amount: total, currency: 'CNY' },
      basis: 'INVOICED',
      ...(f.from ? { from: f.from } : {}),
      ...(f.to ? { to: f.to } : {}),
    };
  }
}
