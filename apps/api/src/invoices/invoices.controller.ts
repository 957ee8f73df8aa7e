import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import {
  type AuthenticatedActor,
  Cmd,
  type CommandContext,
  commandResponse,
  CurrentActor,
  RequireRoles,
} from '@kamflow/infrastructure';
import { Roles } from '@kamflow/shared-kernel';
import { STAFF } from '../shared/access';
import { invoiceView } from './invoice-view';
import { RecordPaymentRequest } from './invoices.dto';
import { InvoicesService } from './invoices.service';
import { ApiAnswer } from '../openapi/api-answer.decorator';

/** 发票 / 回款: invoices and the payments collected on them. */
@ApiTags('invoices')
@ApiBearerAuth()
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  /** 回款: finance records any payment; a commerce provider only on invoices that go through it. */
  @ApiAnswer('Record a payment on an invoice', 201, 'PaymentRecorded')
  @Post(':id/payments')
  @RequireRoles(Roles.Finance, Roles.CommerceProvider)
  async recordPayment(
    @Param('id') id: string,
    @Body() body: RecordPaymentRequest,
    @Cmd() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { result, paymentId } = await this.invoices.recordPayment(id, body, ctx);
    res.status(201).setHeader('Location', `/api/v1/invoices/${id}`);
    return { ...commandResponse(res, result, paymentId), invoiceId: id };
  }

  /** The invoice with its payments, outstanding amount, due date, status and dunning level. */
  @ApiAnswer('Read an invoice with its payments', 200, 'Invoice')
  @Get(':id')
  @RequireRoles(...STAFF, Roles.CommerceProvider)
  async get(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    const { invoice, revision, events } = await this.invoices.readable(id, actor);
    res.setHeader('ETag', `"${revision}"`);
    return invoiceView(invoice, revision, events);
  }
}
