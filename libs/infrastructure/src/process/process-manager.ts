import { type Command, type RecordedEvent } from '@kamflow/eventsourcing';

/** A command a process wants executed now. `key` makes its command id stable across replays. */
export interface ProcessCommand {
  key: string;
  command: Omit<Command, 'metadata'> & { metadata?: Partial<Command['metadata']> };
}

/** A command a process wants executed later; `timerId` is stable so scheduling twice is harmless. */
export interface ProcessTimer {
  timerId: string;
  dueAt: string;
  command: Omit<Command, 'metadata'>;
}

export interface ProcessReaction {
  commands?: ProcessCommand[];
  timers?: ProcessTimer[];
}

/**
 * A process manager: reacts to events with commands (now) and timers (later).
 * Reactions must be deterministic in the event, so replaying an event yields the same command ids.
 */
export interface ProcessManager {
  readonly name: string;
  /** Stream categories it listens to. */
  readonly categories: readonly string[];
  react(event: RecordedEvent): Promise<ProcessReaction> | ProcessReaction;
  /**
   * Events with the same key are handled one after another in log order; events of different keys (e.g.
   * different orders) may be handled at the same time. Without it every event is handled in turn.
   */
  keyOf?(event: RecordedEvent): string;
}
