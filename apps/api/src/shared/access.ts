import { ForbiddenException } from '@nestjs/common';
import { type AuthenticatedActor } from '@kamflow/infrastructure';
import { hasRole, Roles, STAFF_ROLES } from '@kamflow/shared-kernel';

/** Staff may read orders; an account manager only those of their own accounts. */
export function assertCanReadAccount(actor: AuthenticatedActor, account: { accountManager: string }): void {
  if (hasRole(actor, ...STAFF_ROLES.filter((r) => r !== Roles.AccountManager))) return;
  if (hasRole(actor, Roles.AccountManager) && account.accountManager === actor.username) return;
  throw new ForbiddenException('This order belongs to an account you do not manage');
}

export const STAFF = STAFF_ROLES as unknown as string[];
