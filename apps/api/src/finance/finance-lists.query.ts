import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type SqlDatabase } from '@kamflow/event-store';
import { SQL_DATABASE } from '@kamflow/infrastructure';
import { accountsProjection, financeProjection } from '@kamflow/projections';
import { type Money } from '@kamflow/shared-kernel';
import { type Page } from '../shared/paging';
import { ReadModelGate } from '../read-models/read-model-gate';
import { iso, orderBy, pageOf, Where } from '../read-models/sql-list';
import { type CollectionsRequest, type ProviderStatementsRequest, upTo } from './finance.dto';
import { EXPORT_LIMIT } from './receivables.query';

export interface Collection {
  paymentId: string;
  receivedAt: string;
  invoiceId: string;
  orderId: string;
  accountId: string;
  accountName: string | null;
  amount: Money;
  reference: string;
}

export interface CreditExposure {
  accountId: string;
  accountName: string | null;
  accountManager: string | null;
  grade: string | null;
  limit: Money;
  reserved: Money;
  receivable: Money;
  exposure: Money;
  /** exposure / limit as a ratio (0.4523 = 45.23 %), null for a zero limit. */
  utilisation: number | null;
  utilisationBp: number | null;
}

export interface ProviderStatement {
  providerId: string;
  providerName: string | null;
  month: string;
  jobs: number;
  units: number;
  averageSatisfaction: number;
  fee: Money;
}

export type FinanceList = 'collections' | 'credit-exposure' | 'provider-statements';
export type FinanceItem = Collection | CreditExposure | ProviderStatement;
export type FinanceListFilter = { sort?: string; page?: number; pageSize?: number } & Partial<
  Omit<CollectionsRequest, 'minPosition'> & Omit<ProviderStatementsRequest, 'minPosition'>
>;

/** One finance list; `all` answers every matching row on one page (CSV export). */
export class FinanceListQuery extends Query<Page<FinanceItem>> {
  constructor(
    readonly list: FinanceList,
    readonly filter: FinanceListFilter,
    readonly all = false,
    readonly minPosition?: number,
  ) {
    super();
  }
}

const n = (v: unknown) => Number(v);
const money = (amount: unknown, currency: unknown) => ({
  amount: n(amount ?? 0),
  currency: (currency as string) ?? 'CNY',
});

interface Spec {
  select: string;
  from: string;
  tieBreak: string;
  where: (f: FinanceListFilter) => Where;
  sorts: Record<string, string>;
  fallback: string;
  map: (r: Record<string, unknown>) => FinanceItem;
}

const SPECS: Record<FinanceList, Spec> = {
  collections: {
    select: 'p.*, a.name AS account_name',
    tieBreak: 'p.id',
    from: 'rm_fin_payments p LEFT JOIN rm_accounts a ON a.id = p.account_id',
    where: (f) =>
      new Where()
        .add('p.account_id = ?', f.accountId)
        .add('p.received_at >= ?::timestamptz', f.from)
        .add(upTo('p.received_at', f.to), f.to),
    sorts: { receivedAt: 'p.received_at', amount: 'p.amount', account: 'a.name' },
    fallback: 'p.received_at DESC',
    map: (r): Collection => ({
      paymentId: r.id as string,
      receivedAt: iso(r.received_at),
      invoiceId: r.invoice_id as string,
      orderId: r.order_id as string,
      accountId: r.account_id as string,
      accountName: (r.account_name as string) ?? null,
      amount: money(r.amount, r.currency),
      reference: r.reference as string,
    }),
  },
  'credit-exposure': {
    select: 'a.*, a.name AS account_name',
    tieBreak: 'a.id',
    from: 'rm_accounts a',
    where: () => new Where().add('a.name IS NOT NULL'),
    sorts: {
      exposure: 'a.exposure_amount',
      utilisation: 'a.utilisation_bp',
      limit: 'a.limit_amount',
      reserved: 'a.reserved_amount',
      receivable: 'a.receivable_amount',
      account: 'a.name',
    },
    fallback: 'a.exposure_amount DESC',
    map: (r): CreditExposure => ({
      accountId: r.id as string,
      accountName: (r.account_name as string) ?? null,
      accountManager: (r.account_manager as string) ?? null,
      grade: (r.grade as string) ?? null,
      limit: money(r.limit_amount, r.currency),
      reserved: money(r.reserved_amount, r.currency),
      receivable: money(r.receivable_amount, r.currency),
      exposure: money(r.exposure_amount, r.currency),
      utilisationBp: r.utilisation_bp === null ? null : n(r.utilisation_bp),
      utilisation: r.utilisation_bp === null ? null : n(r.utilisation_bp) / 10_000,
    }),
  },
  'provider-statements': {
    select: 'm.*, pr.name AS provider_name',
    tieBreak: 'm.id',
    from: 'rm_fin_provider_months m LEFT JOIN rm_fin_providers pr ON pr.id = m.provider_id',
    where: (f) => new Where().add('m.provider_id = ?', f.providerId).add('m.month = ?', f.month),
    sorts: { month: 'm.month', provider: 'm.provider_id', fee: 'm.fee', jobs: 'm.jobs', units: 'm.units' },
    fallback: 'm.month DESC, m.provider_id',
    map: (r): ProviderStatement => ({
      providerId: r.provider_id as string,
      providerName: (r.provider_name as string) ?? null,
      month: r.month as string,
      jobs: n(r.jobs),
      units: n(r.units),
      averageSatisfaction: n(r.jobs) ? Math.round((n(r.satisfaction_sum) / n(r.jobs)) * 100) / 100 : 0,
      fee: money(r.fee, r.currency),
    }),
  },
};

@QueryHandler(FinanceListQuery)
export class FinanceListHandler implements IQueryHandler<FinanceListQuery> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly gate: ReadModelGate,
  ) {}

  async execute({ list, filter, all, minPosition }: FinanceListQuery): Promise<Page<FinanceItem>> {
    await this.gate.ready([financeProjection.name, accountsProjection.name], minPosition);
    const spec = SPECS[list];
    const where = spec.where(filter);
    const page = pageOf(filter, where.params, all ? EXPORT_LIMIT : undefined);
    const [{ count }] = await this.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM ${spec.from} ${where.sql}`,
      where.params,
    );
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT ${spec.select} FROM ${spec.from} ${where.sql} ${orderBy(filter.sort, spec.sorts, spec.fallback, spec.tieBreak)} ${page.limit}`,
      page.params,
    );
    return { items: rows.map(spec.map), page: page.page, pageSize: page.pageSize, total: count };
  }
}
