import fc from 'fast-check';
import { DeciderSpecification, DomainError } from '@kamflow/eventsourcing';
import { INVALID_FIELD, money } from '@kamflow/shared-kernel';
import { keyAccountDecider, type RegisterKeyAccount } from './key-account';
import { validateRegisterKeyAccount } from './key-account.validate';
import { providerDecider, type RegisterProvider } from '../provider/provider';

const admin = { id: 'user:admin', roles: ['admin'] };
const now = '2026-11-26T08:00:00.000Z';
const valid: RegisterKeyAccount['data'] = {
  accountId: 'acc-1',
  name: '国家电网某省公司',
  industry: 'government',
  tier: 'STRATEGIC',
  region: 'Beijing',
  accountManager: 'manager',
  agents: [],
  serviceModel: 'DIRECT',
  credit: { grade: 'A', limit: money(100_000_000), paymentTermsDays: 30 },
};
/** A registration whose data is whatever an edge might send. */
const register = (data: unknown): RegisterKeyAccount => ({
  type: 'RegisterKeyAccount',
  data: data as RegisterKeyAccount['data'],
  metadata: { now, actor: admin },
});
const spec = DeciderSpecification.for(keyAccountDecider);
const refusedOn = (field: string) => (error: DomainError) => {
  expect(error.kind).toBe('invalid');
  expect(error.details?.field).toBe(field);
};

describe('a key account registration that no reader could read', () => {
  it.each<[string, unknown, string]>([
    ['a limit that is a list', { ...valid.credit, limit: [] }, 'credit.limit'],
    ['a limit without currency', { ...valid.credit, limit: { amount: 1 } }, 'credit.limit.currency'],
    [
      'a fractional limit',
      { ...valid.credit, limit: { amount: 1.5, currency: 'CNY' } },
      'credit.limit.amount',
    ],
    ['a negative limit', { ...valid.credit, limit: { amount: -1, currency: 'CNY' } }, 'credit.limit.amount'],
    ['a limit in another currency', { ...valid.credit, limit: money(1, 'USD') }, 'credit.limit.currency'],
    ['terms of a year and a day', { ...valid.credit, paymentTermsDays: 366 }, 'credit.paymentTermsDays'],
    ['an unknown grade', { ...valid.credit, grade: 'D' }, 'credit.grade'],
    ['no credit terms at all', undefined, 'credit'],
    ['credit terms that are text', 'A', 'credit'],
  ])('is refused for %s, naming the field, with no event', (_what, credit, field) => {
    spec
      .given([])
      .when(register({ ...valid, credit }))
      .thenThrows(INVALID_FIELD, refusedOn(field));
  });

  it.each<[string, Partial<Record<keyof RegisterKeyAccount['data'], unknown>>, string]>([
    ['a NUL in the name', { name: '国家\u0000电网' }, 'name'],
    ['a lone surrogate in the region', { region: 'Bei\uD800jing' }, 'region'],
    ['a blank account manager', { accountManager: '  ' }, 'accountManager'],
    ['a name of 301 characters', { name: 'x'.repeat(301) }, 'name'],
    ['an unknown tier', { tier: 'GOLD' }, 'tier'],
    ['agents that are not a list', { agents: 'huabei' }, 'agents'],
    ['an agent that is a number', { agents: ['huabei', 7] }, 'agents[1]'],
    ['a missing industry', { industry: undefined }, 'industry'],
  ])('is refused for %s', (_what, over, field) => {
    spec
      .given([])
      .when(register({ ...valid, ...over }))
      .thenThrows(INVALID_FIELD, refusedOn(field));
  });

  it('records only the fields of a registration, not stray ones', () => {
    spec
      .given([])
      .when(register({ ...valid, isAdmin: true, credit: { ...valid.credit, extra: 1 } }))
      .then([{ type: 'KeyAccountRegistered', data: valid }]);
  });

  it('refuses a change that would record a malformed tier or agents', () => {
    spec
      .given([{ type: 'KeyAccountRegistered', data: valid }])
      .when({
        type: 'ChangeKeyAccount',
        data: { accountId: 'acc-1', tier: null } as never,
        metadata: { now, actor: admin },
      })
      .thenThrows(INVALID_FIELD, refusedOn('tier'));
  });

  it('either refuses junk in any field as invalid or records data that passes the same checks', () => {
    const fields = Object.keys(valid) as (keyof RegisterKeyAccount['data'])[];
    const junk = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.record({ amount: fc.oneof(fc.integer(), fc.double(), fc.string()), currency: fc.string() }),
      fc.constantFrom('A', 'CNY', 'STRATEGIC', 'DIRECT', '', '\u0000', []),
    );
    const creditFields = ['grade', 'limit', 'paymentTermsDays'] as const;
    const command = fc.oneof(
      fc
        .record({ field: fc.constantFrom(...fields), value: junk })
        .map(({ field, value }) => ({ ...valid, [field]: value })),
      fc
        .record({ field: fc.constantFrom(...creditFields), value: junk })
        .map(({ field, value }) => ({ ...valid, credit: { ...valid.credit, [field]: value } })),
    );
    fc.assert(
      fc.property(command, (data) => {
        let events;
        try {
          events = keyAccountDecider.decide(register(data), { status: 'none' });
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).kind).toBe('invalid');
          return;
        }
        for (const event of events) {
          if (event.type !== 'KeyAccountRegistered') throw new Error(event.type);
          expect(validateRegisterKeyAccount(event.data)).toEqual(event.data);
        }
      }),
      { seed: 1126, numRuns: 500 },
    );
  });
});

describe('a provider registration that no reader could read', () => {
  const provider = {
    providerId: 'lp-1',
    kind: 'LOGISTICS' as const,
    name: '顺丰',
    fees: { deliveryFeePerUnit: money(3_000), inspectionFeePerUnit: money(2_000) },
    regions: ['Beijing'],
  };
  const registerProvider = (data: unknown): RegisterProvider => ({
    type: 'RegisterProvider',
    data: data as RegisterProvider['data'],
    metadata: { now, actor: admin },
  });
  it.each<[string, unknown, string]>([
    ['no fees', { ...provider, fees: undefined }, 'fees'],
    [
      'a fee without currency',
      { ...provider, fees: { ...provider.fees, inspectionFeePerUnit: { amount: 1 } } },
      'fees.inspectionFeePerUnit.currency',
    ],
    [
      'a fractional fee',
      { ...provider, fees: { ...provider.fees, deliveryFeePerUnit: { amount: 0.5, currency: 'CNY' } } },
      'fees.deliveryFeePerUnit.amount',
    ],
    ['an unknown kind', { ...provider, kind: 'AIRLINE' }, 'kind'],
    ['a NUL in a region', { ...provider, regions: ['Bei\u0000jing'] }, 'regions[0]'],
  ])('is refused for %s', (_what, data, field) => {
    DeciderSpecification.for(providerDecider)
      .given([])
      .when(registerProvider(data))
      .thenThrows(INVALID_FIELD, refusedOn(field));
  });
});
