import { type BaseOptions } from '@platformatic/kafka';
import { type ConsumerHandle, type Subscription } from '../../message';
import { type KafkaConsumer, type KafkaConsumerOptions } from '../kafka-driver';
import { PlatformaticSubscription } from './platformatic-subscription';

/** Consumer groups on `@platformatic/kafka`: each `subscribe` is a group member of its own. */
export class PlatformaticConsumer implements KafkaConsumer {
  private readonly running = new Set<PlatformaticSubscription>();

  constructor(
    private readonly base: BaseOptions,
    private readonly options: KafkaConsumerOptions = {},
  ) {}

  async subscribe(subscription: Subscription): Promise<ConsumerHandle> {
    const member = new PlatformaticSubscription(this.base, this.options, subscription);
    await member.start();
    this.running.add(member);
    return {
      stop: async () => {
        if (!this.running.delete(member)) return;
        await member.stop();
      },
    };
  }

  /** Stops every subscription started here. */
  async close(): Promise<void> {
    const all = [...this.running];
    this.running.clear();
    await Promise.all(all.map((m) => m.stop()));
  }
}
