import {
  assertNever,
  type Command,
  type Decider,
  DomainError,
  type DomainEvent,
} from '@kamflow/eventsourcing';
import { hasRole, type Money, Roles } from '@kamflow/shared-kernel';
import { validateRegisterProvider } from './provider.validate';

/** 物流服务商 (logistics) or 商务服务商 (commerce). */
export type ProviderKind = 'LOGISTICS' | 'COMMERCE';

export interface ProviderProfile {
  providerId: string;
  kind: ProviderKind;
  name: string;
  /** Fee terms: per-unit delivery and inspection fees, scaled by satisfaction at accrual. */
  fees: { deliveryFeePerUnit: Money; inspectionFeePerUnit: Money };
  /** Regions the provider serves (informational). */
  regions: string[];
}

export type RegisterProvider = Command<'RegisterProvider', ProviderProfile>;
export type ProviderCommand = RegisterProvider;
export type ProviderRegistered = DomainEvent<'ProviderRegistered', ProviderProfile>;
export type ProviderEvent = ProviderRegistered;
export type ProviderState = { status: 'none' } | { status: 'active'; profile: ProviderProfile };

export const providerStreamId = (providerId: string) => `provider-${providerId}`;

/** Providers are registered by an admin with their fee terms. */
export const providerDecider: Decider<ProviderState, ProviderCommand, ProviderEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'ProviderRegistered':
        return { status: 'active', profile: event.data };
      default:
        return assertNever(event.type, 'event');
    }
  },
  decide: (command, state) => {
    if (!hasRole(command.metadata.actor, Roles.Admin)) {
      throw new DomainError('PROVIDER.FORBIDDEN', 'Only an admin registers providers', 'forbidden');
    }
    const data = validateRegisterProvider(command.data);
    if (state.status !== 'none') {
      throw new DomainError('PROVIDER.ALREADY_REGISTERED', `Provider ${data.providerId} exists`, 'conflict');
    }
    const { deliveryFeePerUnit, inspectionFeePerUnit } = data.fees;
    if (deliveryFeePerUnit.amount < 0 || inspectionFeePerUnit.amount < 0) {
      throw new DomainError('PROVIDER.NEGATIVE_FEE', 'Fees cannot be negative', 'invalid');
    }
    return [{ type: 'ProviderRegistered', data }];
  },
};
