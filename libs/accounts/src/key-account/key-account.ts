import {
  assertNever,
  type Command,
  type Decider,
  DomainError,
  type DomainEvent,
} from '@kamflow/eventsourcing';
import {
  type AccountTier,
  type CreditGrade,
  type Money,
  hasRole,
  Roles,
  type ServiceModel,
} from '@kamflow/shared-kernel';
import { validateChangeKeyAccount, validateRegisterKeyAccount } from './key-account.validate';

/** Master data of a key account (大客户). */
export interface KeyAccountProfile {
  accountId: string;
  name: string;
  industry: string;
  tier: AccountTier;
  region: string;
  /** Username of the assigned account manager (客户经理). */
  accountManager: string;
  agents: string[];
  serviceModel: ServiceModel;
  commerceProviderId?: string;
}

export type RegisterKeyAccount = Command<
  'RegisterKeyAccount',
  KeyAccountProfile & { credit: { grade: CreditGrade; limit: Money; paymentTermsDays: number } }
>;
export type ChangeKeyAccount = Command<
  'ChangeKeyAccount',
  { accountId: string } & Partial<Omit<KeyAccountProfile, 'accountId'>>
>;
export type KeyAccountCommand = RegisterKeyAccount | ChangeKeyAccount;

export type KeyAccountRegistered = DomainEvent<'KeyAccountRegistered', RegisterKeyAccount['data']>;
export type KeyAccountChanged = DomainEvent<
  'KeyAccountChanged',
  { accountId: string; changes: ChangeKeyAccount['data']; profile: KeyAccountProfile }
>;
export type KeyAccountEvent = KeyAccountRegistered | KeyAccountChanged;

export type KeyAccountState = { status: 'none' } | { status: 'active'; profile: KeyAccountProfile };

export const keyAccountStreamId = (accountId: string) => `account-${accountId}`;

function checkProfile(p: Partial<KeyAccountProfile>): void {
  if (p.serviceModel === 'COMMERCE_PROVIDER' && !p.commerceProviderId) {
    throw new DomainError(
      'ACCOUNT.COMMERCE_PROVIDER_REQUIRED',
      'An account served by a commerce provider must name the provider',
      'invalid',
    );
  }
  if (p.serviceModel === 'DIRECT' && p.commerceProviderId) {
    throw new DomainError(
      'ACCOUNT.COMMERCE_PROVIDER_NOT_ALLOWED',
      'A DIRECT account has no commerce provider',
      'invalid',
    );
  }
}

/** Key accounts: registered and changed by an admin. Registering also opens the credit account (via the process). */
export const keyAccountDecider: Decider<KeyAccountState, KeyAccountCommand, KeyAccountEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'KeyAccountRegistered': {
        const { credit: _credit, ...profile } = event.data;
        return { status: 'active', profile };
      }
      case 'KeyAccountChanged':
        return { status: 'active', profile: event.data.profile };
      default:
        return assertNever(event, 'event');
    }
  },
  decide: (command, state) => {
    if (!hasRole(command.metadata.actor, Roles.Admin)) {
      throw new DomainError('ACCOUNT.FORBIDDEN', 'Only an admin maintains key accounts', 'forbidden');
    }
    switch (command.type) {
      case 'RegisterKeyAccount': {
        const data = validateRegisterKeyAccount(command.data);
        if (state.status !== 'none') {
          throw new DomainError('ACCOUNT.ALREADY_REGISTERED', `Account ${data.accountId} exists`, 'conflict');
        }
        checkProfile(data);
        return [{ type: 'KeyAccountRegistered', data }];
      }
      case 'ChangeKeyAccount': {
        const changes = validateChangeKeyAccount(command.data);
        if (state.status === 'none') {
          throw new DomainError(
            'ACCOUNT.NOT_FOUND',
            `Account ${changes.accountId} was not found`,
            'not-found',
          );
        }
        const profile = { ...state.profile, ...changes };
        checkProfile(profile);
        return [{ type: 'KeyAccountChanged', data: { accountId: changes.accountId, changes, profile } }];
      }
      default:
        return assertNever(command, 'command');
    }
  },
};
