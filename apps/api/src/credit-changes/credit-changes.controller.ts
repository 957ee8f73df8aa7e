import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import {
  creditAccountDecider,
  creditAccountStreamId,
  type CreditChangeEvent,
  creditChangeDecider,
  creditChangeStreamId,
  type ProposeCreditChange,
} from '@kamflow/credit';
import { type Command, NotFoundError } from '@kamflow/eventsourcing';
import {
  type AuthenticatedActor,
  Cmd,
  type CommandContext,
  commandResponse,
  CommandGateway,
  CurrentActor,
  RequireRoles,
} from '@kamflow/infrastructure';
import { keyAccountStreamId } from '@kamflow/accounts';
import { Roles } from '@kamflow/shared-kernel';
import { toMoney } from '../shared/money.dto';
import { MasterDataService } from '../master-data/master-data.service';
import { assertCanReadAccount, STAFF } from '../shared/access';
import { businessId } from '../shared/ids';
import { StreamReader } from '../shared/stream-reader.service';
import { CreditChangeDecisionRequest, ProposeCreditChangeRequest } from './credit-changes.dto';
import { ApiAnswer } from '../openapi/api-answer.decorator';

/** Credit grade / limit changes (seeds/003): finance proposes, the director approves, then it takes effect. */
@ApiTags('credit')
@ApiBearerAuth()
@Controller()
export class CreditChangesController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly streams: StreamReader,
    private readonly masterData: MasterDataService,
  ) {}

  /**
   * A credit-analyst proposes a new grade, limit and/or payment terms for the account; `If-Match` names the
   * account revision the analyst saw (`GET /accounts/{id}`'s ETag).
   */
  @ApiAnswer('Propose a credit grade, limit or terms change', 201, 'CreditChangeProposed')
  @Post('accounts/:id/credit-changes')
  @RequireRoles(Roles.CreditAnalyst)
  async propose(
    @Param('id') accountId: string,
    @Body() body: ProposeCreditChangeRequest,
    @Cmd() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.masterData.account(accountId);
    await this.streams.assertRevision(keyAccountStreamId(accountId), ctx.expectedRevision, ctx.metadata.commandId);
    const changeId = businessId('CC');
    const data: ProposeCreditChange['data'] = {
      changeId,
      accountId,
      ...(body.grade !== undefined ? { grade: body.grade } : {}),
      ...(body.limit !== undefined ? { limit: toMoney(body.limit) } : {}),
      ...(body.paymentTermsDays !== undefined ? { paymentTermsDays: body.paymentTermsDays } : {}),
      reason: body.reason,
    };
    const result = await this.commands.execute({ type: 'ProposeCreditChange', data, metadata: ctx.metadata });
    const id = (result.result as { id?: string } | null)?.id ?? changeId;
    res.status(201).setHeader('Location', `/api/v1/credit-changes/${id}`);
    return { ...commandResponse(res, result, id), accountId };
  }

  /** The director (credit-approver, not the proposer) approves; the new terms then apply to the account. */
  @ApiAnswer('Approve a credit change', 202, 'CommandAccepted')
  @Post('credit-changes/:id/approve')
  @HttpCode(202)
  @RequireRoles(Roles.CreditApprover)
  approve(@Param('id') id: string, @Body() body: CreditChangeDecisionRequest, @Cmd() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.decide('ApproveCreditChange', id, body, ctx, res);
  }

  /** The director rejects the change. */
  @ApiAnswer('Reject a credit change', 202, 'CommandAccepted')
  @Post('credit-changes/:id/reject')
  @HttpCode(202)
  @RequireRoles(Roles.CreditApprover)
  reject(@Param('id') id: string, @Body() body: CreditChangeDecisionRequest, @Cmd() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.decide('RejectCreditChange', id, body, ctx, res);
  }

  /** The change request, its decision and whether it has taken effect on the credit account. */
  @ApiAnswer('Read a credit change and whether it took effect', 200, 'CreditChange')
  @Get('credit-changes/:id')
  @RequireRoles(...STAFF)
  async get(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    const { state, revision, events } = await this.streams.load(creditChangeDecider, creditChangeStreamId(id));
    if (state.status === 'none') throw new NotFoundError('credit change', id);
    assertCanReadAccount(actor, await this.masterData.account(state.accountId));
    const credit = await this.streams.load(creditAccountDecider, creditAccountStreamId(state.accountId));
    const applied = credit.state.status === 'open' && credit.state.appliedChangeIds.includes(id);
    const timeline = events as unknown as { data: CreditChangeEvent['data'] }[];
    const proposedAt = (timeline[0]?.data as { proposedAt?: string } | undefined)?.proposedAt;
    const decision = timeline[1]?.data as { approvedAt?: string; rejectedAt?: string } | undefined;
    res.setHeader('ETag', `"${revision}"`);
    return {
      id: state.changeId,
      revision,
      accountId: state.accountId,
      status: state.status.toUpperCase(),
      terms: state.terms,
      reason: state.reason,
      proposedBy: state.proposedBy,
      proposedAt,
      ...(state.decidedBy ? { decidedBy: state.decidedBy, decisionReason: state.decisionReason } : {}),
      ...(decision ? { decidedAt: decision.approvedAt ?? decision.rejectedAt } : {}),
      applied,
    };
  }

  private async decide(
    type: 'ApproveCreditChange' | 'RejectCreditChange',
    changeId: string,
    body: CreditChangeDecisionRequest,
    ctx: CommandContext,
    res: Response,
  ) {
    const command = { type, data: { changeId, reason: body.reason }, metadata: ctx.metadata } as Command;
    const result = await this.commands.execute(command, { expectedRevision: ctx.expectedRevision });
    return commandResponse(res, result, changeId);
  }
}
