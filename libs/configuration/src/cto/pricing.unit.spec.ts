import { money } from '@kamflow/shared-kernel';
import { type CatalogContent } from '../catalog/catalog.types';
import { demoCatalog } from '../demo/demo-catalog';
import { evaluateConfiguration } from './evaluate-configuration';
import { leadTime, priceConfiguration } from './price-configuration';
import { promisedDate } from './promised-date';
import { type ConfigurationInput } from './violation';

const catalog = demoCatalog('2026-01-05T08:00:00.000Z');

/** ThinkPad T14 for a bank branch in Shanghai: list 16 799.00 CNY. */
const notebook: ConfigurationInput = {
  modelId: 'TP-T14-G4',
  optionIds: [
    'CPU-I7-1365U',
    'MEM-32G',
    'SSD-1T',
    'OS-WIN11-PRO',
    'SW-MSOFFICE-LTSC',
    'WTY-3Y-NB',
    'ADP-3Y',
    'ONSITE-4H-PC',
  ],
  channel: 'DIRECT',
  region: 'Shanghai',
};

describe('pricing a configuration', () => {
  it('adds every option to the base price, in fen', () => {
    // 7 299 + 1 500 + 900 + 800 + 900 + 2 600 + 900 + 700 + 1 200 CNY
    expect(priceConfiguration(catalog, notebook, 'ORDINARY')).toEqual({
      listUnitPrice: money(1_679_900),
      discountBp: 0,
      unitPrice: money(1_679_900),
    });
  });

  it.each([
    ['STRATEGIC', 1_200, 1_478_312],
    ['CORE', 800, 1_545_508],
    ['IMPORTANT', 500, 1_595_905],
    ['ORDINARY', 0, 1_679_900],
  ] as const)('gives a %s account its tier discount of %i basis points', (tier, bp, unit) => {
    const price = priceConfiguration(catalog, notebook, tier);
    expect(price.discountBp).toBe(bp);
    expect(price.unitPrice).toEqual(money(unit));
    expect(Number.isInteger(price.unitPrice.amount)).toBe(true);
  });

  it('rounds a discounted price to a whole fen', () => {
    const odd: CatalogContent = {
      ...catalog,
      models: [{ ...catalog.models[0], id: 'ODD', basePrice: money(12_345), classes: [] }],
    };
    // 12 345 × 0.92 = 11 357.4 → 11 357; 12 345 × 0.95 = 11 727.75 → 11 728
    expect(priceConfiguration(odd, { modelId: 'ODD', optionIds: [] }, 'CORE').unitPrice).toEqual(
      money(11_357),
    );
    expect(priceConfiguration(odd, { modelId: 'ODD', optionIds: [] }, 'IMPORTANT').unitPrice).toEqual(
      money(11_728),
    );
  });

  it('cannot price a model that is not in the catalog', () => {
    expect(() => priceConfiguration(catalog, { modelId: 'NOPE', optionIds: [] }, 'CORE')).toThrow(
      expect.objectContaining({ code: 'CONFIG.UNKNOWN_MODEL' }),
    );
    expect(() => priceConfiguration(catalog, { modelId: 'TP-T14-G4', optionIds: ['NOPE'] }, 'CORE')).toThrow(
      expect.objectContaining({ code: 'CONFIG.UNKNOWN_OPTION' }),
    );
  });
});

describe('lead time of a configuration', () => {
  it('is the assembly days plus the slowest option', () => {
    // T14: 4 assembly days; the i7-1365U takes 3, everything else less
    expect(leadTime(catalog, notebook)).toBe(7);
  });

  it('is the assembly days alone when every option is in stock', () => {
    expect(leadTime(catalog, { modelId: 'TC-NEO50T-G4', optionIds: ['CPU-I5-13500', 'MEM-8G'] })).toBe(2);
  });
});

describe('the promised date', () => {
  // 2026-11-27 is a Friday.
  it('counts the lead time in business days across a weekend', () => {
    expect(promisedDate('2026-11-27', 7)).toBe('2026-12-08');
    expect(promisedDate('2026-11-27', 1)).toBe('2026-11-30');
  });

  it('takes the release date from a timestamp', () => {
    expect(promisedDate('2026-11-27T15:30:00.000Z', 1, '2026-11-28')).toBe('2026-11-30');
  });

  it('keeps the earliest date when the customer asked for an earlier one', () => {
    expect(promisedDate('2026-11-27', 7, '2026-12-01')).toBe('2026-12-08');
  });

  it('promises the requested date when it is later', () => {
    expect(promisedDate('2026-11-27', 7, '2026-12-15')).toBe('2026-12-15');
  });

  it('never promises a weekend: a Saturday request moves to Monday', () => {
    expect(promisedDate('2026-11-27', 7, '2026-12-19')).toBe('2026-12-21');
  });
});

describe('evaluating a configuration', () => {
  it('prices and times a valid configuration against the catalog version', () => {
    expect(evaluateConfiguration(catalog, notebook, 'STRATEGIC')).toEqual({
      valid: true,
      violations: [],
      listUnitPrice: money(1_679_900),
      discountBp: 1_200,
      unitPrice: money(1_478_312),
      leadTimeDays: 7,
      catalogVersion: 1,
    });
  });

  it('still shows an indicative price for a configuration that breaks a rule', () => {
    const evaluation = evaluateConfiguration(catalog, { ...notebook, region: 'Xian' }, 'ORDINARY');
    expect(evaluation.valid).toBe(false);
    expect(evaluation.violations.map((v) => v.code)).toEqual(['CONFIG.REGION_RESTRICTED']);
    expect(evaluation.listUnitPrice).toEqual(money(1_679_900));
    expect(evaluation.leadTimeDays).toBe(7);
  });

  it('gives no price when an option is unknown', () => {
    const evaluation = evaluateConfiguration(
      catalog,
      { ...notebook, optionIds: [...notebook.optionIds, 'X'] },
      'CORE',
    );
    expect(evaluation).toEqual({
      valid: false,
      violations: [expect.objectContaining({ code: 'CONFIG.UNKNOWN_OPTION' })],
      discountBp: 800,
      catalogVersion: 1,
    });
  });
});
