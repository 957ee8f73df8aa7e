import { checkCatalogContent } from '../catalog/catalog-consistency';
import { evaluateConfiguration } from '../cto/evaluate-configuration';
import { demoCatalog, DEMO_CATALOG_ID } from './demo-catalog';
import { DEMO_CONFIGURATIONS } from './demo-configurations';

const catalog = demoCatalog('2026-01-05T08:00:00.000Z');
const option = (id: string) => catalog.options.find((o) => o.id === id)!;

describe('the demo catalog', () => {
  it('is internally consistent, so it can be published', () => {
    expect(checkCatalogContent(catalog)).toEqual([]);
    expect(catalog).toMatchObject({ catalogId: DEMO_CATALOG_ID, version: 1 });
  });

  it('offers at least 3 ThinkCentre desktops, 3 ThinkPad notebooks and 2 ThinkServer servers', () => {
    const count = (family: string) => catalog.models.filter((m) => m.family === family).length;
    expect(count('ThinkCentre')).toBeGreaterThanOrEqual(3);
    expect(count('ThinkPad')).toBeGreaterThanOrEqual(3);
    expect(count('ThinkServer')).toBeGreaterThanOrEqual(2);
  });

  it('names everything in English and zh-CN and prices in whole fen', () => {
    for (const item of [...catalog.models, ...catalog.options, ...catalog.optionClasses]) {
      expect(item.name).not.toHaveLength(0);
      expect(item.nameZh).toMatch(/[\u4e00-\u9fff]|^Windows/);
    }
    for (const price of [...catalog.models.map((m) => m.basePrice), ...catalog.options.map((o) => o.price)]) {
      expect(price.currency).toBe('CNY');
      expect(Number.isInteger(price.amount)).toBe(true);
    }
  });

  it('offers 4-hour on-site parts only in Beijing, Shanghai, Guangzhou and Shenzhen', () => {
    for (const id of ['ONSITE-4H-PC', 'ONSITE-4H-SVR']) {
      expect(option(id).regions).toEqual(['Beijing', 'Shanghai', 'Guangzhou', 'Shenzhen']);
    }
  });

  it('keeps the on-site spare-parts depot out of CTO', () => {
    expect(option('SPARE-DEPOT')).toMatchObject({ nameZh: '现场备件库', ctoSellable: false });
  });

  it('keeps Xeon processors and accidental damage protection to the right families', () => {
    for (const model of catalog.models) {
      const cpus = model.classes.find((c) => c.classId === 'CPU')?.optionIds ?? [];
      const hasAdp = model.classes.some((c) => c.classId === 'ADP');
      const server = model.family === 'ThinkServer';
      expect(cpus.every((id) => id.startsWith('CPU-XEON') === server)).toBe(true);
      if (server) expect(hasAdp).toBe(false);
    }
  });

  it('discounts strategic 12 %, core 8 %, important 5 %, ordinary nothing', () => {
    expect(catalog.tierDiscountsBp).toEqual({ STRATEGIC: 1_200, CORE: 800, IMPORTANT: 500, ORDINARY: 0 });
  });

  it('hands out an independent copy each time', () => {
    const copy = demoCatalog('2026-01-05T08:00:00.000Z');
    copy.options[0].price = { amount: 1, currency: 'CNY' };
    expect(demoCatalog('x').options[0].price.amount).toBe(0);
  });

  it.each(DEMO_CONFIGURATIONS.map((d) => [d.name, d.input] as const))(
    'prices the sample "%s"',
    (_, input) => {
      const evaluation = evaluateConfiguration(catalog, input, 'CORE');
      expect(evaluation.violations).toEqual([]);
      expect(evaluation.valid).toBe(true);
      expect(evaluation.unitPrice!.amount).toBeLessThan(evaluation.listUnitPrice!.amount);
      expect(evaluation.leadTimeDays).toBeGreaterThan(0);
    },
  );
});
