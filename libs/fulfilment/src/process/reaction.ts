import { type RecordedEvent } from '@kamflow/eventsourcing';
import { type OrderState } from '@kamflow/ordering';

/** A command to execute now; `key` (unique per causing event) makes its command id stable on replay. */
export interface ReactionCommand {
  key: string;
  command: { type: string; data: unknown };
}

/** A command to execute at `dueAt`; the same `timerId` scheduled twice is one timer. */
export interface ReactionTimer {
  timerId: string;
  dueAt: string;
  command: { type: string; data: unknown };
}

export interface Reaction {
  commands: ReactionCommand[];
  timers: ReactionTimer[];
}

/** What the process may look up: the order as of a revision of its stream (replays see the same state). */
export interface FulfilmentPorts {
  orderAt(orderId: string, revision?: number): Promise<OrderState>;
  acceptanceOverdueDays: number;
}

export type Reactor = (event: RecordedEvent, ports: FulfilmentPorts) => Promise<Reaction> | Reaction;

export function reaction(commands: ReactionCommand[] = [], timers: ReactionTimer[] = []): Reaction {
  return { commands, timers };
}

export function cmd(key: string, type: string, data: unknown): ReactionCommand {
  return { key, command: { type, data } };
}
