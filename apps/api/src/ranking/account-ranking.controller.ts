import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedActor, CurrentActor, RequireRoles } from '@kamflow/infrastructure';
import { RankingRequest } from '../finance/finance.dto';
import { viewerOf } from '../read-models/viewer';
import { STAFF } from '../shared/access';
import { AccountRankingQuery } from './account-ranking.query';
import { ApiAnswer } from '../openapi/api-answer.decorator';

/**
 * 80/20: accounts by invoiced revenue with share and cumulative share. Registered before
 * AccountsController so that `/accounts/ranking` is not taken for an account id.
 */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountRankingController {
  constructor(private readonly queries: QueryBus) {}

  /** Revenue is what was invoiced (accepted units billed) in `from`..`to`; an account manager ranks their own accounts. */
  @ApiAnswer('Rank key accounts by invoiced revenue (80/20)', 200, 'RankingPage')
  @Get('ranking')
  @RequireRoles(...STAFF)
  ranking(@Query() query: RankingRequest, @CurrentActor() actor: AuthenticatedActor) {
    const { minPosition, sort: _sort, ...filter } = query;
    return this.queries.execute(new AccountRankingQuery(filter, viewerOf(actor), minPosition));
  }
}
