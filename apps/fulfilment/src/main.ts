import { AcceptanceModule } from '@apps/acceptance';
import { BillingModule } from '@apps/billing';
import { ConfigurationModule } from '@apps/configuration';
import { CreditModule } from '@apps/credit';
import { DeliveryModule } from '@apps/delivery';
import { OrderingModule } from '@apps/ordering';
import { startService } from '@kamflow/infrastructure';
import { FulfilmentModule } from './fulfilment.module';

/**
 * The fulfilment service of the distributed mode: `DATABASE_URL`, `KAFKA_BROKERS`; `PORT` default 3107.
 * It runs the process manager; its commands go to the other contexts' command topics.
 */
startService({
  service: 'fulfilment',
  contexts: ['fulfilment'],
  modules: [FulfilmentModule],
  // The process sends commands to every context: their modules give the routing table (type → context,
  // stream id → message key); their commands are not executed here.
  routingModules: [OrderingModule, ConfigurationModule, CreditModule, DeliveryModule, AcceptanceModule, BillingModule],
  defaultPort: 3107,
  // The process manager follows the global log (every events topic, restored to log order) and reads orders.
  mirror: 'all',
});
