import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { type CatalogContent } from '../catalog/catalog.types';
import { demoCatalog } from '../demo/demo-catalog';
import { type ValidateLineConfiguration } from './configuration.commands';
import { configurationDecider, configurationStreamId } from './configuration.decider';
import { type ConfigurationEvent } from './configuration.events';

const spec = DeciderSpecification.for(configurationDecider);
const now = '2026-11-27T09:00:00.000Z';
const system = { id: 'system:fulfilment', roles: ['system'] };
const catalog = demoCatalog('2026-01-05T08:00:00.000Z');

/** 20 ThinkCentre M70t on Kylin for a strategic government account in Beijing. */
const validate = (
  edit: Partial<ValidateLineConfiguration['data']> = {},
  withCatalog: CatalogContent = catalog,
): ValidateLineConfiguration => ({
  type: 'ValidateLineConfiguration',
  data: {
    orderId: 'ord-1',
    lineId: 'l1',
    accountId: 'acc-gov-bj',
    modelId: 'TC-M70T-G4',
    optionIds: ['CPU-I5-13500', 'MEM-16G', 'SSD-512G', 'OS-KYLIN-V10', 'SW-WPS-PRO', 'WTY-3Y-PC'],
    quantity: 20,
    channel: 'DIRECT',
    region: 'Beijing',
    tier: 'STRATEGIC',
    catalog: withCatalog,
    ...edit,
  },
  metadata: { now, actor: system },
});

// 4 499 + 300 + 300 + 600 + 400 + 500 CNY = 6 599.00; strategic −12 % = 5 807.12
const validated: ConfigurationEvent = {
  type: 'ConfigurationValidated',
  data: {
    orderId: 'ord-1',
    lineId: 'l1',
    accountId: 'acc-gov-bj',
    modelId: 'TC-M70T-G4',
    optionIds: ['CPU-I5-13500', 'MEM-16G', 'SSD-512G', 'OS-KYLIN-V10', 'SW-WPS-PRO', 'WTY-3Y-PC'],
    quantity: 20,
    catalogId: 'cn-key-accounts',
    catalogVersion: 1,
    listUnitPrice: money(659_900),
    unitPrice: money(580_712),
    discountBp: 1_200,
    lineTotal: money(11_614_240),
    leadTimeDays: 3,
  },
};

describe('validating an order line configuration', () => {
  it('keeps one stream per order line', () => {
    expect(configurationStreamId('ord-1', 'l1')).toBe('configuration-ord-1.l1');
  });

  describe('a valid configuration', () => {
    it('is priced for the account tier, pins the catalog version and totals the line', () => {
      spec
        .given([])
        .when(validate())
        .thenMatches((events, state) => {
          expect(events).toEqual([validated]);
          expect(state).toEqual({ status: 'valid', validations: 1, current: validated.data });
        });
    });
  });

  describe('a configuration that breaks catalog rules', () => {
    it('is rejected with every violation and the catalog version it was checked against', () => {
      spec
        .given([])
        .when(
          validate({ optionIds: ['CPU-I5-13500', 'MEM-64G', 'SSD-512G', 'ONSITE-4H-PC'], region: 'Lhasa' }),
        )
        .thenMatches((events, state) => {
          expect(events).toHaveLength(1);
          const [event] = events;
          expect(event.type).toBe('ConfigurationRejected');
          expect(event.data).toMatchObject({
            orderId: 'ord-1',
            lineId: 'l1',
            catalogVersion: 1,
            quantity: 20,
          });
          expect(event.type === 'ConfigurationRejected' && event.data.violations.map((v) => v.code)).toEqual([
            'CONFIG.REGION_RESTRICTED',
            'CONFIG.CLASS_MIN',
            'CONFIG.REQUIRES',
            'CONFIG.REQUIRES',
          ]);
          expect(state.status).toBe('rejected');
        });
    });
  });

  describe('a line revalidated after an amendment', () => {
    it('records a new validation that replaces the rejection', () => {
      const [rejection] = configurationDecider.decide(validate({ optionIds: ['CPU-I5-13500'] }), {
        status: 'unvalidated',
      });
      expect(rejection.type).toBe('ConfigurationRejected');
      spec
        .given([rejection])
        .when(validate())
        .thenMatches((events, state) => {
          expect(events).toEqual([validated]);
          expect(state).toMatchObject({ status: 'valid', validations: 2 });
        });
    });

    it('can be rejected after having been valid, e.g. a quantity change against a newer catalog', () => {
      const v2: CatalogContent = {
        ...catalog,
        version: 2,
        options: catalog.options.filter((o) => o.id !== 'SW-WPS-PRO'),
      };
      spec
        .given([validated])
        .when(validate({ quantity: 30 }, v2))
        .thenMatches((events, state) => {
          expect(events[0]).toMatchObject({
            type: 'ConfigurationRejected',
            data: {
              catalogVersion: 2,
              quantity: 30,
              violations: [expect.objectContaining({ code: 'CONFIG.UNKNOWN_OPTION' })],
            },
          });
          expect(state).toMatchObject({ status: 'rejected', validations: 2 });
        });
    });
  });

  describe('a quantity below one', () => {
    it.each([0, -3, 1.5])('refuses quantity %p', (quantity) => {
      const error = spec.given([]).when(validate({ quantity })).thenThrows('CONFIG.INVALID_QUANTITY');
      expect(error.kind).toBe('invalid');
    });
  });

  describe('a command for another line', () => {
    it('is refused on this line’s stream', () => {
      spec
        .given([validated])
        .when(validate({ lineId: 'l2' }))
        .thenThrows('CONFIG.LINE_MISMATCH');
    });
  });
});
