import { startService } from '@kamflow/infrastructure';
import { OrderingModule } from './ordering.module';

/** The ordering service of the distributed mode: `DATABASE_URL`, `KAFKA_BROKERS`; `PORT` default 3101. */
startService({
  service: 'ordering',
  contexts: ['ordering'],
  modules: [OrderingModule],
  defaultPort: 3101,
});
