import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { BillingErrorCodes, type Invoice, invoiceDecider, invoiceStreamId, type RecordPayment } from '@kamflow/billing';
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
import { toMoney } from '../shared/money.dto';
import { MasterDataService } from '../master-data/master-data.service';
import { assertCanReadAccount, STAFF } from '../shared/access';
import { businessId } from '../shared/ids';
import { StreamReader } from '../shared/stream-reader.service';
import { invoiceView } from './invoice-view';
import { RecordPaymentRequest } from './invoices.dto';

/** 发票 / 回款: invoices and the payments collected on them. */
@ApiTags('invoices')
@ApiBearerAuth()
@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly streams: StreamReader,
    private readonly masterData: MasterDataService,
  ) {}

  /** 回款: finance records any payment; a commerce provider only on invoices that go through it. */
  @Post(':id/payments')
  @RequireRoles(Roles.Finance, Roles.CommerceProvider)
  async recordPayment(
    @Param('id') id: string,
    @Body() body: RecordPaymentRequest,
    @Cmd() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { actor } = ctx.metadata;
    if (!hasRole(actor, Roles.Finance, Roles.Admin) && hasRole(actor, Roles.CommerceProvider)) await this.readable(id, actor);
    const paymentId = body.paymentId ?? businessId('PAY');
    const data: RecordPayment['data'] = {
      invoiceId: id,
      paymentId,
      amount: toMoney(body.amount),
      receivedAt: body.receivedAt,
      reference: body.reference,
    };
    const result = await this.commands.execute({ type: 'RecordPayment', data, metadata: ctx.metadata }, {
      expectedRevision: ctx.expectedRevision,
    });
    res.status(201).setHeader('Location', `/api/v1/invoices/${id}`);
    return { ...commandResponse(res, result, paymentId), invoiceId: id };
  }

  /** The invoice with its payments, outstanding amount, due date, status and dunning level. */
  @Get(':id')
  @RequireRoles(...STAFF, Roles.CommerceProvider)
  async get(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    const { invoice, revision, events } = await this.readable(id, actor);
    res.setHeader('ETag', `"${revision}"`);
    return invoiceView(invoice, revision, events);
  }

  /** Loads an invoice the actor may read; a commerce provider never learns whether another provider's invoice exists. */
  private async readable(id: string, actor: AuthenticatedActor) {
    const { state, revision, events } = await this.streams.load(invoiceDecider, invoiceStreamId(id));
    const invoice: Invoice | undefined = state.status === 'NONE' ? undefined : state;
    if (!hasRole(actor, ...STAFF_ROLES)) {
      if (!invoice || !invoice.commerceProviderId || invoice.commerceProviderId !== actor.providerId) {
        throw new DomainError(BillingErrorCodes.NotInvoiceProvider, `Invoice ${id} does not go through your company`, 'forbidden');
      }
      return { invoice, revision, events };
    }
    if (!invoice) {
      throw new DomainError(BillingErrorCodes.InvoiceNotFound, `Invoice ${id} was not found`, 'not-found', { invoiceId: id });
    }
    if (!hasRole(actor, ...STAFF_ROLES.filter((r) => r !== Roles.AccountManager))) {
      assertCanReadAccount(actor, await this.masterData.account(invoice.accountId));
    }
    return { invoice, revision, events };
  }
}
