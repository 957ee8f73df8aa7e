import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { keyAccountDecider, type RegisterKeyAccount } from './key-account';
import { providerDecider } from '../provider/provider';

const admin = { id: 'user:admin', roles: ['admin'] };
const desk = { id: 'user:desk', roles: ['order-desk'] };
const now = '2026-11-26T08:00:00.000Z';

const register = (over: Partial<RegisterKeyAccount['data']> = {}, actor = admin): RegisterKeyAccount => ({
  type: 'RegisterKeyAccount',
  data: {
    accountId: 'acc-1',
    name: '国家电网某省公司',
    industry: 'government',
    tier: 'STRATEGIC',
    region: 'Beijing',
    accountManager: 'manager',
    agents: [],
    serviceModel: 'DIRECT',
    credit: { grade: 'A', limit: money(100_000_000), paymentTermsDays: 30 },
    ...over,
  },
  metadata: { now, actor },
});

const spec = DeciderSpecification.for(keyAccountDecider);

describe('registering a key account', () => {
  it('records the profile and the initial credit terms', () => {
    const cmd = register();
    spec.given([]).when(cmd).then([{ type: 'KeyAccountRegistered', data: cmd.data }]);
  });
  it('is for admins only', () => {
    spec.given([]).when(register({}, desk)).thenThrows('ACCOUNT.FORBIDDEN');
  });
  it('needs the commerce provider of a COMMERCE_PROVIDER account', () => {
    spec.given([]).when(register({ serviceModel: 'COMMERCE_PROVIDER' })).thenThrows('ACCOUNT.COMMERCE_PROVIDER_REQUIRED');
  });
  it('happens once per account id', () => {
    const cmd = register();
    spec.given([{ type: 'KeyAccountRegistered', data: cmd.data }]).when(cmd).thenThrows('ACCOUNT.ALREADY_REGISTERED');
  });
  it('lets an admin change the tier', () => {
    const cmd = register();
    spec
      .given([{ type: 'KeyAccountRegistered', data: cmd.data }])
      .when({ type: 'ChangeKeyAccount', data: { accountId: 'acc-1', tier: 'CORE' }, metadata: { now, actor: admin } })
      .thenMatches((_events, state) => {
        expect(state.status === 'active' && state.profile.tier).toBe('CORE');
      });
  });
});

describe('registering a provider', () => {
  const provider = {
    providerId: 'lp-1',
    kind: 'LOGISTICS' as const,
    name: '顺丰',
    fees: { deliveryFeePerUnit: money(3_000), inspectionFeePerUnit: money(2_000) },
    regions: ['Beijing'],
  };
  it('records its fee terms', () => {
    DeciderSpecification.for(providerDecider)
      .given([])
      .when({ type: 'RegisterProvider', data: provider, metadata: { now, actor: admin } })
      .then([{ type: 'ProviderRegistered', data: provider }]);
  });
  it('refuses negative fees', () => {
    DeciderSpecification.for(providerDecider)
      .given([])
      .when({
        type: 'RegisterProvider',
        data: { ...provider, fees: { ...provider.fees, deliveryFeePerUnit: money(-1) } },
        metadata: { now, actor: admin },
      })
      .thenThrows('PROVIDER.NEGATIVE_FEE');
  });
});
