import { type KafkaMessaging, type TopicSpec } from '@kamflow/messaging';

/**
 * Creates the topics that do not exist yet, tolerating another process creating the same topic at the
 * same moment (every service ensures the topics it uses at start), and waits until all are usable.
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
  // ensureTopics has waited until the broker serves every topic with a leader for each partition.
  return created;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
