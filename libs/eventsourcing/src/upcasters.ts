/** The raw shape of an event before upcasting. */
export interface UpcastInput {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/** Turns one schema version of an event into the next. */
export type Upcaster = (input: UpcastInput) => UpcastInput;

/**
 * Upcasters applied on read, so that `evolve` only ever sees the latest shape of an event.
 * Register one step per version: `OrderPlaced` v1 → v2 → v3.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();
  private readonly current = new Map<string, number>();

  /** Registers the step from `fromVersion` to `fromVersion + 1` of `type`. */
  register(type: string, fromVersion: number, upcast: (data: unknown) => unknown): this {
    this.steps.set(`${type}@${fromVersion}`, (input) => ({
      type,
      schemaVersion: fromVersion + 1,
      data: upcast(input.data),
    }));
    this.current.set(type, Math.max(this.current.get(type) ?? 1, fromVersion + 1));
    return this;
  }

  /** The version new events of this type are written with. */
  currentVersion(type: string): number {
    return this.current.get(type) ?? 1;
  }

  /** Applies every registered step, in order, until none applies. */
  upcast(input: UpcastInput): UpcastInput {
    let value = input;
    for (let guard = 0; guard < 1000; guard++) {
      const step = this.steps.get(`${value.type}@${value.schemaVersion}`);
      if (!step) return value;
      value = step(value);
    }
    throw new Error(`Upcaster loop for ${input.type}`);
  }
}
