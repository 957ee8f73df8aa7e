import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError } from '@kamflow/eventsourcing';
import { type SqlDatabase } from '@kamflow/event-store';
import {
  ProcessRunner,
  ProjectionRunner,
  type QuarantinedEvent,
  type QuarantineQuery,
  quarantineStoreFor,
  type QuarantineStore,
  SQL_DATABASE,
} from '@kamflow/infrastructure';

/** What `retry all` came to. */
export interface RetryAllResult {
  retried: number;
  stillQuarantined: number;
  items: QuarantinedEvent[];
}

const RETRY_ALL_LIMIT = 10_000;

/**
 * The operator's side of the quarantine: list, retry (through the same projection or process code that
 * failed, see `ProjectionRunner.retryQuarantined` / `ProcessRunner.retryQuarantined`), skip with a reason.
 * Consumer dead letters (`consumer:<group>`) are replayed from their dead-letter topic, not from here.
 */
@Injectable()
export class QuarantineService {
  readonly store: QuarantineStore;

  constructor(
    @Inject(SQL_DATABASE) db: SqlDatabase,
    @Optional() private readonly projections?: ProjectionRunner,
    @Optional() private readonly processes?: ProcessRunner,
  ) {
    this.store = quarantineStoreFor(db);
  }

  list(query: QuarantineQuery) {
    return this.store.list(query);
  }

  /** Applies one quarantined event again; the row as it now stands (RETRIED, or QUARANTINED with the new error). */
  async retry(id: number, by: string): Promise<QuarantinedEvent> {
    const row = await this.open(id);
    if (row.component.startsWith('projection:') && this.projections)
      return this.projections.retryQuarantined(row, by);
    if (row.component.startsWith('process:') && this.processes)
      return this.processes.retryQuarantined(row, by);
    throw new DomainError(
      'QUARANTINE.RETRY_UNSUPPORTED',
      `${row.component} is not retried here${row.component.startsWith('consumer:') ? ': replay its dead-letter topic' : ''}`,
      'conflict',
    );
  }

  /** Retries every QUARANTINED row (of `component`), oldest first. */
  async retryAll(component: string | undefined, by: string): Promise<RetryAllResult> {
    const { items } = await this.store.list({ component, status: 'QUARANTINED', pageSize: RETRY_ALL_LIMIT });
    const out: QuarantinedEvent[] = [];
    for (const row of items.reverse()) out.push(await this.retry(row.id, by));
    const retried = out.filter((r) => r.status === 'RETRIED').length;
    return { retried, stillQuarantined: out.length - retried, items: out };
  }

  /** Skips a QUARANTINED row; the reason and who skipped it are kept. */
  async skip(id: number, reason: string, by: string): Promise<QuarantinedEvent> {
    await this.open(id);
    const skipped = await this.store.skip(id, reason, by);
    if (!skipped) throw notOpen(id);
    return skipped;
  }

  private async open(id: number): Promise<QuarantinedEvent> {
    await this.store.migrate();
    const row = await this.store.get(this.store.database, id);
    if (!row) throw new DomainError('QUARANTINE.NOT_FOUND', `No quarantined event ${id}`, 'not-found');
    if (row.status !== 'QUARANTINED') throw notOpen(id, row.status);
    return row;
  }
}

function notOpen(id: number, status?: string): DomainError {
  return new DomainError(
    'QUARANTINE.NOT_OPEN',
    `Quarantined event ${id} is ${status ?? 'no longer QUARANTINED'}: only QUARANTINED events are retried or skipped`,
    'conflict',
  );
}
