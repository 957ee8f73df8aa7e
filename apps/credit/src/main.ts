import { startService } from '@kamflow/infrastructure';
import { CreditModule } from './credit.module';

/** The credit service of the distributed mode: `DATABASE_URL`, `KAFKA_BROKERS`; `PORT` default 3103. */
startService({
  service: 'credit',
  contexts: ['credit'],
  modules: [CreditModule],
  defaultPort: 3103,
});
