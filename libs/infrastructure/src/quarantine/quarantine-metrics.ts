import { Gauge } from 'prom-client';
import { type Metrics } from '../metrics/metrics';
import { type QuarantineStore } from './quarantine-store';

const registered = new WeakSet<Metrics>();

/**
 * Registers `kamflow_quarantined_events{component}`: events each component parked and nobody retried or
 * skipped yet, read at scrape time. Once per {@link Metrics}: every runner may call it.
 */
export function registerQuarantineGauge(metrics: Metrics, store: QuarantineStore): void {
  if (registered.has(metrics)) return;
  registered.add(metrics);
  // A component seen once keeps its series (at 0) after its rows were retried or skipped.
  const seen = new Set<string>();
  new Gauge({
    name: 'kamflow_quarantined_events',
    help: 'Events a projection, process or consumer could not apply and parked (status QUARANTINED)',
    labelNames: ['component'] as const,
    registers: [metrics.registry],
    async collect() {
      const counts = await store.openCounts();
      for (const component of counts.keys()) seen.add(component);
      for (const component of seen) this.set({ component }, counts.get(component) ?? 0);
    },
  });
}
