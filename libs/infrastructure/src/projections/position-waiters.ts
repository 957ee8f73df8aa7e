import { DomainError } from '@kamflow/eventsourcing';

/** Callers waiting for a projection to reach a position (`?minPosition=`), released as batches commit. */
export class PositionWaiters {
  private readonly waiters = new Set<{ position: number; resolve: () => void }>();

  constructor(private readonly projection: string) {}

  /**
   * Resolves when `release` reports `position` reached; rejects after `timeoutMs` with the 504
   * `READ_MODEL.NOT_CAUGHT_UP`. `current` names the position reached so far, for the message.
   */
  wait(position: number, timeoutMs: number, current: () => number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const at = current();
        reject(
          new DomainError(
            'READ_MODEL.NOT_CAUGHT_UP',
            `Read model ${this.projection} is at ${at}, not yet at ${position}`,
            'timeout',
            {
              projection: this.projection,
              position: at,
              minPosition: position,
            },
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Resolves every waiter at or below `position`. */
  release(position: number): void {
    for (const w of this.waiters) {
      if (w.position <= position) {
        this.waiters.delete(w);
        w.resolve();
      }
    }
  }
}
