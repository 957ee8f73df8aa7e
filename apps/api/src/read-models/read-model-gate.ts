import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@kamflow/eventsourcing';
import { BadInputException, EVENT_SOURCE, type EventSource, ProjectionRunner } from '@kamflow/infrastructure';

/** The longest a query waits for a read model (`?minPosition=` or its own read-your-writes wait). */
export const MAX_READ_WAIT_MS = 5000;

/** Makes read-model queries wait (bounded) until the projections they read have caught up. */
@Injectable()
export class ReadModelGate {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_SOURCE) private readonly source: EventSource,
  ) {}

  /**
   * With `minPosition` (from a command's `X-Global-Position`): waits until every projection applied it,
   * else 504 `READ_MODEL.NOT_CAUGHT_UP`, or 400 `READ_MODEL.UNKNOWN_POSITION` when the log has not reached
   * that position either. Without: waits for the log's current head the same bounded time
   * and then answers with what the read model has, so a client that just wrote in this process reads
   * its own write without asking, and a lagging read model degrades to stale answers, not errors.
   */
  async ready(
    projections: readonly string[],
    minPosition?: number,
    timeoutMs = MAX_READ_WAIT_MS,
  ): Promise<void> {
    const explicit = minPosition !== undefined;
    const position = minPosition ?? (await this.source.head());
    const deadline = Date.now() + Math.min(timeoutMs, MAX_READ_WAIT_MS);
    try {
      for (const name of projections)
        await this.runner.waitFor(name, position, Math.max(1, deadline - Date.now()));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'READ_MODEL.NOT_CAUGHT_UP') throw error;
      if (!explicit) return;
      const head = await this.source.head();
      if (position > head) {
        // No command ever answered this position: it is the caller's mistake, not a lagging read model.
        throw new BadInputException(
          [{ field: 'minPosition', message: `minPosition ${position} is beyond the end of the log (${head})` }],
          'READ_MODEL.UNKNOWN_POSITION',
        );
      }
      throw error;
    }
  }
}
