/**
 * Building blocks of the write side: commands, events and the decider that links them.
 * A decider is pure: no clock, no I/O. Time and the acting principal travel in the command metadata.
 */

/** Who issued a command: a user, a provider principal or a system process. */
export interface Actor {
  /** Stable id, e.g. `user:desk`, `provider:lp-sf`, `system:fulfilment`. */
  id: string;
  roles: readonly string[];
  /** Set when the actor is a provider principal: the provider it is bound to. */
  providerId?: string;
}

/** Metadata every command carries into `decide`. */
export interface CommandMetadata {
  /** The time of the decision, ISO 8601. Deciders never read a clock. */
  now: string;
  actor: Actor;
  /** Idempotency key: a repeated command id returns the first result and appends nothing. */
  commandId?: string;
  correlationId?: string;
  causationId?: string;
}

/** A command: an intention, named in the imperative (`PlaceOrder`). */
export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** A domain event as a decider produces it: past tense, noun first (`OrderPlaced`). */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** The pure triple that defines an aggregate's behaviour. */
export interface Decider<State, C extends Command, E extends DomainEvent> {
  initialState: () => State;
  evolve: (state: State, event: E) => State;
  /** Returns the events that record the decision, or throws a {@link DomainError}. */
  decide: (command: C, state: State) => E[];
}

/** Folds events into state with a decider's `evolve`. */
export function fold<State, E extends DomainEvent>(
  decider: Pick<Decider<State, never, E>, 'initialState' | 'evolve'>,
  events: readonly E[],
): State {
  return events.reduce<State>((state, event) => decider.evolve(state, event), decider.initialState());
}

/** Compile-time exhaustiveness check for `switch` statements over unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
