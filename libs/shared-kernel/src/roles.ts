/** The roles of the order desk's RBAC. */
export const Roles = {
  Admin: 'admin',
  OrderDesk: 'order-desk',
  ContractReviewer: 'contract-reviewer',
  CreditAnalyst: 'credit-analyst',
  CreditApprover: 'credit-approver',
  AccountManager: 'account-manager',
  Finance: 'finance',
  LogisticsProvider: 'logistics-provider',
  CommerceProvider: 'commerce-provider',
  Agent: 'agent',
  System: 'system',
} as const;

export type Role = (typeof Roles)[keyof typeof Roles];

/** Roles of people working for the manufacturer (not provider principals). */
export const STAFF_ROLES: readonly Role[] = [
  Roles.Admin,
  Roles.OrderDesk,
  Roles.ContractReviewer,
  Roles.CreditAnalyst,
  Roles.CreditApprover,
  Roles.AccountManager,
  Roles.Finance,
];

export function hasRole(actor: { roles: readonly string[] }, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
