import { Gauge } from 'prom-client';
import { type Projection } from '@kamflow/projections';
import { type ComponentHealth } from '../health/readiness.registry';
import { type Metrics } from '../metrics/metrics';
import { type EventSource } from './event-source';

/** What the runner reports per projection. */
export interface ProjectionLag {
  projection: string;
  /** The checkpoint: every event at or below it is applied. */
  position: number;
  /** Global positions between the checkpoint and the head of the log. */
  lagEvents: number;
  /** Age of the oldest event not yet applied (0 when caught up). */
  lagSeconds: number;
}

/**
 * Registers `kamflow_projection_position`, `_lag_events` and `_lag_seconds` (label `projection`),
 * computed at scrape time from `lags`.
 */
export function registerProjectionGauges(metrics: Metrics, lags: () => Promise<ProjectionLag[]>): void {
  let pending: Promise<ProjectionLag[]> | undefined;
  // One computation serves the three gauges of one scrape.
  const current = () => (pending ??= lags().finally(() => setTimeout(() => (pending = undefined), 0)));
  const gauge = (name: string, help: string, pick: (l: ProjectionLag) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'] as const,
      registers: [metrics.registry],
      async collect() {
        this.reset();
        for (const lag of await current()) this.set({ projection: lag.projection }, pick(lag));
      },
    });
  gauge('kamflow_projection_position', 'Global position each projection has applied', (l) => l.position);
  gauge(
    'kamflow_projection_lag_events',
    'Global positions between the log head and the projection',
    (l) => l.lagEvents,
  );
  gauge(
    'kamflow_projection_lag_seconds',
    'Age of the oldest event the projection has not applied',
    (l) => l.lagSeconds,
  );
}

/** The lag of a projection at `position`: positions behind `head`, and the age of the next event to apply. */
export async function measureLag(
  source: EventSource,
  projection: Projection,
  position: number,
  head: number,
): Promise<ProjectionLag> {
  const lagEvents = Math.max(0, head - position);
  let lagSeconds = 0;
  if (lagEvents > 0) {
    const next = await source.read(position, { maxCount: 1, categories: projection.categories });
    const oldest = next.events[0]?.occurredAt;
    if (oldest) lagSeconds = Math.max(0, (Date.now() - Date.parse(oldest)) / 1000);
  }
  return { projection: projection.name, position, lagEvents, lagSeconds };
}

/** A projection's readiness: `down` while a failure holds it behind the log, else `up`. */
export function projectionHealth(
  r: { state: string; lastError?: string },
  lag: ProjectionLag,
): ComponentHealth {
  return {
    status: r.lastError && lag.lagEvents > 0 ? 'down' : 'up',
    state: r.state,
    position: lag.position,
    lagEvents: lag.lagEvents,
    lagSeconds: lag.lagSeconds,
    ...(r.lastError ? { lastError: r.lastError } : {}),
  };
}
