import { Injectable } from '@nestjs/common';

export interface ComponentHealth {
  status: 'up' | 'down';
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
