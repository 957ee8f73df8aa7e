import { startService } from '@kamflow/infrastructure';
import { ConfigurationModule } from './configuration.module';

/** The configuration service of the distributed mode: `DATABASE_URL`, `KAFKA_BROKERS`; `PORT` default 3102. */
startService({
  service: 'configuration',
  contexts: ['configuration'],
  modules: [ConfigurationModule],
  defaultPort: 3102,
});
