import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, type LoginAnswer, setToken, setUnauthorizedHandler } from './api';

export const Role = {
  Admin: 'admin',
  OrderDesk: 'order-desk',
  ContractReviewer: 'contract-reviewer',
  CreditAnalyst: 'credit-analyst',
  CreditApprover: 'credit-approver',
  AccountManager: 'account-manager',
  Finance: 'finance',
  LogisticsProvider: 'logistics-provider',
  CommerceProvider: 'commerce-provider',
} as const;

export const STAFF: string[] = [
  Role.Admin,
  Role.OrderDesk,
  Role.ContractReviewer,
  Role.CreditAnalyst,
  Role.CreditApprover,
  Role.AccountManager,
  Role.Finance,
];

export interface Session extends LoginAnswer {}

interface AuthValue {
  session: Session | null;
  login(username: string, password: string): Promise<Session>;
  logout(): void;
  /** Whether the signed-in user holds one of the roles. */
  can(...roles: string[]): boolean;
}

const KEY = 'kamflow.session';
const AuthContext = createContext<AuthValue | null>(null);

function stored(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const session = raw ? (JSON.parse(raw) as Session) : null;
    setToken(session?.accessToken ?? null);
    return session;
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(stored);
  const client = useQueryClient();

  const logout = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setToken(null);
    setSession(null);
    client.clear();
  }, [client]);
  setUnauthorizedHandler(logout);

  const login = useCallback(
    async (username: string, password: string) => {
      const answer = await api.login(username, password);
      sessionStorage.setItem(KEY, JSON.stringify(answer));
      setToken(answer.accessToken);
      client.clear();
      setSession(answer);
      return answer;
    },
    [client],
  );

  const value = useMemo<AuthValue>(
    () => ({
      session,
      login,
      logout,
      can: (...roles: string[]) => !!session && roles.some((r) => session.roles.includes(r)),
    }),
    [session, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** Where a user lands after login. */
export function homeOf(roles: string[]): string {
  if (
    roles.includes(Role.AccountManager) &&
    !roles.some((r) => r !== Role.AccountManager && STAFF.includes(r))
  )
    return '/accounts';
  if (roles.some((r) => STAFF.includes(r))) return '/orders';
  if (roles.includes(Role.LogisticsProvider)) return '/provider/shipments';
  if (roles.includes(Role.CommerceProvider)) return '/invoices';
  return '/orders';
}
