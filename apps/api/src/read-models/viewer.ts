import { type AuthenticatedActor } from '@kamflow/infrastructure';
import { hasRole, Roles, STAFF_ROLES } from '@kamflow/shared-kernel';

/** Who reads a list: an account manager without other staff roles sees only the accounts they manage. */
export interface Viewer {
  accountManager?: string;
}

export function viewerOf(actor: AuthenticatedActor): Viewer {
  if (hasRole(actor, ...STAFF_ROLES.filter((r) => r !== Roles.AccountManager))) return {};
  return { accountManager: actor.username };
}
