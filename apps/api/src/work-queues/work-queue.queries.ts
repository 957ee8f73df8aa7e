import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type SqlDatabase } from '@kamflow/event-store';
import { SQL_DATABASE } from '@kamflow/infrastructure';
import { WORK_QUEUES, type WorkItemRow, type WorkQueue, workQueuesProjection } from '@kamflow/projections';
import { type Page } from '../shared/paging';
import { ReadModelGate } from '../read-models/read-model-gate';
import { iso, orderBy, pageOf, Where } from '../read-models/sql-list';
import { type Viewer } from '../read-models/viewer';

/** One item of a work queue, with how long it has waited. */
export interface WorkQueueItem {
  queue: WorkQueue;
  orderId: string;
  shipmentId?: string;
  accountId: string | null;
  since: string;
  ageSeconds: number;
  details: Record<string, unknown>;
}

export interface WorkQueueCount {
  queue: WorkQueue;
  count: number;
  oldestSince: string | null;
  oldestAgeSeconds: number | null;
}

export class WorkQueueItemsQuery extends Query<Page<WorkQueueItem>> {
  constructor(
    readonly queue: WorkQueue,
    readonly filter: { sort?: string; page?: number; pageSize?: number },
    readonly viewer: Viewer,
    readonly minPosition?: number,
  ) {
    super();
  }
}

export class WorkQueueCountsQuery extends Query<{ queues: WorkQueueCount[] }> {
  constructor(
    readonly viewer: Viewer,
    readonly minPosition?: number,
  ) {
    super();
  }
}

const ageSeconds = (since: string, now: number) => Math.max(0, Math.floor((now - Date.parse(since)) / 1000));

@QueryHandler(WorkQueueItemsQuery)
export class WorkQueueItemsHandler implements IQueryHandler<WorkQueueItemsQuery> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly gate: ReadModelGate,
  ) {}

  async execute({ queue, filter, viewer, minPosition }: WorkQueueItemsQuery): Promise<Page<WorkQueueItem>> {
    await this.gate.ready([workQueuesProjection.name], minPosition);
    const where = new Where().add('queue = ?', queue).add('account_manager = ?', viewer.accountManager);
    const page = pageOf(filter, where.params);
    const [{ count }] = await this.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM rm_work_items ${where.sql}`,
      where.params,
    );
    // Oldest first by default: the item waiting longest is the one to chase.
    const rows = await this.db.query<{ r: WorkItemRow }>(
      `SELECT to_jsonb(w) AS r FROM rm_work_items w ${where.sql} ${orderBy(filter.sort, { since: 'since', age: 'since' }, 'since')} ${page.limit}`,
      page.params,
    );
    const now = Date.now();
    const items = rows.map(({ r }) => ({
      queue: r.queue,
      orderId: r.order_id,
      ...(r.shipment_id ? { shipmentId: r.shipment_id } : {}),
      accountId: r.account_id,
      since: iso(r.since),
      ageSeconds: ageSeconds(r.since, now),
      details: r.details,
    }));
    return { items, page: page.page, pageSize: page.pageSize, total: count };
  }
}

@QueryHandler(WorkQueueCountsQuery)
export class WorkQueueCountsHandler implements IQueryHandler<WorkQueueCountsQuery> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly gate: ReadModelGate,
  ) {}

  async execute({ viewer, minPosition }: WorkQueueCountsQuery): Promise<{ queues: WorkQueueCount[] }> {
    await this.gate.ready([workQueuesProjection.name], minPosition);
    const where = new Where().add('account_manager = ?', viewer.accountManager);
    const rows = await this.db.query<{ queue: WorkQueue; count: number; oldest: unknown }>(
      `SELECT queue, count(*)::int AS count, min(since) AS oldest FROM rm_work_items ${where.sql} GROUP BY queue`,
      where.params,
    );
    const now = Date.now();
    return {
      queues: WORK_QUEUES.map((queue) => {
        const row = rows.find((r) => r.queue === queue);
        const oldest = row?.oldest ? iso(row.oldest) : null;
        return {
          queue,
          count: row?.count ?? 0,
          oldestSince: oldest,
          oldestAgeSeconds: oldest ? ageSeconds(oldest, now) : null,
        };
      }),
    };
  }
}
