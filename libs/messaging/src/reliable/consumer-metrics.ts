import { Counter, Gauge, type Registry } from 'prom-client';

/** The consumer metrics, shared by every {@link ReliableConsumer} on one registry. */
export interface ConsumerMetrics {
  /** `kamflow_consumer_lag{group,topic,partition}`: high watermark minus the next offset to handle. */
  lag: Gauge<'group' | 'topic' | 'partition'>;
  /** `kamflow_consumer_messages_total{group,topic,outcome}`: handled, duplicate, retried, dead_lettered. */
  messages: Counter<'group' | 'topic' | 'outcome'>;
}

const cache = new WeakMap<Registry, ConsumerMetrics>();

/** The consumer metrics on `registry`, created once per registry. */
export function consumerMetrics(registry: Registry): ConsumerMetrics {
  let metrics = cache.get(registry);
  if (!metrics) {
    metrics = {
      lag: new Gauge({
        name: 'kamflow_consumer_lag',
        help: 'Messages a consumer group has not handled yet, per topic partition',
        labelNames: ['group', 'topic', 'partition'] as const,
        registers: [registry],
      }),
      messages: new Counter({
        name: 'kamflow_consumer_messages_total',
        help: 'Messages seen by consumer groups, by outcome',
        labelNames: ['group', 'topic', 'outcome'] as const,
        registers: [registry],
      }),
    };
    cache.set(registry, metrics);
  }
  return metrics;
}
