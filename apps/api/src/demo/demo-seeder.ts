import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { demoCatalog, DEMO_CATALOG_ID } from '@kamflow/configuration';
import { APP_CONFIG, type AppConfig, CommandGateway, UsersService } from '@kamflow/infrastructure';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PROVIDERS, DEMO_USERS } from './demo-data';

/**
 * Seeds the demo users, catalog, providers and key accounts (embedded mode by default). Every command has a
 * fixed id, so seeding on each start appends nothing twice.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('demo');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly commands: CommandGateway,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    let created = 0;
    for (const u of DEMO_USERS) {
      if (await this.users.createUser({ ...u, roles: [...u.roles], password: DEMO_PASSWORD })) created++;
    }
    const now = new Date().toISOString();
    const actor = { id: 'system:demo', roles: ['admin', 'system'] };
    const run = (key: string, type: string, data: unknown) =>
      this.commands.execute({ type, data, metadata: { now, actor, commandId: `demo:${key}` } });
    await run(`catalog:${DEMO_CATALOG_ID}:1`, 'PublishCatalogVersion', {
      catalogId: DEMO_CATALOG_ID,
      content: demoCatalog(now),
    });
    for (const p of DEMO_PROVIDERS) await run(`provider:${p.providerId}`, 'RegisterProvider', p);
    for (const a of DEMO_ACCOUNTS) await run(`account:${a.accountId}`, 'RegisterKeyAccount', a);
    if (created) this.logger.log(`demo data seeded: ${created} users (password ${DEMO_PASSWORD}), catalog, providers, accounts`);
  }
}
