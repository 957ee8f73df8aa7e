import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type Inspection } from '@kamflow/acceptance';
import { type Shipment, type ShipmentNextStep, type ShipmentStatus } from '@kamflow/delivery';
import { type SqlDatabase } from '@kamflow/event-store';
import { SQL_DATABASE } from '@kamflow/infrastructure';
import { ordersProjection } from '@kamflow/projections';
import { type Page } from '../../shared/paging';
import { shipmentListItem } from '../../shipments/shipment-view';
import { ReadModelGate } from '../read-model-gate';
import { orderBy, pageOf, Where } from '../sql-list';

export type ProviderShipment = ReturnType<typeof shipmentListItem>;

/** A logistics provider's shipments (after reassignments) with its next step on each. */
export class ProviderShipmentsQuery extends Query<Page<ProviderShipment>> {
  constructor(
    readonly providerId: string,
    readonly filter: {
      status?: ShipmentStatus;
      nextStep?: ShipmentNextStep;
      sort?: string;
      page?: number;
      pageSize?: number;
    },
    readonly minPosition?: number,
  ) {
    super();
  }
}

const SORTS = { plannedDate: 'planned_date', status: 'status', orderId: 'order_id', id: 'id' };

@QueryHandler(ProviderShipmentsQuery)
export class ProviderShipmentsHandler implements IQueryHandler<ProviderShipmentsQuery> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly gate: ReadModelGate,
  ) {}

  async execute({
    providerId,
    filter,
    minPosition,
  }: ProviderShipmentsQuery): Promise<Page<ProviderShipment>> {
    await this.gate.ready([ordersProjection.name], minPosition);
    const where = new Where()
      .add('provider_id = ?', providerId)
      .add('shipment IS NOT NULL')
      .add('status = ?', filter.status)
      .add('next_step = ?', filter.nextStep);
    const page = pageOf(filter, where.params);
    const [{ count }] = await this.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM rm_order_shipments ${where.sql}`,
      where.params,
    );
    const rows = await this.db.query<{ shipment: Shipment; inspection: Inspection | null }>(
      `SELECT shipment, inspection FROM rm_order_shipments ${where.sql} ${orderBy(filter.sort, SORTS, 'planned_date')} ${page.limit}`,
      page.params,
    );
    return {
      items: rows.map((r) => shipmentListItem(r.shipment, r.inspection?.status === 'SIGNED')),
      page: page.page,
      pageSize: page.pageSize,
      total: count,
    };
  }
}
