import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@kamflow/eventsourcing';
import { eventsTopic, KafkaMessaging } from '@kamflow/messaging';
import {
  APP_CONFIG,
  type AppConfig,
  EventRelay,
  Metrics,
  NotifyingEventStore,
  ReadinessRegistry,
  RELAY_CONTEXTS,
  SQL_DATABASE,
} from '@kamflow/infrastructure';
import { type SqlDatabase } from '@kamflow/event-store';

/** Topic layout of the deployment, from the environment. */
export interface RelaySettings {
  topicPrefix: string;
  partitions: number;
  replicationFactor: number;
  batchSize: number;
  /** How often a standby tries to become the leader (ms); default 2000. */
  standbyRetryMs?: number;
  /** How often the leader checks its lock connection (ms); default 1000. */
  leaderCheckMs?: number;
}

export const RELAY_SETTINGS = Symbol('RELAY_SETTINGS');

/**
 * Runs the {@link EventRelay} for the lifetime of the process: topics first, then leader election; the
 * leader tails and publishes, other replicas wait as standbys (see EventRelay).
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('relay');
  private readonly messaging: KafkaMessaging;
  readonly relay: EventRelay;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SQL_DATABASE) db: SqlDatabase,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(RELAY_SETTINGS) private readonly settings: RelaySettings,
    metrics: Metrics,
    readiness: ReadinessRegistry,
  ) {
    this.messaging = new KafkaMessaging({
      brokers: config.kafkaBrokers,
      clientId: 'kamflow-relay',
      partitions: settings.partitions,
      replicationFactor: settings.replicationFactor,
    });
    this.relay = new EventRelay({
      store: store instanceof NotifyingEventStore ? store.inner : store,
      db,
      producer: this.messaging.producer(),
      topicPrefix: settings.topicPrefix,
      batchSize: settings.batchSize,
      standbyRetryMs: settings.standbyRetryMs,
      leaderCheckMs: settings.leaderCheckMs,
      registry: metrics.registry,
      onError: (error) => this.logger.error({ err: error }, 'publishing failed; retrying the batch'),
      onElectionError: (error) => this.logger.error({ err: error }, 'leader election failed; retrying'),
      onRoleChange: (role, reason, position) =>
        role === 'leader'
          ? this.logger.log(`leader (${reason}): relaying from position ${position}`)
          : this.logger.warn(`standby (${reason}) at position ${position}`),
    });
    readiness.register('relay', (head) => this.relay.health(head));
  }

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.messaging.ensureTopics(
      RELAY_CONTEXTS.map((context) => ({ topic: eventsTopic(context, this.settings.topicPrefix) })),
    );
    if (created.length) this.logger.log(`created topics ${created.join(', ')}`);
    await this.relay.start();
    if (this.relay.role === 'standby') this.logger.log('standby: another relay holds the lock');
  }

  /** Before the database closes: finish the batch in flight, then disconnect the producer. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.messaging.close();
    this.logger.log(`stopped at position ${this.relay.position}`);
  }
}
