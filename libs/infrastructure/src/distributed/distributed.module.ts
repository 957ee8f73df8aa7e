import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { type EventStore } from '@kamflow/eventsourcing';
import { type SqlDatabase } from '@kamflow/event-store';
import { commandsTopic, eventsTopic, KafkaMessaging, type TopicSpec } from '@kamflow/messaging';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { REMOTE_COMMAND_GATEWAY } from '../commands/command-gateway';
import { CommandRouter } from '../commands/command-router';
import { ReadinessRegistry } from '../health/readiness.registry';
import { EVENT_STORE_WRAPPER, SQL_DATABASE } from '../persistence/tokens';
import { RELAY_CONTEXTS } from '../relay/event-contexts';
import { CommandConsumer } from './command-consumer';
import { DistributedEventStore } from './distributed-event-store';
import { ensureTopicsTolerantly } from './ensure-topics';
import { EventMirror } from './event-mirror';
import { KafkaCommandGateway } from './kafka-command-gateway';

/** What one process of the distributed mode is. */
export interface DistributedOptions {
  /** The service name: `gateway`, `ordering`, `billing`... (consumer groups and the mirror are named after it). */
  service: string;
  /** The contexts whose commands this process executes and whose streams it owns. */
  localContexts: readonly string[];
  /** Consume `kamflow.<context>.commands` of the local contexts (context services; not the gateway). */
  consumeCommands: boolean;
  /**
   * The service's copy of other contexts' events: `all` (every events topic: foreign streams and the global
   * log in position order, for projections and process managers), a list of contexts (their streams only),
   * or none.
   */
  mirror?: 'all' | readonly string[];
  /** Wait for replies on `kamflow.replies.<service>-<instanceId>` (the gateway); default: when not consuming commands. */
  replies?: boolean;
}

export const DISTRIBUTED_OPTIONS = Symbol('DISTRIBUTED_OPTIONS');

/** Every command context a gateway may send to (the relay's contexts minus the event-only ones). */
const COMMAND_CONTEXTS = ['ordering', 'configuration', 'credit', 'delivery', 'acceptance', 'billing', 'fulfilment', 'accounts'];

/** Starts and stops the Kafka side of a distributed process in the right order. */
@Injectable()
export class DistributedRuntime implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('distributed');

  constructor(
    @Inject(DISTRIBUTED_OPTIONS) private readonly options: DistributedOptions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messaging: KafkaMessaging,
    private readonly gateway: KafkaCommandGateway,
    private readonly commands: CommandConsumer,
    readiness: ReadinessRegistry,
    @Optional() private readonly mirror?: EventMirror,
  ) {
    if (mirror) {
      readiness.register(`mirror:${mirror.name}`, async (head) => ({
        status: mirror.lastError ? 'down' : 'up',
        complete: mirror.complete,
        position: mirror.complete ? head : undefined,
        ...(mirror.lastError ? { lastError: mirror.lastError } : {}),
      }));
    }
  }

  private get replies(): boolean {
    return this.options.replies ?? !this.options.consumeCommands;
  }

  /** Topics and tables first, so that nothing that starts at bootstrap finds them missing. */
  async onModuleInit(): Promise<void> {
    const prefix = this.config.kafkaTopicPrefix;
    const specs: TopicSpec[] = [
      ...RELAY_CONTEXTS.map((c) => ({ topic: eventsTopic(c, prefix) })),
      ...COMMAND_CONTEXTS.map((c) => ({ topic: commandsTopic(c, prefix) })),
      ...(this.replies ? [{ topic: this.gateway.replyTopic, partitions: 1, config: { 'retention.ms': String(3_600_000) } }] : []),
    ];
    const created = await ensureTopicsTolerantly(this.messaging, specs);
    if (created.length) this.logger.log(`created topics ${created.join(', ')}`);
    await this.mirror?.migrate();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.mirror?.start();
    if (this.replies) await this.gateway.start();
    if (this.options.consumeCommands) await this.commands.start();
    this.logger.log(
      `${this.options.service}: executes ${this.options.localContexts.join(', ') || 'no context'} here` +
        (this.options.consumeCommands ? ` from ${this.commands.topics.join(', ')}` : '') +
        (this.replies ? `, awaits replies on ${this.gateway.replyTopic}` : '') +
        (this.mirror ? `, mirrors ${this.options.mirror === 'all' ? 'every events topic' : this.options.mirror?.join(', ')}` : ''),
    );
  }

  /** Before the database closes: stop consuming (in-flight messages finish), then flush producers. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.commands.stop();
    await this.gateway.stop();
    await this.mirror?.stop();
    await this.messaging.close();
  }
}

/**
 * The distributed mode of one process: Kafka messaging, the Kafka command gateway (commands of other
 * contexts go over command topics; `CommandGateway` resolves to it), the command consumer of the local
 * contexts, the event mirror, and an event store scoped to the service's own streams
 * ({@link DistributedEventStore}). Import it next to `PersistenceModule` and `CommandsModule`.
 */
