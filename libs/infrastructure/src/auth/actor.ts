import { type Actor } from '@kamflow/eventsourcing';

/** The authenticated principal of a request. */
export interface AuthenticatedActor extends Actor {
  username: string;
  displayName: string;
}

export interface JwtClaims {
  sub: string;
  name: string;
  roles: string[];
  pid?: string;
}

export function actorFromClaims(claims: JwtClaims): AuthenticatedActor {
  return {
    id: `user:${claims.sub}`,
    username: claims.sub,
    displayName: claims.name,
    roles: claims.roles,
    ...(claims.pid ? { providerId: claims.pid } : {}),
  };
}
