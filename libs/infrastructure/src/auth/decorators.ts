import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { type Request } from 'express';
import { type AuthenticatedActor } from './actor';

export const IS_PUBLIC = 'kamflow:public';
export const REQUIRED_ROLES = 'kamflow:roles';

/** The route needs no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route needs one of these roles (`admin` always passes). */
export const RequireRoles = (...roles: string[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated actor of the request. */
export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedActor =>
    ctx.switchToHttp().getRequest<Request & { actor: AuthenticatedActor }>().actor,
);
