import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { type CommandMetadata, type CommandResult } from '@kamflow/eventsourcing';
import { type AuthenticatedActor } from '../auth/actor';
import { BadInputException } from './problem';

/** What an HTTP command brings besides its body. */
export interface CommandContext {
  metadata: CommandMetadata & { actor: AuthenticatedActor };
  /** From `If-Match: "<revision>"`. */
  expectedRevision?: number;
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{7,199}$/;

/** Builds the command context: actor, time, idempotency key (scoped to the actor), correlation, If-Match. */
export function commandContextOf(request: Request & { actor: AuthenticatedActor; id?: unknown }): CommandContext {
  const key = header(request, 'idempotency-key');
  if (key !== undefined && !KEY_PATTERN.test(key)) {
    throw new BadInputException(
      [{ field: 'Idempotency-Key', message: 'must be 8-200 characters of letters, digits, "-", "_", ".", ":" (a UUID fits)' }],
      'REQUEST.INVALID_HEADER',
    );
  }
  const ifMatch = header(request, 'if-match');
  let expectedRevision: number | undefined;
  if (ifMatch !== undefined) {
    const m = /^(?:W\/)?"?(-?\d+)"?$/.exec(ifMatch.trim());
    if (!m) {
      throw new BadInputException(
        [{ field: 'If-Match', message: 'must be the revision in quotes, e.g. "3"' }],
        'REQUEST.INVALID_HEADER',
      );
    }
    expectedRevision = Number(m[1]);
  }
  const correlationId = typeof request.id === 'string' ? request.id : undefined;
  return {
    metadata: {
      now: new Date().toISOString(),
      actor: request.actor,
      ...(key ? { commandId: `${request.actor.id}:${key}` } : {}),
      ...(correlationId ? { correlationId } : {}),
    },
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  };
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `@Cmd() ctx: CommandContext` in a controller. */
export const Cmd = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  commandContextOf(ctx.switchToHttp().getRequest()),
);

/** Sets the headers a command answer carries: position for read-your-writes, replay marker, ETag. */
export function commandResponse(
  response: Response,
  result: Pick<CommandResult<unknown>, 'revision' | 'globalPosition' | 'duplicate'>,
  id: string,
): { id: string; revision: number } {
  response.setHeader('X-Global-Position', String(result.globalPosition));
  response.setHeader('ETag', `"${result.revision}"`);
  if (result.duplicate) response.setHeader('Idempotent-Replayed', 'true');
  return { id, revision: result.revision };
}
