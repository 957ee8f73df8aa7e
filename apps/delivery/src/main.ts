import { startService } from '@kamflow/infrastructure';
import { DeliveryModule } from './delivery.module';

/** The delivery service of the distributed mode: `DATABASE_URL`, `KAFKA_BROKERS`; `PORT` default 3104. */
startService({
  service: 'delivery',
  contexts: ['delivery'],
  modules: [DeliveryModule],
  defaultPort: 3104,
});
