import { startService } from '@kamflow/infrastructure';
import { AcceptanceModule } from './acceptance.module';

/** The acceptance service of the distributed mode: `DATABASE_URL`, `KAFKA_BROKERS`; `PORT` default 3105. */
startService({
  service: 'acceptance',
  contexts: ['acceptance'],
  modules: [AcceptanceModule],
  defaultPort: 3105,
});
