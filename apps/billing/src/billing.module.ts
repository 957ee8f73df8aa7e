import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import {
  invoiceDecider,
  type InvoiceCommand,
  invoiceStreamId,
  providerLedgerDecider,
  type ProviderLedgerCommand,
  providerLedgerStreamId,
} from '@kamflow/billing';
import { creditAccountDecider, creditAccountStreamId } from '@kamflow/credit';
import { providerDecider, providerStreamId } from '@kamflow/accounts';
import { DomainError, EVENT_STORE, type EventStore, fold } from '@kamflow/eventsourcing';
import { CommandRouter, route } from '@kamflow/infrastructure';

/** 发票 / 回款: invoices, payments, dunning and provider fee accruals. */
@Module({})
export class BillingModule implements OnModuleInit {
  constructor(
    private readonly router: CommandRouter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.router.register(
      route({
        context: 'billing',
        types: ['IssueInvoice', 'RecordPayment', 'CheckInvoiceOverdue'],
        decider: invoiceDecider,
        streamId: (c: InvoiceCommand) => invoiceStreamId(c.data.invoiceId),
        result: (_s, c) => ({ id: c.data.invoiceId }),
        prepare: async (c) => {
          if (c.type !== 'IssueInvoice' || c.data.paymentTermsDays !== undefined) return c;
          return { ...c, data: { ...c.data, paymentTermsDays: await this.paymentTerms(c.data.accountId) } };
        },
      }),
      route({
        context: 'billing',
        types: ['AccrueProviderFee'],
        decider: providerLedgerDecider,
        streamId: (c: ProviderLedgerCommand) => providerLedgerStreamId(c.data.providerId),
        prepare: async (c) => (c.data.terms ? c : { ...c, data: { ...c.data, terms: await this.feeTerms(c.data.providerId) } }),
      }),
    );
  }

  /** Invoices take the payment terms in force when they are issued. */
  private async paymentTerms(accountId: string): Promise<number> {
    const { events } = await this.store.readStream(creditAccountStreamId(accountId));
    const state = fold(creditAccountDecider, events as never);
    if (state.status === 'none') {
      throw new DomainError('BILLING.NO_CREDIT_ACCOUNT', `Account ${accountId} has no credit account`, 'conflict');
    }
    return state.paymentTermsDays;
  }

  private async feeTerms(providerId: string) {
    const { events } = await this.store.readStream(providerStreamId(providerId));
    const state = fold(providerDecider, events as never);
    if (state.status === 'none') {
      throw new DomainError('BILLING.UNKNOWN_PROVIDER', `Provider ${providerId} is not registered`, 'conflict');
    }
    return state.profile.fees;
  }
}
