import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type SqlDatabase } from '@kamflow/event-store';
import { SQL_DATABASE } from '@kamflow/infrastructure';
import { accountsProjection, financeProjection } from '@kamflow/projections';
import { type Money } from '@kamflow/shared-kernel';
import { type Page } from '../shared/paging';
import { ReadModelGate } from '../read-models/read-model-gate';
import { iso, orderBy, pageOf, Where } from '../read-models/sql-list';
import { AGING_BUCKETS, type AgingBucket, type ReceivablesRequest } from './finance.dto';

/** One invoice as finance ages it. */
export interface Receivable {
  invoiceId: string;
  orderId: string;
  accountId: string;
  accountName: string | null;
  status: 'OPEN' | 'PAID';
  amount: Money;
  outstanding: Money;
  issuedAt: string;
  dueDate: string;
  /** Days past the due date at `asOf` (0 when not yet due). */
  daysOverdue: number;
  bucket: AgingBucket;
  dunningLevel: number;
}

export interface BucketTotal {
  bucket: AgingBucket;
  count: number;
  outstanding: Money;
}

export type ReceivablesPage = Page<Receivable> & { asOf: string; totals: BucketTotal[]; outstanding: Money };

export class ReceivablesQuery extends Query<ReceivablesPage> {
  constructor(
    readonly filter: Omit<ReceivablesRequest, 'minPosition'>,
    /** Every matching row on one page (CSV export). */
    readonly all = false,
    readonly minPosition?: number,
  ) {
    super();
  }
}

/** Export cap: a CSV holds at most this many rows. */
export const EXPORT_LIMIT = 50_000;
const SORTS = {
  dueDate: 'due_date',
  daysOverdue: 'days_overdue',
  outstanding: 'outstanding',
  amount: 'amount',
  issuedAt: 'issued_at',
  account: 'account_name',
};
const n = (v: unknown) => Number(v);

@QueryHandler(ReceivablesQuery)
export class ReceivablesHandler implements IQueryHandler<ReceivablesQuery> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly gate: ReadModelGate,
  ) {}

  async execute({ filter: f, all, minPosition }: ReceivablesQuery): Promise<ReceivablesPage> {
    await this.gate.ready([financeProjection.name, accountsProjection.name], minPosition);
    const asOf = f.asOf ?? new Date().toISOString().slice(0, 10);
    const status = f.status ?? 'DEFAULT';
    const where = new Where()
      .add('i.outstanding > 0', ...(status === 'DEFAULT' ? [] : [undefined]))
      .add('i.status = ?', status === 'OPEN' || status === 'PAID' ? status : undefined)
      .add('i.account_id = ?', f.accountId);
    const day = `${where.param(asOf)}::date`;
    const aged = `WITH r AS (
      SELECT i.*, a.name AS account_name, ${day} - i.due_date AS days_overdue,
        CASE WHEN i.due_date >= ${day} THEN 'current' WHEN ${day} - i.due_date <= 30 THEN '0-30'
             WHEN ${day} - i.due_date <= 60 THEN '31-60' WHEN ${day} - i.due_date <= 90 THEN '61-90'
             ELSE '90+' END AS bucket
      FROM rm_fin_invoices i LEFT JOIN rm_accounts a ON a.id = i.account_id ${where.sql})`;
    const totals = await this.db.query<{ bucket: AgingBucket; count: number; outstanding: unknown }>(
      `${aged} SELECT bucket, count(*)::int AS count, coalesce(sum(outstanding), 0)::bigint AS outstanding FROM r GROUP BY bucket`,
      where.params,
    );
    const params = [...where.params];
    const bucketFilter = f.bucket ? `WHERE bucket = $${params.push(f.bucket)}` : '';
    const page = pageOf(f, params, all ? EXPORT_LIMIT : undefined);
    const rows = await this.db.query<Record<string, unknown>>(
      `${aged} SELECT r.*, to_char(r.due_date, 'YYYY-MM-DD') AS due FROM r ${bucketFilter}
       ${orderBy(f.sort, SORTS, 'due_date ASC')} ${page.limit}`,
      page.params,
    );
    const money = (amount: unknown, currency = 'CNY') => ({ amount: n(amount), currency });
    const items = rows.map((r): Receivable => ({
      invoiceId: r.id as string,
      orderId: r.order_id as string,
      accountId: r.account_id as string,
      accountName: (r.account_name as string | null) ?? null,
      status: r.status as Receivable['status'],
      amount: money(r.amount, r.currency as string),
      outstanding: money(r.outstanding, r.currency as string),
      issuedAt: iso(r.issued_at),
      dueDate: r.due as string,
      daysOverdue: Math.max(0, n(r.days_overdue)),
      bucket: r.bucket as AgingBucket,
      dunningLevel: n(r.dunning_level),
    }));
    const byBucket = AGING_BUCKETS.map((bucket) => {
      const t = totals.find((x) => x.bucket === bucket);
      return { bucket, count: t?.count ?? 0, outstanding: money(t?.outstanding ?? 0) };
    });
    const total = f.bucket
      ? (byBucket.find((b) => b.bucket === f.bucket)?.count ?? 0)
      : byBucket.reduce((s, b) => s + b.count, 0);
    return {
      items,
      page: page.page,
      pageSize: page.pageSize,
      total,
      asOf,
      totals: byBucket,
      outstanding: money(byBucket.reduce((s, b) => s + b.outstanding.amount, 0)),
    };
  }
}
