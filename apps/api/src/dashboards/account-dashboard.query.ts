import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@kamflow/eventsourcing';
import { type SqlDatabase } from '@kamflow/event-store';
import { SQL_DATABASE } from '@kamflow/infrastructure';
import { accountsProjection, financeProjection, type OrderLineDates } from '@kamflow/projections';
import { type Money } from '@kamflow/shared-kernel';
import { ReadModelGate } from '../read-models/read-model-gate';
import { iso } from '../read-models/sql-list';

/** Orders of one status: how many, and how long they have been in it. */
export interface StageAge {
  status: string;
  count: number;
  oldestSince: string;
  oldestAgeSeconds: number;
  averageAgeSeconds: number;
}

/** One month of an account's revenue. */
export interface MonthRevenue {
  /** `YYYY-MM` (UTC). */
  month: string;
  invoiced: Money;
  collected: Money;
}

export interface AccountDashboard {
  accountId: string;
  name: string;
  industry: string | null;
  tier: string | null;
  region: string | null;
  accountManager: string;
  serviceModel: string | null;
  credit: {
    grade: string | null;
    limit: Money;
    paymentTermsDays: number | null;
    reserved: Money;
    receivable: Money;
    exposure: Money;
    utilisationBp: number | null;
    utilisation: number | null;
  };
  ordersByStage: StageAge[];
  openOrders: {
    orderId: string;
    status: string;
    statusSince: string;
    customerPo: string;
    placedAt: string;
    slipping: boolean;
    lines: OrderLineDates[];
  }[];
  /** Sum of the amounts of paid invoices. */
  lifetimeValue: Money;
  invoiced: Money;
  outstanding: Money;
  /**
   * The last 12 months (UTC), oldest first, the current month last: invoiced (by issue date) and
   * collected (by the date a payment was received); a month without revenue shows zeros.
   */
  revenueByMonth: MonthRevenue[];
  recentActivity: {
    type: string;
    at: string;
    actor: string | null;
    orderId: string | null;
    position: number;
  }[];
}