@Global()
@Module({})
export class DistributedModule {
  static forRoot(config: AppConfig, options: DistributedOptions): DynamicModule {
    const mirrorContexts =
      options.mirror === 'all' ? [...RELAY_CONTEXTS] : options.mirror ? [...options.mirror] : undefined;
    return {
      module: DistributedModule,
      providers: [
        { provide: DISTRIBUTED_OPTIONS, useValue: options },
        {
          provide: KafkaMessaging,
          useFactory: () =>
            new KafkaMessaging({
              brokers: config.kafkaBrokers,
              clientId: `kamflow-${options.service}`,
              consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100, commitIntervalMs: 500 },
            }),
        },
        ...(mirrorContexts
          ? [
              {
                provide: EventMirror,
                inject: [SQL_DATABASE, KafkaMessaging],
                useFactory: (db: SqlDatabase, messaging: KafkaMessaging) =>
                  new EventMirror({
                    name: options.service,
                    groupId: `${config.kafkaTopicPrefix}.mirror.${options.service}`,
                    db,
                    consumer: messaging.consumer({ partitionsConsumedConcurrently: 4 }),
                    topics: mirrorContexts.map((c) => eventsTopic(c, config.kafkaTopicPrefix)),
                    complete: options.mirror === 'all',
                  }),
              },
            ]
          : []),
        {
          provide: EVENT_STORE_WRAPPER,
          inject: [{ token: EventMirror, optional: true }],
          useFactory: (mirror?: EventMirror) => (inner: EventStore) =>
            new DistributedEventStore(inner, options.service, options.localContexts, mirror),
        },
        {
          provide: KafkaCommandGateway,
          inject: [CommandRouter, KafkaMessaging],
          useFactory: (router: CommandRouter, messaging: KafkaMessaging) =>
            new KafkaCommandGateway({
              router,
              producer: messaging.producer(),
              consumer: messaging.consumer(),
              localContexts: options.localContexts,
              instanceId: `${options.service}-${config.instanceId}`,
              topicPrefix: config.kafkaTopicPrefix,
              timeoutMs: config.commandTimeoutMs,
            }),
        },
        { provide: REMOTE_COMMAND_GATEWAY, useExisting: KafkaCommandGateway },
        {
          provide: CommandConsumer,
          inject: [CommandRouter, KafkaMessaging],
          useFactory: (router: CommandRouter, messaging: KafkaMessaging) =>
            new CommandConsumer({
              service: options.service,
              contexts: options.consumeCommands ? options.localContexts : [],
              router,
              consumer: messaging.consumer({ partitionsConsumedConcurrently: 3 }),
              producer: messaging.producer(),
              topicPrefix: config.kafkaTopicPrefix,
            }),
        },
        DistributedRuntime,
      ],
      exports: [DISTRIBUTED_OPTIONS, KafkaMessaging, KafkaCommandGateway, REMOTE_COMMAND_GATEWAY, EVENT_STORE_WRAPPER, ...(mirrorContexts ? [EventMirror] : [])],
    };
  }
}
