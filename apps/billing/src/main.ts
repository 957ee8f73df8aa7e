import { startService } from '@kamflow/infrastructure';
import { BillingModule } from './billing.module';

/** The billing service of the distributed mode: `DATABASE_URL`, `KAFKA_BROKERS`; `PORT` default 3106. */
startService({
  service: 'billing',
  contexts: ['billing'],
  modules: [BillingModule],
  defaultPort: 3106,
  // Invoices take the credit account's payment terms and fees take the provider's terms: streams of credit
  // and accounts, read from this service's copy of their events topics.
  mirror: ['credit', 'accounts'],
});
