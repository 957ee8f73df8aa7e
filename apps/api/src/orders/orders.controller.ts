import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { type Command, DomainError } from '@kamflow/eventsourcing';
import { type OrderLineSpec } from '@kamflow/ordering';
import {
  type AuthenticatedActor,
  Cmd,
  type CommandContext,
  commandResponse,
  CommandGateway,
  CurrentActor,
  RequireRoles,
} from '@kamflow/infrastructure';
import { hasRole, Roles } from '@kamflow/shared-kernel';
import { MasterDataService } from '../master-data/master-data.service';
import { assertCanReadAccount, STAFF } from '../shared/access';
import { businessId } from '../shared/ids';
import {
  AmendOrderRequest,
  CancelOrderRequest,
  ContractReviewRequest,
  CreditDecisionRequest,
  type OrderLineDto,
  PlaceOrderRequest,
  PlanShipmentRequest,
} from './orders.dto';
import { OrderViewService } from './order-view.service';
import { GetOrderDetailQuery, SearchOrdersQuery } from '../read-models/orders/order.queries';
import { SearchOrdersRequest } from '../read-models/orders/order-search.dto';
import { viewerOf } from '../read-models/viewer';
import { PageQueryDto } from '../shared/paging';
import { ApiAnswer } from '../openapi/api-answer.decorator';

