import { type RecordedEvent } from './envelope';
import { type EventStore } from './event-store.port';

export interface LogTailerOptions {
  store: EventStore;
  /** Start after this global position. */
  after: number;
  /** Handles one batch in position order; the tailer moves on only when it resolves. */
  handle: (events: RecordedEvent[]) => Promise<void>;
  batchSize?: number;
  categories?: readonly string[];
  /** Poll delay bounds while the log is idle (back-off doubles from min to max). */
  minDelayMs?: number;
  maxDelayMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Follows the global log by polling with back-off. `wake()` lets an in-process writer skip the wait.
 * Delivery is at-least-once per process lifetime only through the caller's checkpoint.
 */
export class LogTailer {
  private position: number;
  private running = false;
  private timer?: NodeJS.Timeout;
  private wakeUp?: () => void;
  private loop?: Promise<void>;

  constructor(private readonly options: LogTailerOptions) {
    this.position = options.after;
  }

  get lastPosition(): number {
    return this.position;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Polls now instead of after the back-off delay. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    const min = this.options.minDelayMs ?? 5;
    const max = this.options.maxDelayMs ?? 500;
    let delay = min;
    while (this.running) {
      try {
        const batch = await this.options.store.readAll({
          after: this.position,
          maxCount: this.options.batchSize ?? 500,
          categories: this.options.categories,
        });
        if (batch.length > 0) {
          await this.options.handle(batch);
          this.position = batch[batch.length - 1].globalPosition;
          delay = min;
          continue;
        }
      } catch (error) {
        this.options.onError?.(error);
      }
      await this.sleep(delay);
      delay = Math.min(max, delay * 2);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(this.timer);
        this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = done;
      this.timer = setTimeout(done, ms);
    });
  }
}
