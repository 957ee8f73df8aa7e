import { type KafkaMessaging, type TopicSpec } from '@kamflow/messaging';

/**
 * Creates the topics that do not exist yet, tolerating another process creating the same topic at the
 * same moment (every service ensures the topics it uses at start).
 */
export async function ensureTopicsTolerantly(messaging: KafkaMessaging, specs: readonly TopicSpec[]): Promise<string[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await messaging.ensureTopics(specs);
    } catch (error) {
      const text = `${(error as Error).message} ${JSON.stringify((error as { errors?: unknown }).errors ?? '')}`;
      if (attempt >= 5 || !/already exists|TOPIC_ALREADY_EXISTS/i.test(text)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
