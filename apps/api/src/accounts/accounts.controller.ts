import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { type RegisterKeyAccount } from '@kamflow/accounts';
import { DomainError } from '@kamflow/eventsourcing';
import {
  type AuthenticatedActor,
  Cmd,
  type CommandContext,
  commandResponse,
  CommandGateway,
  CurrentActor,
  RequireRoles,
  UsersService,
} from '@kamflow/infrastructure';
import { hasRole, Roles, STAFF_ROLES } from '@kamflow/shared-kernel';
import { MasterDataService } from '../master-data/master-data.service';
import { assertCanReadAccount, STAFF } from '../shared/access';
import { businessId } from '../shared/ids';
import { ListAccountsQuery, RegisterAccountRequest } from './accounts.dto';
import { AccountViewService } from './account-view.service';
import { toMoney } from '../shared/money.dto';
import { paginate, sortBy } from '../shared/paging';
import { ApiAnswer } from '../openapi/api-answer.decorator';

/** Staff other than account managers see every account; an account manager only their own. */
function seesAllAccounts(actor: AuthenticatedActor): boolean {
  return hasRole(actor, ...STAFF_ROLES.filter((r) => r !== Roles.AccountManager));
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly accounts: AccountViewService,
    private readonly masterData: MasterDataService,
    private readonly users: UsersService,
  ) {}

  /** 大客户: registers a key account with its initial credit terms (the process opens its credit account). */
  @ApiAnswer('Register a key account with its initial credit terms', 201, 'CommandAccepted')
  @Post()
  @RequireRoles(Roles.Admin)
  async register(@Body() body: RegisterAccountRequest, @Cmd() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    await this.checkServiceModel(body);
    await this.checkAccountManager(body.accountManager);
    const accountId = businessId('ACC');
    const data: RegisterKeyAccount['data'] = {
      accountId,
      name: body.name,
      industry: body.industry,
      tier: body.tier,
      region: body.region,
      accountManager: body.accountManager,
      agents: body.agents ?? [],
      serviceModel: body.serviceModel,
      ...(body.commerceProviderId ? { commerceProviderId: body.commerceProviderId } : {}),
      credit: { grade: body.credit.grade, limit: toMoney(body.credit.limit), paymentTermsDays: body.credit.paymentTermsDays },
    };
    const result = await this.commands.execute({ type: 'RegisterKeyAccount', data, metadata: ctx.metadata });
    const id = (result.result as { id?: string } | null)?.id ?? accountId;
    res.status(201).setHeader('Location', `/api/v1/accounts/${id}`);
    return commandResponse(res, result, id);
  }

  /** The key accounts (an account manager sees their own). */
  @ApiAnswer('List key accounts', 200, 'AccountPage')
  @Get()
  @RequireRoles(...STAFF)
  async list(@Query() query: ListAccountsQuery, @CurrentActor() actor: AuthenticatedActor) {
    const q = query.q?.trim().toLowerCase();
    const all = (await this.accounts.list()).filter(
      (a) =>
        (seesAllAccounts(actor) || a.accountManager === actor.username) &&
        (!query.tier || a.tier === query.tier) &&
        (!q || a.name.toLowerCase().includes(q) || a.accountId.toLowerCase().includes(q)),
    );
    return paginate(sortBy(all, query.sort, ['name', 'accountId', 'tier', 'region', 'registeredAt', 'updatedAt']), query);
  }

  /** The account's profile and its credit account: terms, reserved, receivable, exposure, held reviews. */
  @ApiAnswer('Read a key account with its credit account', 200, 'AccountView')
  @Get(':id')
  @RequireRoles(...STAFF)
  async get(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    const view = await this.accounts.view(id);
    assertCanReadAccount(actor, view);
    res.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  /** A COMMERCE_PROVIDER account names a registered commerce provider; a DIRECT account names none. */
  /** The account manager (客户经理) must be a user who holds that role. */
  private async checkAccountManager(username: string): Promise<void> {
    const user = await this.users.find(username);
    if (!user?.roles.includes(Roles.AccountManager)) {
      throw new DomainError(
        'ACCOUNT.UNKNOWN_ACCOUNT_MANAGER',
        `${username} is not a user with the account-manager role`,
        'invalid',
        { field: 'accountManager' },
      );
    }
  }

  private async checkServiceModel(body: RegisterAccountRequest): Promise<void> {
    const field = { field: 'commerceProviderId' };
    if (body.serviceModel === 'DIRECT') {
      if (body.commerceProviderId) {
        throw new DomainError('ACCOUNT.COMMERCE_PROVIDER_NOT_ALLOWED', 'A DIRECT account has no commerce provider', 'invalid', field);
      }
      return;
    }
    if (!body.commerceProviderId) {
      throw new DomainError(
        'ACCOUNT.COMMERCE_PROVIDER_REQUIRED',
        'An account served by a commerce provider must name the provider',
        'invalid',
        field,
      );
    }
    const provider = await this.masterData.provider(body.commerceProviderId).catch(() => undefined);
    if (provider?.kind !== 'COMMERCE') {
      throw new DomainError(
        'ACCOUNT.UNKNOWN_COMMERCE_PROVIDER',
        `${body.commerceProviderId} is not a registered commerce provider`,
        'rule',
        field,
      );
    }
  }
}
