import { type KafkaMessaging, type TopicSpec } from '@kamflow/messaging';

/**
 * Creates the topics that do not exist yet, tolerating another process creating the same topic at the
 * same moment (every service ensures the topics it uses at start).
 */
export async function ensureTopicsTolerantly(messaging: KafkaMessaging, specs: readonly TopicSpec[]): Promise<string[]> {
  let created: string[] = [];
  for (let attempt = 1; ; attempt += 1) {
    try {
      created = await messaging.ensureTopics(specs);
      break;
    } catch (error) {
      const text = `${(error as Error).message} ${JSON.stringify((error as { errors?: unknown }).errors ?? '')}`;
      if (attempt >= 5 || !/already exists|TOPIC_ALREADY_EXISTS|Topic creation errors/i.test(text)) throw error;
      await sleep(200 * attempt);
    }
  }
  await waitForTopicMetadata(
    messaging,
    specs.map((s) => s.topic),
  );
  return created;
}

/**
 * Waits until the broker serves metadata, with a leader for every partition, for all `topics`: a topic
 * another process is still creating answers UNKNOWN_TOPIC_OR_PARTITION for a moment, and clients that
 * subscribe or produce in that moment fail.
 */
async function waitForTopicMetadata(messaging: KafkaMessaging, topics: readonly string[]): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const metadata = await messaging.withAdmin((admin) => admin.fetchTopicMetadata({ topics: [...topics] }));
      const ready = metadata.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (ready) return;
      throw new Error('partitions without a leader');
    } catch (error) {
      if (attempt >= 60) throw error;
      await sleep(250);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
