import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { type Request } from 'express';
import { actorFromClaims, type AuthenticatedActor, type JwtClaims } from './actor';
import { ADMIN_EXCLUDED, IS_PUBLIC, REQUIRED_ROLES } from './decorators';
import { VerifiedTokens } from './verified-tokens';

/**
 * Every route needs a valid bearer token unless marked `@Public()`; `@RequireRoles` narrows it (admin
 * passes), `@RequireRolesOnly` narrows it further (admin passes only when listed).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: AuthenticatedActor }>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthorizedException('A bearer token is required: POST /api/v1/auth/login');
    }
    let claims = this.verified.get(token);
    if (!claims) {
      try {
        claims = await this.jwt.verifyAsync<JwtClaims>(token);
      } catch {
        throw new UnauthorizedException('The bearer token is invalid or expired');
      }
      this.verified.set(token, claims);
    }
    request.actor = actorFromClaims(claims);
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, targets);
    const adminPasses = !this.reflector.getAllAndOverride<boolean>(ADMIN_EXCLUDED, targets);
    if (roles?.length && !request.actor.roles.some((r) => (adminPasses && r === 'admin') || roles.includes(r))) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
