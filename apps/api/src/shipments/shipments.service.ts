import { Injectable } from '@nestjs/common';
import { AcceptanceErrorCodes, type SignAcceptanceReceipt } from '@kamflow/acceptance';
import { type ReportShipmentStatus, shipmentStreamId } from '@kamflow/delivery';
import { type CommandResult, DomainError } from '@kamflow/eventsourcing';
import { type CommandContext, CommandGateway } from '@kamflow/infrastructure';
import { hasRole, STAFF_ROLES } from '@kamflow/shared-kernel';
import { businessId } from '../shared/ids';
import { StreamReader } from '../shared/stream-reader.service';
import { ShipmentViewService } from './shipment-view.service';
import { type AcceptanceReceiptRequest, type ReportStatusRequest } from './shipments.dto';

/**
 * A logistics provider's commands on a shipment, from a validated body to the domain command: the one
 * path of `POST /shipments/{id}/...` and of the partner commands on Kafka.
 */
@Injectable()
export class ShipmentsService {
  constructor(
    private readonly commands: CommandGateway,
    private readonly shipments: ShipmentViewService,
    private readonly streams: StreamReader,
  ) {}

  /** A status report; the decider refuses a provider the shipment is not assigned to. */
  reportStatus(id: string, body: ReportStatusRequest, ctx: CommandContext): Promise<CommandResult<unknown>> {
    const data: ReportShipmentStatus['data'] = {
      shipmentId: id,
      status: body.status,
      at: body.at,
      ...(body.note !== undefined ? { note: body.note } : {}),
      ...(body.pickUpNoteNo !== undefined ? { pickUpNoteNo: body.pickUpNoteNo } : {}),
    };
    const command = { type: 'ReportShipmentStatus', data, metadata: ctx.metadata };
    return this.commands.execute(command, { expectedRevision: ctx.expectedRevision });
  }

  /**
   * 验机回执; `If-Match` names the shipment revision the provider saw (`GET /shipments/{id}`'s ETag). A provider that is not the shipment's gets 403 before the inspection is even looked at;
   * answers the command result and the receipt id (the first one on a repeat).
   */
  async signReceipt(id: string, body: AcceptanceReceiptRequest, ctx: CommandContext) {
    const { actor } = ctx.metadata;
    await this.streams.assertRevision(shipmentStreamId(id), ctx.expectedRevision, ctx.metadata.commandId);
    if (!hasRole(actor, ...STAFF_ROLES)) {
      const loaded = await this.shipments.load(id);
      if (!loaded || loaded.shipment.providerId !== actor.providerId) {
        throw new DomainError(
          AcceptanceErrorCodes.NotAssignedProvider,
          `Shipment ${id} is not assigned to you`,
          'forbidden',
          {
            shipmentId: id,
          },
        );
      }
    }
    const receiptId = body.receiptId ?? businessId('RC');
    const data: SignAcceptanceReceipt['data'] = {
      shipmentId: id,
      receiptId,
      units: body.units.map((u) => ({
        serial: u.serial,
        lineId: u.lineId,
        result: u.result,
        ...(u.defect !== undefined ? { defect: u.defect } : {}),
      })),
      signatory: body.signatory,
      signedAt: body.signedAt,
      satisfaction: body.satisfaction,
    };
    const result = await this.commands.execute({
      type: 'SignAcceptanceReceipt',
      data,
      metadata: ctx.metadata,
    });
    return { result, receiptId: (result.result as { id?: string } | null)?.id ?? receiptId };
  }
}
