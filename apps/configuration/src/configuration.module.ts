import { Module, type OnModuleInit } from '@nestjs/common';
import {
  catalogDecider,
  catalogStreamId,
  configurationDecider,
  configurationStreamId,
  type CatalogCommand,
  type ConfigurationCommand,
} from '@kamflow/configuration';
import { CommandRouter, route } from '@kamflow/infrastructure';
import { CatalogService } from './catalog.service';

/** 特配 / CTO: the versioned catalog and the validation and pricing of each order line. */
@Module({ providers: [CatalogService], exports: [CatalogService] })
export class ConfigurationModule implements OnModuleInit {
  constructor(
    private readonly router: CommandRouter,
    private readonly catalog: CatalogService,
  ) {}

  onModuleInit(): void {
    this.router.register(
      route({
        context: 'configuration',
        types: ['PublishCatalogVersion'],
        decider: catalogDecider,
        streamId: (c: CatalogCommand) => catalogStreamId(c.data.catalogId),
      }),
      route({
        context: 'configuration',
        types: ['ValidateLineConfiguration'],
        decider: configurationDecider,
        streamId: (c: ConfigurationCommand) => configurationStreamId(c.data.orderId, c.data.lineId),
        prepare: async (c) => (c.data.catalog ? c : { ...c, data: { ...c.data, catalog: await this.catalog.content() } }),
      }),
    );
  }
}
