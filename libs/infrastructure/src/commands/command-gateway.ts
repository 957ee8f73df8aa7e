import { Injectable } from '@nestjs/common';
import { type Command, type CommandResult } from '@kamflow/eventsourcing';
import { CommandRouter, type ExecuteOptions } from './command-router';

/**
 * Where edges (HTTP controllers, the demo seeder, process managers) hand their commands. Embedded: the
 * {@link CommandRouter} of this process ({@link InProcessCommandGateway}). Distributed: commands of contexts
 * that run elsewhere travel on `kamflow.<context>.commands` and the answer comes back on this instance's
 * reply topic (`KafkaCommandGateway` in `distributed/`); the result and the domain errors are the same.
 */
export abstract class CommandGateway {
  /** Executes the command and answers its result; domain errors are thrown as {@link DomainError}s. */
  abstract execute(command: Command, options?: ExecuteOptions): Promise<CommandResult<unknown>>;

  /**
   * Hands the command on for execution. In-process this executes it (domain errors are thrown, as from
   * `execute`); over Kafka it resolves once the broker holds the command (fire-and-forget: the command id
   * makes a re-send harmless and the owning service logs a refusal).
   */
  abstract dispatch(command: Command): Promise<void>;
}

/** The embedded gateway: this process's {@link CommandRouter}. */
@Injectable()
export class InProcessCommandGateway extends CommandGateway {
  constructor(private readonly router: CommandRouter) {
    super();
  }

  execute(command: Command, options?: ExecuteOptions): Promise<CommandResult<unknown>> {
    return this.router.execute(command, options);
  }

  async dispatch(command: Command): Promise<void> {
    await this.router.execute(command);
  }
}

/** DI token of the distributed gateway; when it is provided, {@link CommandGateway} resolves to it. */
export const REMOTE_COMMAND_GATEWAY = Symbol('REMOTE_COMMAND_GATEWAY');
