import { Module, type OnModuleInit } from '@nestjs/common';
import {
  creditAccountDecider,
  creditAccountStreamId,
  type CreditAccountCommand,
  creditChangeDecider,
  creditChangeStreamId,
  type CreditChangeCommand,
} from '@kamflow/credit';
import { CommandRouter, route } from '@kamflow/infrastructure';

/** 信用审核: credit accounts, order credit reviews and grade/limit change requests. */
@Module({})
export class CreditModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(
      route({
        context: 'credit',
        types: [
          'OpenCreditAccount',
          'ReviewOrderCredit',
          'ReleaseCreditHold',
          'RejectCreditHold',
          'WithdrawOrderCredit',
          'OpenReceivable',
          'RecordReceivablePayment',
          'ApplyCreditTerms',
          'ReevaluateHeldOrders',
        ],
        decider: creditAccountDecider,
        streamId: (c: CreditAccountCommand) => creditAccountStreamId(c.data.accountId),
      }),
      route({
        context: 'credit',
        types: ['ProposeCreditChange', 'ApproveCreditChange', 'RejectCreditChange'],
        decider: creditChangeDecider,
        streamId: (c: CreditChangeCommand) => creditChangeStreamId(c.data.changeId),
        newStream: (c) => c.type === 'ProposeCreditChange',
        result: (_s, c) => ({ id: c.data.changeId }),
      }),
    );
  }
}
