import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { type SqlDatabase } from '@kamflow/event-store';
import { KafkaMessaging } from '@kamflow/messaging';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ensureTopicsTolerantly } from '../distributed/ensure-topics';
import { Metrics } from '../metrics/metrics';
import { SQL_DATABASE } from '../persistence/tokens';
import {
  PARTNER_COMMAND_HANDLER,
  PartnerCommandConsumer,
  type PartnerCommandHandler,
} from './partner-command-consumer';

/**
 * Runs the {@link PartnerCommandConsumer} in a process that has Kafka (`KAFKA_BROKERS`): the gateway of
 * the distributed mode (on its `KafkaMessaging`), or the embedded mode (on a Kafka client of its own).
 * Provide it with a {@link PARTNER_COMMAND_HANDLER}.
 */
@Injectable()
export class PartnerCommandsRuntime implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('partner-commands');
  private readonly messaging: KafkaMessaging;
  readonly consumer: PartnerCommandConsumer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(SQL_DATABASE) db: SqlDatabase,
    @Inject(PARTNER_COMMAND_HANDLER) handler: PartnerCommandHandler,
    metrics: Metrics,
    @Optional() private readonly shared?: KafkaMessaging,
  ) {
    this.messaging =
      shared ??
      new KafkaMessaging({
        brokers: config.kafkaBrokers,
        clientId: 'kamflow-partner-commands',
      });
    this.consumer = new PartnerCommandConsumer({
      consumer: this.messaging.consumer({ partitionsConsumedConcurrently: 3 }),
      producer: this.messaging.producer(),
      db,
      handler,
      topicPrefix: config.kafkaTopicPrefix,
      registry: metrics.registry,
      log: (level, message, details) => this.logger[level](details, message),
    });
  }

  async onModuleInit(): Promise<void> {
    const created = await ensureTopicsTolerantly(this.messaging, this.consumer.topicSpecs());
    if (created.length) this.logger.log(`created topics ${created.join(', ')}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.logger.log(`applies partner commands, answers on ${this.consumer.resultsTopic}`);
  }

  /** Before any module's shutdown hooks: the command in flight still has its gateway and database. */
  async onModuleDestroy(): Promise<void> {
    await this.consumer.stop();
    if (!this.shared) await this.messaging.close();
  }
}
