import { money } from '@kamflow/shared-kernel';
import { checkCatalogContent } from './catalog-consistency';
import { type CatalogContent } from './catalog.types';

/** A minimal consistent catalog: one desktop, a CPU class with two options. */
function tiny(): CatalogContent {
  return {
    catalogId: 'tiny',
    version: 1,
    publishedAt: '2026-01-05T08:00:00.000Z',
    models: [
      {
        id: 'M1',
        family: 'ThinkCentre',
        name: 'Desktop',
        nameZh: '台式机',
        basePrice: money(100_000),
        assemblyDays: 2,
        classes: [{ classId: 'CPU', min: 1, max: 1 }],
      },
    ],
    optionClasses: [{ id: 'CPU', name: 'Processor', nameZh: '处理器' }],
    options: [
      {
        id: 'I5',
        classId: 'CPU',
        name: 'i5',
        nameZh: 'i5',
        price: money(0),
        leadTimeDays: 0,
        ctoSellable: true,
      },
      {
        id: 'I7',
        classId: 'CPU',
        name: 'i7',
        nameZh: 'i7',
        price: money(50_000),
        leadTimeDays: 2,
        ctoSellable: true,
      },
    ],
    rules: [],
    tierDiscountsBp: { STRATEGIC: 1_200, CORE: 800, IMPORTANT: 500, ORDINARY: 0 },
  };
}
const paths = (content: CatalogContent) => checkCatalogContent(content).map((i) => i.path);

describe('checking catalog content', () => {
  it('finds nothing wrong with a consistent catalog', () => {
    expect(checkCatalogContent(tiny())).toEqual([]);
  });

  it('refuses duplicate ids', () => {
    const c = tiny();
    c.options.push({ ...c.options[0] });
    c.models.push({ ...c.models[0] });
    expect(paths(c)).toEqual(['options[2].id', 'models[1].id']);
  });

  it('refuses a model class or option that names an unknown class', () => {
    const c = tiny();
    c.models[0].classes.push({ classId: 'GPU', min: 0, max: 1 });
    c.options[1].classId = 'GPU';
    expect(paths(c)).toEqual(['models[0].classes[1].classId', 'options[1].classId']);
  });

  it('refuses a minimum above the maximum, and a minimum the offered options cannot meet', () => {
    const c = tiny();
    c.models[0].classes[0] = { classId: 'CPU', min: 3, max: 2 };
    expect(checkCatalogContent(c)).toEqual([
      { path: 'models[0].classes[0].max', message: 'min 3 is greater than max 2' },
      { path: 'models[0].classes[0].min', message: 'min 3 cannot be met: only 2 option(s) offered' },
    ]);
  });

  it('refuses a model option list naming an unknown option or one of another class', () => {
    const c = tiny();
    c.optionClasses.push({ id: 'OS', name: 'OS', nameZh: '操作系统' });
    c.options.push({
      id: 'WIN',
      classId: 'OS',
      name: 'Win',
      nameZh: 'Win',
      price: money(1),
      leadTimeDays: 0,
      ctoSellable: true,
    });
    c.models[0].classes[0].optionIds = ['I5', 'WIN', 'XEON'];
    expect(paths(c)).toEqual(['models[0].classes[0].optionIds[1]', 'models[0].classes[0].optionIds[2]']);
  });

  it('refuses fractional or negative prices and lead times', () => {
    const c = tiny();
    c.models[0].basePrice = { amount: 99.5, currency: 'CNY' };
    c.options[0].price = money(-1);
    c.options[1].leadTimeDays = -2;
    expect(paths(c)).toEqual(['models[0].basePrice', 'options[0].price', 'options[1].leadTimeDays']);
  });

  it('refuses prices in more than one currency', () => {
    const c = tiny();
    c.options[1].price = money(100, 'USD');
    expect(checkCatalogContent(c)).toEqual([
      { path: 'currency', message: 'prices mix currencies: CNY, USD' },
    ]);
  });

  it('refuses rules that refer to unknown options, to nothing, or to themselves', () => {
    const c = tiny();
    c.rules = [
      { kind: 'requires', optionId: 'I9', requiresAnyOf: ['I5'] },
      { kind: 'excludes', optionId: 'I5', excludes: [] },
      { kind: 'excludes', id: 'self', optionId: 'I7', excludes: ['I7'] },
    ];
    expect(paths(c)).toEqual(['rules[0].optionId', 'rules[1].excludes', 'rules[2].excludes[0]']);
  });

  it('refuses duplicate rule ids', () => {
    const c = tiny();
    c.rules = [
      { kind: 'requires', optionId: 'I7', requiresAnyOf: ['I5'] },
      { kind: 'requires', optionId: 'I7', requiresAnyOf: ['I5'] },
    ];
    expect(paths(c)).toEqual(['rules[1].id']);
  });

  it('refuses a missing or out-of-range tier discount, unknown channels and empty restriction lists', () => {
    const c = tiny();
    c.tierDiscountsBp = { STRATEGIC: 12_000, CORE: 800, IMPORTANT: 500 } as CatalogContent['tierDiscountsBp'];
    c.options[0].channels = ['DIRECT', 'FAX' as never];
    c.options[1].regions = [];
    expect(paths(c)).toEqual([
      'options[0].channels[1]',
      'options[1].regions',
      'tierDiscountsBp.STRATEGIC',
      'tierDiscountsBp.ORDINARY',
    ]);
  });

  it('refuses a version that is not a positive integer and a missing zh-CN name', () => {
    const c = tiny();
    c.version = 1.5;
    c.optionClasses[0].nameZh = '';
    expect(paths(c)).toEqual(['version', 'optionClasses[0].nameZh']);
  });
});
