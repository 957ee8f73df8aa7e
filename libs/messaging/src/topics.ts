/** The prefix of every kamflow topic; tests pass their own to stay apart. */
export const DEFAULT_TOPIC_PREFIX = 'kamflow';

/** The topic a context publishes its domain events to: `kamflow.<context>.events`. */
export function eventsTopic(context: string, prefix = DEFAULT_TOPIC_PREFIX): string {
  return `${prefix}.${context}.events`;
}

/** The topic a context receives commands on: `kamflow.<context>.commands`. */
export function commandsTopic(context: string, prefix = DEFAULT_TOPIC_PREFIX): string {
  return `${prefix}.${context}.commands`;
}

/** The dead-letter topic of a consumer group: `kamflow.dlq.<group>`. */
export function dlqTopic(groupId: string, prefix = DEFAULT_TOPIC_PREFIX): string {
  return `${prefix}.dlq.${groupId}`;
}

/** A topic to create, with the defaults of the deployment. */
export interface TopicSpec {
  topic: string;
  /** Defaults to the messaging config's `partitions`. */
  partitions?: number;
  /** Defaults to the messaging config's `replicationFactor`. */
  replicationFactor?: number;
  /** Topic-level settings (`retention.ms`, `min.insync.replicas`...). */
  config?: Record<string, string>;
}