export class AccountDashboardQuery extends Query<AccountDashboard> {
  constructor(
    readonly accountId: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}

const CLOSED = `('COMPLETED', 'CANCELLED', 'REJECTED')`;

/** Months of the revenue trend, the current one included. */
export const REVENUE_MONTHS = 12;

/** Per UTC month of the last 12: the invoices issued and the payments received (range scans on the account's indexes). */
const REVENUE_BY_MONTH = `
  WITH months AS (
    SELECT m AS start, m + interval '1 month' AS finish
      FROM generate_series(
        date_trunc('month', now() AT TIME ZONE 'UTC') - interval '${REVENUE_MONTHS - 1} months',
        date_trunc('month', now() AT TIME ZONE 'UTC'),
        interval '1 month'
      ) AS m
  )
  SELECT to_char(start, 'YYYY-MM') AS month,
         (SELECT coalesce(sum(i.amount), 0) FROM rm_fin_invoices i
           WHERE i.account_id = $1
             AND i.issued_at >= start AT TIME ZONE 'UTC' AND i.issued_at < finish AT TIME ZONE 'UTC')::bigint AS invoiced,
         (SELECT coalesce(sum(p.amount), 0) FROM rm_fin_payments p
           WHERE p.account_id = $1
             AND p.received_at >= start AT TIME ZONE 'UTC' AND p.received_at < finish AT TIME ZONE 'UTC')::bigint AS collected
    FROM months ORDER BY start`;
const n = (v: unknown) => Number(v);

@QueryHandler(AccountDashboardQuery)
export class AccountDashboardHandler implements IQueryHandler<AccountDashboardQuery> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly gate: ReadModelGate,
  ) {}

  async execute({ accountId, minPosition }: AccountDashboardQuery): Promise<AccountDashboard> {
    await this.gate.ready([accountsProjection.name, financeProjection.name], minPosition);
    const [a] = await this.db.query<Record<string, unknown>>(
      'SELECT * FROM rm_accounts WHERE id = $1 AND name IS NOT NULL',
      [accountId],
    );
    if (!a) throw new NotFoundError('account', accountId);
    const currency = a.currency as string;
    const money = (amount: unknown) => ({ amount: n(amount ?? 0), currency });
    const [stages, open, [value], activity, revenue] = await Promise.all([
      this.db.query<{
        status: string;
        count: number;
        oldest: unknown;
        oldest_age: unknown;
        avg_age: unknown;
      }>(
        `SELECT status, count(*)::int AS count, min(status_since) AS oldest,
                extract(epoch FROM now() - min(status_since))::float8 AS oldest_age,
                avg(extract(epoch FROM now() - status_since))::float8 AS avg_age
           FROM rm_account_orders WHERE account_id = $1 GROUP BY status ORDER BY status`,
        [accountId],
      ),
      this.db.query<Record<string, unknown>>(
        `SELECT id, status, status_since, customer_po, placed_at, slipping, lines FROM rm_account_orders
          WHERE account_id = $1 AND status NOT IN ${CLOSED} ORDER BY placed_at, id LIMIT 200`,
        [accountId],
      ),
      this.db.query<{ paid: unknown; invoiced: unknown; outstanding: unknown }>(
        `SELECT coalesce(sum(amount) FILTER (WHERE status = 'PAID'), 0)::bigint AS paid,
                coalesce(sum(amount), 0)::bigint AS invoiced, coalesce(sum(outstanding), 0)::bigint AS outstanding
           FROM rm_fin_invoices WHERE account_id = $1`,
        [accountId],
      ),
      this.db.query<Record<string, unknown>>(
        'SELECT * FROM rm_account_activity WHERE account_id = $1 ORDER BY position DESC LIMIT 20',
        [accountId],
      ),
      this.db.query<{ month: string; invoiced: unknown; collected: unknown }>(REVENUE_BY_MONTH, [accountId]),
    ]);
    const limit = a.limit_amount === null ? null : n(a.limit_amount);
    const bp = a.utilisation_bp === null ? null : n(a.utilisation_bp);
    return {
      accountId,
      name: a.name as string,
      industry: a.industry as string | null,
      tier: a.tier as string | null,
      region: a.region as string | null,
      accountManager: a.account_manager as string,
      serviceModel: a.service_model as string | null,
      credit: {
        grade: a.grade as string | null,
        limit: money(limit),
        paymentTermsDays: a.payment_terms_days === null ? null : n(a.payment_terms_days),
        reserved: money(a.reserved_amount),
        receivable: money(a.receivable_amount),
        exposure: money(a.exposure_amount),
        utilisationBp: bp,
        utilisation: bp === null ? null : bp / 10_000,
      },
      ordersByStage: stages.map((s) => ({
        status: s.status,
        count: s.count,
        oldestSince: iso(s.oldest),
        oldestAgeSeconds: Math.max(0, Math.floor(n(s.oldest_age))),
        averageAgeSeconds: Math.max(0, Math.floor(n(s.avg_age))),
      })),
      openOrders: open.map((o) => ({
        orderId: o.id as string,
        status: o.status as string,
        statusSince: iso(o.status_since),
        customerPo: o.customer_po as string,
        placedAt: iso(o.placed_at),
        slipping: o.slipping as boolean,
        lines: (typeof o.lines === 'string' ? JSON.parse(o.lines) : o.lines) as OrderLineDates[],
      })),
      lifetimeValue: money(value.paid),
      invoiced: money(value.invoiced),
      outstanding: money(value.outstanding),
      revenueByMonth: revenue.map((r) => ({
        month: r.month,
        invoiced: money(r.invoiced),
        collected: money(r.collected),
      })),
      recentActivity: activity.map((e) => ({
        type: e.type as string,
        at: iso(e.occurred_at),
        actor: (e.actor as string | null) ?? null,
        orderId: (e.order_id as string | null) ?? null,
        position: n(e.position),
      })),
    };
  }
}
