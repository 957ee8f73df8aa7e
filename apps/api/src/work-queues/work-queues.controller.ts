import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@kamflow/eventsourcing';
import { type AuthenticatedActor, CurrentActor, RequireRoles } from '@kamflow/infrastructure';
import { WORK_QUEUES, type WorkQueue } from '@kamflow/projections';
import { STAFF } from '../shared/access';
import { PageQueryDto } from '../shared/paging';
import { viewerOf } from '../read-models/viewer';
import { WorkQueueCountsQuery, WorkQueueItemsQuery } from './work-queue.queries';
import { ApiAnswer } from '../openapi/api-answer.decorator';

/** What the order desk has to chase; an account manager sees only items of the accounts they manage. */
@ApiTags('work-queues')
@ApiBearerAuth()
@Controller('work-queues')
export class WorkQueuesController {
  constructor(private readonly queries: QueryBus) {}

  /** How many items wait in each queue, and since when the oldest. */
  @ApiAnswer('Count the items of every work queue', 200, 'WorkQueueCounts')
  @Get()
  @RequireRoles(...STAFF)
  counts(@Query() query: PageQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.execute(new WorkQueueCountsQuery(viewerOf(actor), query.minPosition));
  }

  /** The items of one queue, oldest first (`sort=-since` for newest first), each with its age. */
  @ApiAnswer('List the items of one work queue', 200, 'WorkQueuePage')
  @Get(':queue')
  @ApiParam({ name: 'queue', enum: WORK_QUEUES })
  @RequireRoles(...STAFF)
  items(
    @Param('queue') queue: string,
    @Query() query: PageQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    if (!WORK_QUEUES.includes(queue as WorkQueue)) {
      throw new DomainError(
        'WORK_QUEUE.UNKNOWN',
        `No work queue ${queue}; queues: ${WORK_QUEUES.join(', ')}`,
        'not-found',
      );
    }
    const { minPosition, ...filter } = query;
    return this.queries.execute(
      new WorkQueueItemsQuery(queue as WorkQueue, filter, viewerOf(actor), minPosition),
    );
  }
}
