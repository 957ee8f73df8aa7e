import { deepStrictEqual, fail } from 'node:assert/strict';
import { type Command, type Decider, type DomainEvent } from '../decider';
import { DomainError } from '../errors';

/**
 * Given/when/then for deciders:
 * `spec.given([...events]).when(command).then([...events])` or `.thenThrows('ORDER.NOT_CANCELLABLE')`.
 */
export class DeciderSpecification<State, C extends Command, E extends DomainEvent> {
  private constructor(private readonly decider: Decider<State, C, E>) {}

  static for<State, C extends Command, E extends DomainEvent>(
    decider: Decider<State, C, E>,
  ): DeciderSpecification<State, C, E> {
    return new DeciderSpecification(decider);
  }

  given(events: readonly E[]) {
    const state = events.reduce((s, e) => this.decider.evolve(s, e), this.decider.initialState());
    return {
      when: (command: C) => this.outcome(state, command),
    };
  }

  private outcome(state: State, command: C) {
    const run = (): E[] => this.decider.decide(command, state);
    const evolveAll = (events: E[]) => events.reduce((s, e) => this.decider.evolve(s, e), state);
    return {
      /** The decision equals exactly these events. */
      then: (expected: readonly E[]): E[] => {
        const actual = run();
        deepStrictEqual(actual, expected);
        return actual;
      },
      /** The decision passes a custom check; returns the resulting state for further assertions. */
      thenMatches: (check: (events: E[], stateAfter: State) => void): State => {
        const actual = run();
        const after = evolveAll(actual);
        check(actual, after);
        return after;
      },
      /** The decision appends nothing. */
      thenNothing: (): void => {
        deepStrictEqual(run(), []);
      },
      /** The decision fails with a domain error carrying this code. */
      thenThrows: (code: string, check?: (error: DomainError) => void): DomainError => {
        try {
          const events = run();
          return fail(`Expected ${code}, but the decision produced ${JSON.stringify(events.map((e) => e.type))}`);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          deepStrictEqual(error.code, code);
          check?.(error);
          return error;
        }
      },
    };
  }
}
