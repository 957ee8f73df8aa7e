import { Inject, Injectable } from '@nestjs/common';
import {
  type Command,
  type CommandResult,
  type Decider,
  type DomainEvent,
  DomainError,
  EVENT_STORE,
  type EventStore,
  handleCommand,
} from '@kamflow/eventsourcing';
import { Metrics } from '../metrics/metrics';

/** How one context handles a set of command types: which decider, which stream. */
export interface CommandRoute<S = unknown, C extends Command = Command, E extends DomainEvent = DomainEvent> {
  context: string;
  types: readonly C['type'][];
  decider: Decider<S, C, E>;
  streamId: (command: C) => string;
  /** The command creates its stream under a generated id (a repeat may have generated another). */
  newStream?: (command: C) => boolean;
  /** What the first execution answers on repeats; defaults to nothing beyond revision and position. */
  result?: (state: S, command: C) => unknown;
  /** Adds what the decider needs from outside its stream (the current catalog, fee terms...). */
  prepare?: (command: C) => Promise<C>;
}

/** Declares a route with full typing of the decider's command union. */
export function route<S, C extends Command, E extends DomainEvent>(r: CommandRoute<S, C, E>): CommandRoute {
  return r as unknown as CommandRoute;
}

export interface ExecuteOptions {
  expectedRevision?: number;
}

/**
 * Executes domain commands by type: the one entry point used by HTTP controllers, the process manager
 * and (in the distributed mode) command-topic consumers. Commands are plain data, so they cross process
 * boundaries unchanged.
 */
@Injectable()
export class CommandRouter {
  private readonly routes = new Map<string, CommandRoute>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: Metrics,
  ) {}

  register(...routes: CommandRoute[]): void {
    for (const r of routes) {
      for (const type of r.types) {
        if (this.routes.has(type)) throw new Error(`Command ${type} is routed twice`);
        this.routes.set(type, r);
      }
    }
  }

  handles(type: string): boolean {
    return this.routes.has(type);
  }

  /** The route of a command type (its context and stream), for transports that send commands elsewhere. */
  routeOf(type: string): CommandRoute | undefined {
    return this.routes.get(type);
  }

  /** Every routed command type with the context that owns it (the distributed routing table). */
  routingTable(): Record<string, string> {
    return Object.fromEntries([...this.routes].map(([type, r]) => [type, r.context]));
  }

  async execute(command: Command, options: ExecuteOptions = {}): Promise<CommandResult<unknown>> {
    const r = this.routes.get(command.type);
    if (!r) throw new DomainError('COMMAND.UNKNOWN', `No handler for command ${command.type}`, 'invalid');
    try {
      if (r.prepare) command = await r.prepare(command);
      const result = await handleCommand(this.store, r.decider, r.streamId(command), command, {
        expectedRevision: options.expectedRevision,
        newStream: r.newStream?.(command) ?? false,
        result: r.result ? (state) => r.result!(state, command) : undefined,
      });
      this.metrics.commands.inc({ type: command.type, outcome: result.duplicate ? 'repeated' : 'ok' });
      return result;
    } catch (error) {
      this.metrics.commands.inc({
        type: command.type,
        outcome: error instanceof DomainError ? error.code : 'error',
      });
      throw error;
    }
  }
}
