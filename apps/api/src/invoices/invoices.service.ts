import { Injectable } from '@nestjs/common';
import {
  BillingErrorCodes,
  type Invoice,
  invoiceDecider,
  invoiceStreamId,
  type RecordPayment,
} from '@kamflow/billing';
import { DomainError } from '@kamflow/eventsourcing';
import { type AuthenticatedActor, type CommandContext, CommandGateway } from '@kamflow/infrastructure';
import { hasRole, Roles, STAFF_ROLES } from '@kamflow/shared-kernel';
import { MasterDataService } from '../master-data/master-data.service';
import { assertCanReadAccount } from '../shared/access';
import { businessId } from '../shared/ids';
import { toMoney } from '../shared/money.dto';
import { StreamReader } from '../shared/stream-reader.service';
import { type RecordPaymentRequest } from './invoices.dto';

/** Who may read an invoice, and 回款: the one path of `POST /invoices/{id}/payments` and the partner command. */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly commands: CommandGateway,
    private readonly streams: StreamReader,
    private readonly masterData: MasterDataService,
  ) {}

  /** Finance records any payment; a commerce provider only on invoices that go through it. */
  async recordPayment(id: string, body: RecordPaymentRequest, ctx: CommandContext) {
    const { actor } = ctx.metadata;
    if (!hasRole(actor, Roles.Finance, Roles.Admin) && hasRole(actor, Roles.CommerceProvider))
      await this.readable(id, actor);
    const paymentId = body.paymentId ?? businessId('PAY');
    const data: RecordPayment['data'] = {
      invoiceId: id,
      paymentId,
      amount: toMoney(body.amount),
      receivedAt: body.receivedAt,
      reference: body.reference,
    };
    const result = await this.commands.execute(
      { type: 'RecordPayment', data, metadata: ctx.metadata },
      {
        expectedRevision: ctx.expectedRevision,
      },
    );
    return { result, paymentId };
  }

  /** Loads an invoice the actor may read; a commerce provider never learns whether another provider's invoice exists. */
  async readable(id: string, actor: AuthenticatedActor) {
    const { state, revision, events } = await this.streams.load(invoiceDecider, invoiceStreamId(id));
    const invoice: Invoice | undefined = state.status === 'NONE' ? undefined : state;
    if (!hasRole(actor, ...STAFF_ROLES)) {
      if (!invoice || !invoice.commerceProviderId || invoice.commerceProviderId !== actor.providerId) {
        throw new DomainError(
          BillingErrorCodes.NotInvoiceProvider,
          `Invoice ${id} does not go through your company`,
          'forbidden',
        );
      }
      return { invoice, revision, events };
    }
    if (!invoice) {
      throw new DomainError(BillingErrorCodes.InvoiceNotFound, `Invoice ${id} was not found`, 'not-found', {
        invoiceId: id,
      });
    }
    if (!hasRole(actor, ...STAFF_ROLES.filter((r) => r !== Roles.AccountManager))) {
      assertCanReadAccount(actor, await this.masterData.account(invoice.accountId));
    }
    return { invoice, revision, events };
  }
}
