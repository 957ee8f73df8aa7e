import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type Inspection } from '@kamflow/acceptance';
import { type Invoice } from '@kamflow/billing';
import { type Shipment } from '@kamflow/delivery';
import { NotFoundError } from '@kamflow/eventsourcing';
import { type SqlDatabase } from '@kamflow/event-store';
import { type Order, orderTotal } from '@kamflow/ordering';
import { SQL_DATABASE } from '@kamflow/infrastructure';
import { type AwaitedAcceptance, ordersProjection } from '@kamflow/projections';
import { type Money } from '@kamflow/shared-kernel';
import { type Page } from '../../shared/paging';
import { ReadModelGate } from '../read-model-gate';
import { contains, orderBy, pageOf, Where } from '../sql-list';
import { type Viewer } from '../viewer';
import { type OrderDetail, orderDetailView } from './order-detail.view';
import { type SearchOrdersRequest } from './order-search.dto';

/** One order in a search answer. */
export interface OrderSummary {
  id: string;
  status: Order['status'];
  account: { accountId: string; name: string; accountManager: string };
  channel: Order['channel'];
  customerPo: string;
  placedAt: string;
  total: Money | null;
  lines: number;
  revision: number;
}

export class SearchOrdersQuery extends Query<Page<OrderSummary>> {
  constructor(
    readonly filter: Omit<SearchOrdersRequest, 'minPosition'>,
    readonly viewer: Viewer,
    readonly minPosition?: number,
  ) {
    super();
  }
}

/** The order detail and the account manager it belongs to (for the access check). */
export class GetOrderDetailQuery extends Query<OrderDetail> {
  constructor(
    readonly orderId: string,
    readonly minPosition?: number,
  ) {
    super();
  }
}

const SORTS = { placedAt: 'placed_at', total: 'total_amount', status: 'status' };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

@QueryHandler(SearchOrdersQuery)
export class SearchOrdersHandler implements IQueryHandler<SearchOrdersQuery> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly gate: ReadModelGate,
  ) {}

  async execute({ filter: f, viewer, minPosition }: SearchOrdersQuery): Promise<Page<OrderSummary>> {
    await this.gate.ready([ordersProjection.name], minPosition);
    const where = new Where()
      .add('o.status = ?', f.status)
      .add('o.account_id = ?', f.accountId)
      .add('o.account_manager = ?', viewer.accountManager)
      .add('o.customer_po = ?', f.customerPo)
      .add('o.placed_at >= ?::timestamptz', f.from)
      .add(
        f.to && DATE_ONLY.test(f.to)
          ? "o.placed_at < ?::date + interval '1 day'"
          : 'o.placed_at <= ?::timestamptz',
        f.to,
      )
      .add(
        'EXISTS (SELECT 1 FROM rm_order_shipments s WHERE s.order_id = o.id AND s.provider_id = ?)',
        f.providerId,
      )
      .add(
        '(o.id ILIKE ? OR o.customer_po ILIKE ? OR o.account_name ILIKE ?)',
        ...(f.q ? new Array<string>(3).fill(contains(f.q)) : [undefined]),
      );
    const page = pageOf(f, where.params);
    const order = orderBy(f.sort, SORTS, 'placed_at DESC');
    const [{ count }] = await this.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM rm_orders o ${where.sql}`,
      where.params,
    );
    const rows = await this.db.query<{ doc: Order; revision: number }>(
      `SELECT o.doc, o.revision FROM rm_orders o ${where.sql} ${order} ${page.limit}`,
      page.params,
    );
    return {
      items: rows.map(({ doc, revision }) => summary(doc, revision)),
      page: page.page,
      pageSize: page.pageSize,
      total: count,
    };
  }
}

function summary(order: Order, revision: number): OrderSummary {
  return {
    id: order.orderId,
    status: order.status,
    account: {
      accountId: order.account.accountId,
      name: order.account.name,
      accountManager: order.account.accountManager,
    },
    channel: order.channel,
    customerPo: order.customerPo,
    placedAt: order.placedAt,
    total: orderTotal(order) ?? null,
    lines: order.lines.length,
    revision,
  };
}

@QueryHandler(GetOrderDetailQuery)
export class GetOrderDetailHandler implements IQueryHandler<GetOrderDetailQuery> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly gate: ReadModelGate,
  ) {}

  async execute({ orderId, minPosition }: GetOrderDetailQuery): Promise<OrderDetail> {
    await this.gate.ready([ordersProjection.name], minPosition);
    const [row] = await this.db.query<{ doc: Order; revision: number }>(
      'SELECT doc, revision FROM rm_orders WHERE id = $1',
      [orderId],
    );
    if (!row) throw new NotFoundError('order', orderId);
    const order = row.doc;
    const shipmentRows = await this.db.query<{
      id: string;
      shipment: Shipment | null;
      inspection: Inspection | null;
      acceptance: AwaitedAcceptance | null;
    }>('SELECT id, shipment, inspection, acceptance FROM rm_order_shipments WHERE id = ANY($1::text[])', [
      order.shipments.map((s) => s.shipmentId),
    ]);
    const invoiceRows = await this.db.query<{ id: string; invoice: Invoice }>(
      'SELECT id, invoice FROM rm_order_invoices WHERE id = ANY($1::text[])',
      [order.invoices.map((i) => i.invoiceId)],
    );
    return orderDetailView({
      order,
      revision: row.revision,
      shipments: new Map(shipmentRows.map(({ id, ...states }) => [id, states])),
      invoices: new Map(invoiceRows.map((r) => [r.id, r.invoice])),
    });
  }
}
