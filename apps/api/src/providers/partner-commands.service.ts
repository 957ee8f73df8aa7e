import { ForbiddenException, Injectable, type Type, UnauthorizedException } from '@nestjs/common';
import { type ProviderKind, type ProviderProfile } from '@kamflow/accounts';
import { type PartnerCommandV1 } from '@kamflow/contracts';
import { assertNever, NotFoundError } from '@kamflow/eventsourcing';
import {
  type AuthenticatedActor,
  BadInputException,
  type CommandContext,
  createValidationPipe,
  type PartnerCommandHandler,
} from '@kamflow/infrastructure';
import { Roles } from '@kamflow/shared-kernel';
import { InvoicesService } from '../invoices/invoices.service';
import { RecordPaymentRequest } from '../invoices/invoices.dto';
import { MasterDataService } from '../master-data/master-data.service';
import { AcceptanceReceiptRequest, ReportStatusRequest } from '../shipments/shipments.dto';
import { ShipmentsService } from '../shipments/shipments.service';

const KIND: Record<PartnerCommandV1['type'], ProviderKind> = {
  ReportShipmentStatus: 'LOGISTICS',
  SignAcceptanceReceipt: 'LOGISTICS',
  RecordPayment: 'COMMERCE',
};

const ROLE: Record<ProviderKind, string> = {
  LOGISTICS: Roles.LogisticsProvider,
  COMMERCE: Roles.CommerceProvider,
};

/**
 * Applies a partner command from Kafka as its provider, through the services of the equivalent HTTP
 * route: the body passes the route's validation pipe, the same access rules apply, and the same domain
 * command is executed. The provider principal is `provider:<partner>` with its kind's role, and the command
 * id is scoped to it as an `Idempotency-Key` is scoped to a user.
 */
@Injectable()
export class PartnerCommandsService implements PartnerCommandHandler {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly masterData: MasterDataService,
    private readonly shipments: ShipmentsService,
    private readonly invoices: InvoicesService,
  ) {}

  async execute(command: PartnerCommandV1) {
    const ctx = this.contextOf(command, await this.provider(command));
    switch (command.type) {
      case 'ReportShipmentStatus':
        return this.shipments.reportStatus(
          command.subject,
          await this.body(ReportStatusRequest, command.data),
          ctx,
        );
      case 'SignAcceptanceReceipt': {
        const body = await this.body(AcceptanceReceiptRequest, command.data);
        return (await this.shipments.signReceipt(command.subject, body, ctx)).result;
      }
      case 'RecordPayment': {
        const body = await this.body(RecordPaymentRequest, command.data);
        return (await this.invoices.recordPayment(command.subject, body, ctx)).result;
      }
      default:
        return assertNever(command, 'partner command');
    }
  }

  /** The sending provider: unknown is 401 (nobody we know), the wrong kind for the command 403. */
  private async provider(command: PartnerCommandV1): Promise<ProviderProfile> {
    const profile = await this.masterData.provider(command.partner).catch((error: unknown) => {
      if (error instanceof NotFoundError)
        throw new UnauthorizedException(`${command.partner} is not a registered provider`);
      throw error;
    });
    if (profile.kind !== KIND[command.type]) {
      throw new ForbiddenException(
        `${command.type} is for ${KIND[command.type].toLowerCase()} providers; ${command.partner} is not one`,
      );
    }
    return profile;
  }

  private contextOf(command: PartnerCommandV1, provider: ProviderProfile): CommandContext {
    const actor: AuthenticatedActor = {
      id: `provider:${provider.providerId}`,
      username: provider.providerId,
      displayName: provider.name,
      roles: [ROLE[provider.kind]],
      providerId: provider.providerId,
    };
    return {
      metadata: {
        now: new Date().toISOString(),
        actor,
        commandId: `${actor.id}:${command.id}`,
        correlationId: command.id,
      },
    };
  }

  /** `data` through the route's validation pipe; field errors name their path in the command (`data.note`). */
  private async body<T>(metatype: Type<T>, data: unknown): Promise<T> {
    try {
      return (await this.pipe.transform(data, { type: 'body', metatype })) as T;
    } catch (error) {
      if (!(error instanceof BadInputException)) throw error;
      throw new BadInputException(
        error.errors.map((e) => ({ ...e, field: `data.${e.field}` })),
        error.code,
      );
    }
  }
}
