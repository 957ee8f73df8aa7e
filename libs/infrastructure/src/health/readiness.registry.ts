import { Injectable } from '@nestjs/common';

/**
 * `degraded`: the component runs and keeps up, but parked events it could not apply (`quarantined`
 * says how many); an operator should look, yet the service can take traffic.
 */
export interface ComponentHealth {
  status: 'up' | 'degraded' | 'down';
  [detail: string]: unknown;
}

/** Background components (process manager, projections) register a probe that `/ready` reports. */
@Injectable()
export class ReadinessRegistry {
  private readonly probes = new Map<string, (head: number) => Promise<ComponentHealth> | ComponentHealth>();

  register(name: string, probe: (head: number) => Promise<ComponentHealth> | ComponentHealth): void {
    this.probes.set(name, probe);
  }

  async report(head: number): Promise<Record<string, ComponentHealth>> {
    const out: Record<string, ComponentHealth> = {};
    for (const [name, probe] of this.probes) {
      try {
        out[name] = await probe(head);
      } catch (error) {
        out[name] = { status: 'down', error: (error as Error).message };
      }
    }
    return out;
  }
}

/** `up`, or `degraded` with the count while `quarantined` > 0. */
export function withQuarantine(health: ComponentHealth, quarantined: number): ComponentHealth {
  if (quarantined <= 0) return health;
  return { ...health, status: health.status === 'up' ? 'degraded' : health.status, quarantined };
}
