import { Module, type OnModuleInit } from '@nestjs/common';
import {
  keyAccountDecider,
  keyAccountStreamId,
  type KeyAccountCommand,
  providerDecider,
  providerStreamId,
  type ProviderCommand,
} from '@kamflow/accounts';
import { CommandRouter, route } from '@kamflow/infrastructure';
import { MasterDataService } from './master-data.service';

/** Key accounts and providers, maintained by an admin. */
@Module({ providers: [MasterDataService], exports: [MasterDataService] })
export class MasterDataModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(
      route({
        context: 'accounts',
        types: ['RegisterKeyAccount', 'ChangeKeyAccount'],
        decider: keyAccountDecider,
        streamId: (c: KeyAccountCommand) => keyAccountStreamId(c.data.accountId),
        newStream: (c) => c.type === 'RegisterKeyAccount',
        result: (_s, c) => ({ id: c.data.accountId }),
      }),
      route({
        context: 'accounts',
        types: ['RegisterProvider'],
        decider: providerDecider,
        streamId: (c: ProviderCommand) => providerStreamId(c.data.providerId),
        result: (_s, c) => ({ id: c.data.providerId }),
      }),
    );
  }
}
