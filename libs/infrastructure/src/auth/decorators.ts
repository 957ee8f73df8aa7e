import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { type Request } from 'express';
import { type AuthenticatedActor } from './actor';

export const IS_PUBLIC = 'kamflow:public';
export const REQUIRED_ROLES = 'kamflow:roles';
export const ADMIN_EXCLUDED = 'kamflow:admin-excluded';

/** The route needs no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route needs one of these roles (`admin` always passes). */
export const RequireRoles = (...roles: string[]) => SetMetadata(REQUIRED_ROLES, roles);

/**
 * The route needs one of these roles and `admin` passes only when it is one of them (least privilege:
 * `admin` operates the system, but reads such as finance's reports belong to their roles alone).
 */
export const RequireRolesOnly = (...roles: string[]) =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), SetMetadata(ADMIN_EXCLUDED, true));

/** The authenticated actor of the request. */
export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedActor =>
    ctx.switchToHttp().getRequest<Request & { actor: AuthenticatedActor }>().actor,
);
