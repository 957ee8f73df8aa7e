import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedActor, CurrentActor, RequireRoles } from '@kamflow/infrastructure';
import { Roles } from '@kamflow/shared-kernel';
import { QuarantineIdParam, QuarantineListQuery, SkipQuarantinedRequest } from './quarantine.dto';
import { QuarantineService } from './quarantine.service';

const QUARANTINED_EVENT = {
  type: 'object',
  required: [
    'id',
    'component',
    'eventId',
    'globalPosition',
    'streamId',
    'eventType',
    'errorMessage',
    'status',
  ],
  properties: {
    id: { type: 'integer' },
    component: { type: 'string', example: 'projection:accounts' },
    eventId: { type: 'string' },
    globalPosition: { type: 'integer' },
    streamId: { type: 'string' },
    eventType: { type: 'string' },
    errorMessage: { type: 'string' },
    attempts: { type: 'integer' },
    firstFailedAt: { type: 'string', format: 'date-time' },
    lastFailedAt: { type: 'string', format: 'date-time' },
    status: { type: 'string', enum: ['QUARANTINED', 'RETRIED', 'SKIPPED'] },
    skipReason: { type: 'string', nullable: true },
    resolvedBy: { type: 'string', nullable: true },
    resolvedAt: { type: 'string', format: 'date-time', nullable: true },
  },
};

/**
 * Events a read model or process could not apply and parked (`/ready` says `degraded`): an operator
 * lists them, retries one after a fix (applied through the same code; RETRIED, or still QUARANTINED
 * with the new error) or skips it with a reason that is kept. Admin only.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations/quarantine')
@RequireRoles(Roles.Admin)
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineService) {}

  @ApiOperation({ summary: 'List quarantined events (newest first)' })
  @ApiResponse({
    status: 200,
    description: 'A page of quarantined events',
    schema: {
      type: 'object',
      required: ['items', 'page', 'pageSize', 'total'],
      properties: {
        items: { type: 'array', items: QUARANTINED_EVENT },
        page: { type: 'integer' },
        pageSize: { type: 'integer' },
        total: { type: 'integer' },
      },
    },
  })
  @Get()
  async list(@Query() query: QuarantineListQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.quarantine.list({ ...query, page, pageSize });
    return { items, page, pageSize, total };
  }

  @ApiOperation({ summary: 'Apply a quarantined event again, after a fix' })
  @ApiResponse({ status: 200, description: 'The event as it now stands', schema: QUARANTINED_EVENT })
  @Post(':id/retry')
  @HttpCode(200)
  retry(@Param() params: QuarantineIdParam, @CurrentActor() actor: AuthenticatedActor) {
    return this.quarantine.retry(Number(params.id), actor.username);
  }

  @ApiOperation({ summary: 'Skip a quarantined event, keeping the reason' })
  @ApiResponse({ status: 200, description: 'The skipped event', schema: QUARANTINED_EVENT })
  @Post(':id/skip')
  @HttpCode(200)
  skip(
    @Param() params: QuarantineIdParam,
    @Body() body: SkipQuarantinedRequest,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.quarantine.skip(Number(params.id), body.reason.trim(), actor.username);
  }
}
