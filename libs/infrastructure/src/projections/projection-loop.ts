import { type Logger } from '@nestjs/common';
import { classifyFailureKind } from '@kamflow/event-store';

/** What one step of the loop came to; see `ProjectionRunner.stepAll`. */
export type StepResult = 'idle' | 'some' | 'full' | 'retry';

/** Timing of a {@link LiveLoop}. */
export interface LoopTiming {
  /** Poll delay bounds while idle or failing (back-off doubles from min to max). */
  minDelayMs: number;
  maxDelayMs: number;
  /** After a wake-up, how long to wait for more before the next step. */
  coalesceMs: number;
}

/**
 * The live loop of the projection runner: steps while there is work, polls with a bounded back-off
 * while idle or failing, wakes at once on `nudge` (an in-process append, a reader waiting). A failing
 * step is logged and retried; a step failing because the database was closed ends the loop
 * (`onClosed`, once) instead of retrying against it. `stop` ends it and waits for the step in flight.
 */
export class LiveLoop {
  private tailing = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private woken = false;

  constructor(
    private readonly step: () => Promise<StepResult>,
    private readonly onClosed: (error: unknown) => void,
    private readonly logger: Logger,
    private readonly timing: LoopTiming,
  ) {}

  /** Whether the loop runs. */
  get running(): boolean {
    return this.tailing;
  }

  /** Starts the loop unless running; `done` resolves when it ends. */
  start(): void {
    if (this.tailing) return;
    this.tailing = true;
    this.loop = this.tail();
  }

  /** The loop's promise: resolves once it ended (stopped, or its database closed). */
  get done(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  /** Wakes the loop now instead of after its delay. */
  nudge(): void {
    this.woken = true;
    this.wake?.();
  }

  /** Ends the loop; resolves once the step in flight finished. */
  async stop(): Promise<void> {
    this.tailing = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private async tail(): Promise<void> {
    const { minDelayMs: min, maxDelayMs: max, coalesceMs: coalesce } = this.timing;
    let delay = min;
    while (this.tailing) {
      let result: StepResult = 'idle';
      this.woken = false;
      try {
        result = await this.step();
      } catch (error) {
        if (classifyFailureKind(error) === 'closed') {
          this.tailing = false;
          this.onClosed(error);
          return;
        }
        this.logger.error({ err: error }, 'projection batch failed; retrying');
      }
      if (result === 'full') continue;
      delay = result === 'some' ? min : Math.min(max, delay * 2);
      if (!this.woken && this.tailing) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, delay);
          function done() {
            clearTimeout(timer);
            resolve();
          }
          this.wake = done;
        });
        this.wake = undefined;
      }
      // Woken by an append: give its follow-ups a moment to land in the same batch.
      if (this.woken && coalesce > 0) await new Promise((resolve) => setTimeout(resolve, coalesce));
    }
  }
}
