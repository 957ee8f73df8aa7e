import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { DeliveryErrorCodes } from '@kamflow/delivery';
import { DomainError } from '@kamflow/eventsourcing';
import {
  type AuthenticatedActor,
  Cmd,
  type CommandContext,
  commandResponse,
  CommandGateway,
  CurrentActor,
  RequireRoles,
} from '@kamflow/infrastructure';
import { hasRole, Roles, STAFF_ROLES } from '@kamflow/shared-kernel';
import { MasterDataService } from '../master-data/master-data.service';
import { assertCanReadAccount, STAFF } from '../shared/access';
import { receiptView, shipmentView, signedReceipt } from './shipment-view';
import { ShipmentViewService } from './shipment-view.service';
import { ShipmentsService } from './shipments.service';
import {
  AcceptanceReceiptRequest,
  ReassignShipmentRequest,
  ReportStatusRequest,
  RescheduleShipmentRequest,
} from './shipments.dto';
import { ApiAnswer } from '../openapi/api-answer.decorator';

/** 配送 / 验机: the status a logistics provider reports, the signed receipt, and the desk's changes. */
@ApiTags('shipments')
@ApiBearerAuth()
@Controller('shipments')
export class ShipmentsController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly shipments: ShipmentViewService,
    private readonly masterData: MasterDataService,
    private readonly provider: ShipmentsService,
  ) {}

  private async run(ctx: CommandContext, type: string, data: unknown, res: Response, id: string) {
    const result = await this.commands.execute({ type, data, metadata: ctx.metadata }, {
      expectedRevision: ctx.expectedRevision,
    });
    return commandResponse(res, result, id);
  }

  /**
   * The shipment, the provider's next step and the inspection / receipt. Staff (an account manager: own
   * accounts), or the logistics provider it is assigned to; any other provider gets 403 and nothing more.
   */
  @ApiAnswer('Read a shipment with its next step and inspection', 200, 'Shipment')
  @Get(':id')
  @RequireRoles(...STAFF, Roles.LogisticsProvider)
  async get(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    const { shipment, revision, inspection, inspectionEvents } = await this.readable(id, actor);
    res.setHeader('ETag', `"${revision}"`);
    return shipmentView(shipment, revision, inspection, signedReceipt(inspectionEvents));
  }

  /** The signed acceptance receipt (验机回执) with every unit's verdict. */
  @ApiAnswer('Read the signed acceptance receipt of a shipment', 200, 'AcceptanceReceipt')
  @Get(':id/acceptance-receipt')
  @RequireRoles(...STAFF, Roles.LogisticsProvider)
  async receipt(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor) {
    const { inspectionEvents } = await this.readable(id, actor);
    const signed = signedReceipt(inspectionEvents);
    if (!signed) {
      throw new DomainError('ACCEPTANCE.RECEIPT_NOT_FOUND', `Shipment ${id} has no signed receipt yet`, 'not-found', { shipmentId: id });
    }
    return receiptView(signed);
  }

  /** The assigned provider reports progress: READY_TO_SHIP → PICKED_UP → DISPATCHED → IN_TRANSIT → DELIVERED, or FAILED. */
  @ApiAnswer('Report the status of a shipment', 202, 'CommandAccepted')
  @Post(':id/status')
  @HttpCode(202)
  @RequireRoles(Roles.LogisticsProvider)
  async reportStatus(@Param('id') id: string, @Body() body: ReportStatusRequest, @Cmd() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return commandResponse(res, await this.provider.reportStatus(id, body, ctx), id);
  }

  /**
   * 验机回执: the on-site inspection of every delivered unit and the customer's signature. Right after
   * DELIVERED the process may not have opened the inspection yet: 409 ACCEPTANCE.NOT_DELIVERED, retry.
   */
  @ApiAnswer('Sign the acceptance receipt of a shipment', 201, 'AcceptanceReceiptSigned')
  @Post(':id/acceptance-receipt')
  @RequireRoles(Roles.LogisticsProvider)
  async signReceipt(
    @Param('id') id: string,
    @Body() body: AcceptanceReceiptRequest,
    @Cmd() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { result, receiptId } = await this.provider.signReceipt(id, body, ctx);
    res.status(201).setHeader('Location', `/api/v1/shipments/${id}/acceptance-receipt`);
    return { ...commandResponse(res, result, receiptId), shipmentId: id };
  }

  /** The desk gives a planned or failed shipment a new date. */
  @ApiAnswer('Reschedule a shipment', 202, 'CommandAccepted')
  @Post(':id/reschedule')
  @HttpCode(202)
  @RequireRoles(Roles.OrderDesk)
  reschedule(@Param('id') id: string, @Body() body: RescheduleShipmentRequest, @Cmd() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(ctx, 'RescheduleShipment', { shipmentId: id, plannedDate: body.plannedDate, reason: body.reason }, res, id);
  }

  /** The desk hands the shipment to another logistics provider (before pick-up). */
  @ApiAnswer('Hand a shipment to another logistics provider', 202, 'CommandAccepted')
  @Post(':id/reassign')
  @HttpCode(202)
  @RequireRoles(Roles.OrderDesk)
  async reassign(@Param('id') id: string, @Body() body: ReassignShipmentRequest, @Cmd() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const provider = await this.masterData.provider(body.providerId).catch(() => undefined);
    if (provider?.kind !== 'LOGISTICS') {
      throw new DomainError('DELIVERY.UNKNOWN_PROVIDER', `${body.providerId} is not a logistics provider`, 'rule', { field: 'providerId' });
    }
    return this.run(ctx, 'ReassignShipmentProvider', { shipmentId: id, providerId: body.providerId, reason: body.reason }, res, id);
  }

  private isStaff(actor: AuthenticatedActor): boolean {
    return hasRole(actor, ...STAFF_ROLES);
  }

  /** Loads a shipment the actor may read; a provider never learns whether another provider's shipment exists. */
  private async readable(id: string, actor: AuthenticatedActor) {
    const loaded = await this.shipments.load(id);
    if (!this.isStaff(actor)) {
      if (!loaded || loaded.shipment.providerId !== actor.providerId) {
        throw new DomainError(DeliveryErrorCodes.NotAssignedProvider, `Shipment ${id} is not assigned to you`, 'forbidden');
      }
      return loaded;
    }
    if (!loaded) throw new DomainError(DeliveryErrorCodes.ShipmentNotFound, `Shipment ${id} was not found`, 'not-found', { shipmentId: id });
    if (!hasRole(actor, ...STAFF_ROLES.filter((r) => r !== Roles.AccountManager))) {
      assertCanReadAccount(actor, await this.masterData.account(loaded.shipment.accountId));
    }
    return loaded;
  }
}