function toLine(l: OrderLineDto, lineId: string): OrderLineSpec {
  return {
    lineId,
    modelId: l.modelId,
    optionIds: l.optionIds,
    quantity: l.quantity,
    requestedDate: l.requestedDate,
    deliveryAddress: { ...l.deliveryAddress },
  };
}

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly orders: OrderViewService,
    private readonly masterData: MasterDataService,
    private readonly queries: QueryBus,
  ) {}

  private async run(ctx: CommandContext, type: string, data: unknown, res: Response, id: string) {
    const command = { type, data, metadata: ctx.metadata } as Command;
    const result = await this.commands.execute(command, { expectedRevision: ctx.expectedRevision });
    return commandResponse(res, result, (result.result as { id?: string } | null)?.id ?? id);
  }

  /** 销售订单: places (signs) an order for a key account. */
  @ApiAnswer('Place (sign) an order for a key account', 201, 'CommandAccepted')
  @Post()
  @RequireRoles(Roles.OrderDesk, Roles.Agent)
  async place(
    @Body() body: PlaceOrderRequest,
    @Cmd() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const account = await this.masterData.account(body.accountId).catch(() => {
      throw new DomainError('ORDER.UNKNOWN_ACCOUNT', `Account ${body.accountId} does not exist`, 'rule', {
        field: 'accountId',
      });
    });
    const orderId = businessId('SO');
    const signedAs = body.signedAs ?? (hasRole(ctx.metadata.actor, Roles.Agent) ? 'AGENT' : 'ORDER_DESK');
    const command = {
      type: 'PlaceOrder',
      data: {
        orderId,
        account: {
          accountId: account.accountId,
          name: account.name,
          tier: account.tier,
          region: account.region,
          serviceModel: account.serviceModel,
          ...(account.commerceProviderId ? { commerceProviderId: account.commerceProviderId } : {}),
          accountManager: account.accountManager,
        },
        channel: body.channel,
        signedBy: { kind: signedAs, name: body.signedBy },
        customerPo: body.customerPo,
        lines: body.lines.map((l, i) => toLine(l, `L${i + 1}`)),
      },
      metadata: ctx.metadata,
    } as Command;
    const result = await this.commands.execute(command);
    const id = (result.result as { id: string }).id;
    res.status(201).setHeader('Location', `/api/v1/orders/${id}`);
    return commandResponse(res, result, id);
  }

  /** Order search over the orders read model; an account manager finds only orders of their accounts. */
  @ApiAnswer('Search orders', 200, 'OrderPage')
  @Get()
  @RequireRoles(...STAFF)
  search(@Query() query: SearchOrdersRequest, @CurrentActor() actor: AuthenticatedActor) {
    const { minPosition, ...filter } = query;
    return this.queries.execute(new SearchOrdersQuery(filter, viewerOf(actor), minPosition));
  }

  /** The order with its lines, reviews, promised dates, shipments, receipts, invoices and payments (read model). */
  @ApiAnswer('Read an order with lines, reviews, shipments, receipts and invoices', 200, 'OrderDetail')
  @Get(':id')
  @RequireRoles(...STAFF)
  async get(
    @Param('id') id: string,
    @Query() query: PageQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.queries.execute(new GetOrderDetailQuery(id, query.minPosition));
    assertCanReadAccount(actor, view.account);
    res.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  /** Every event of the order, in order, with actor and time. */
  @ApiAnswer('Read every event of an order', 200, 'OrderHistory')
  @Get(':id/history')
  @RequireRoles(...STAFF)
  async history(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor) {
    const { order } = await this.orders.order(id);
    assertCanReadAccount(actor, order.account);
    return this.orders.history(id);
  }

  /** 合同审核. */
  @ApiAnswer('Approve or reject the contract of an order', 202, 'CommandAccepted')
  @Post(':id/contract-review')
  @HttpCode(202)
  @RequireRoles(Roles.ContractReviewer)
  contractReview(
    @Param('id') id: string,
    @Body() body: ContractReviewRequest,
    @Cmd() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      ctx,
      'ReviewContract',
      { orderId: id, decision: body.decision, reason: body.reason },
      res,
      id,
    );
  }

  /** Releases or rejects a credit hold (信用审核); above 120 % of the limit a director must sign too. */
  @ApiAnswer('Release or reject a credit hold', 202, 'CreditDecisionAccepted')
  @Post(':id/credit-decision')
  @HttpCode(202)
  @RequireRoles(Roles.CreditAnalyst, Roles.CreditApprover)
  async creditDecision(
    @Param('id') id: string,
    @Body() body: CreditDecisionRequest,
    @Cmd() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { order } = await this.orders.order(id);
    const type = body.decision === 'RELEASE' ? 'ReleaseCreditHold' : 'RejectCreditHold';
    const data = { accountId: order.account.accountId, orderId: id, reason: body.reason };
    const result = await this.commands.execute(
      { type, data, metadata: ctx.metadata },
      {
        expectedRevision: ctx.expectedRevision,
      },
    );
    return { ...commandResponse(res, result, id), creditAccountRevision: result.revision };
  }

  /** Changes or adds lines; changed lines run configuration and credit again. */
  @ApiAnswer('Change or add order lines', 202, 'CommandAccepted')
  @Post(':id/amendments')
  @HttpCode(202)
  @RequireRoles(Roles.OrderDesk)
  async amend(
    @Param('id') id: string,
    @Body() body: AmendOrderRequest,
    @Cmd() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { order } = await this.orders.order(id);
    let next = order.lines.length + Object.keys(order.removedLineRounds).length;
    const lines = body.lines.map((l) => toLine(l, l.lineId ?? `L${++next}`));
    return this.run(ctx, 'AmendOrder', { orderId: id, lines }, res, id);
  }

  /** Cancels the order until its first dispatch; reserved credit and planned shipments are released. */
  @ApiAnswer('Cancel an order', 202, 'CommandAccepted')
  @Post(':id/cancel')
  @HttpCode(202)
  @RequireRoles(Roles.OrderDesk)
  cancel(
    @Param('id') id: string,
    @Body() body: CancelOrderRequest,
    @Cmd() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(ctx, 'CancelOrder', { orderId: id, reason: body.reason }, res, id);
  }

  /** 配送: plans a (partial) shipment of released lines with a logistics provider. */
  @ApiAnswer('Plan a (partial) shipment of an order', 201, 'ShipmentPlanned')
  @Post(':id/shipments')
  @RequireRoles(Roles.OrderDesk)
  async planShipment(
    @Param('id') id: string,
    @Body() body: PlanShipmentRequest,
    @Cmd() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const provider = await this.masterData.provider(body.providerId).catch(() => undefined);
    if (provider?.kind !== 'LOGISTICS') {
      throw new DomainError(
        'ORDER.UNKNOWN_PROVIDER',
        `${body.providerId} is not a logistics provider`,
        'rule',
        {
          field: 'providerId',
        },
      );
    }
    const { order } = await this.orders.order(id);
    const firstLine = order.lines.find((l) => l.lineId === body.lines[0].lineId);
    const deliveryAddress = body.deliveryAddress ?? firstLine?.deliveryAddress;
    const shipmentId = businessId('SH');
    const data = {
      orderId: id,
      shipmentId,
      providerId: body.providerId,
      plannedDate: body.plannedDate,
      deliveryAddress,
      lines: body.lines,
    };
    const result = await this.commands.execute(
      { type: 'PlanOrderShipment', data, metadata: ctx.metadata },
      {
        expectedRevision: ctx.expectedRevision,
      },
    );
    const planned = (result.result as { id: string } | null)?.id ?? shipmentId;
    res.status(201).setHeader('Location', `/api/v1/shipments/${planned}`);
    return { ...commandResponse(res, result, planned), orderId: id };
  }
}
