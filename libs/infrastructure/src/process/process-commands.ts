import { type Logger } from '@nestjs/common';
import {
  type Command,
  DomainError,
  type RecordedEvent,
  WrongExpectedRevisionError,
} from '@kamflow/eventsourcing';
import { type SqlExecutor } from '@kamflow/event-store';
import { type CommandGateway } from '../commands/command-gateway';
import { type ProcessCommand, type ProcessManager } from './process-manager';

/**
 * Executes one command of a reaction (or a due timer) as the process, with a command id derived from its
 * cause, so a replay appends nothing twice. A command the domain refuses is kept as a dead letter
 * (`process_dead_letters`) and the run goes on; any other failure, a concurrency conflict included, is
 * thrown for the batch to be retried.
 */
export async function executeProcessCommand(
  deps: { db: SqlExecutor; commands: CommandGateway; logger: Logger },
  manager: ProcessManager,
  c: ProcessCommand,
  cause: RecordedEvent | undefined,
  now: Date,
): Promise<void> {
  const command: Command = {
    type: c.command.type,
    data: c.command.data,
    metadata: {
      now: now.toISOString(),
      actor: { id: `system:${manager.name}`, roles: ['system'] },
      commandId: `${manager.name}:${c.key}`,
      ...(cause
        ? { causationId: cause.eventId, correlationId: cause.metadata.correlationId ?? cause.eventId }
        : {}),
      ...c.command.metadata,
    },
  };
  try {
    // In-process: executed now (a refusal lands below). Distributed: on its context's command topic.
    await deps.commands.dispatch(command);
  } catch (error) {
    // Concurrency conflicts that outlived their retries are transient: retry the batch.
    if (!(error instanceof DomainError) || error instanceof WrongExpectedRevisionError) throw error;
    deps.logger.warn({ process: manager.name, command: command.type, code: error.code }, error.message);
    await deps.db.query(
      `INSERT INTO process_dead_letters (process, event_id, event_type, global_position, command, error_code, error_message)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        manager.name,
        cause?.eventId ?? '00000000-0000-0000-0000-000000000000',
        cause?.type ?? 'Timer',
        cause?.globalPosition ?? 0,
        JSON.stringify(command),
        error.code,
        error.message,
      ],
    );
  }
}
