import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedActor, CurrentActor, RequireRoles } from '@kamflow/infrastructure';
import { assertCanReadAccount, STAFF } from '../shared/access';
import { PageQueryDto } from '../shared/paging';
import { AccountDashboardQuery } from './account-dashboard.query';
import { ApiAnswer } from '../openapi/api-answer.decorator';

/** 客户经理: one key account at a glance; an account manager sees only the accounts they manage. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountDashboardController {
  constructor(private readonly queries: QueryBus) {}

  /** Tier, credit numbers, orders by stage with their age, promised vs requested dates, lifetime value, recent activity. */
  @ApiAnswer('Read the dashboard of a key account', 200, 'AccountDashboard')
  @Get(':id/dashboard')
  @RequireRoles(...STAFF)
  async dashboard(
    @Param('id') id: string,
    @Query() query: PageQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const dashboard = await this.queries.execute(new AccountDashboardQuery(id, query.minPosition));
    assertCanReadAccount(actor, dashboard);
    return dashboard;
  }
}
