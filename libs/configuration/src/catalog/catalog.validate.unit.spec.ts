import { DeciderSpecification, type DomainError } from '@kamflow/eventsourcing';
import { INVALID_FIELD, money } from '@kamflow/shared-kernel';
import { configurationDecider } from '../configuration/configuration.decider';
import { type ValidateLineConfiguration } from '../configuration/configuration.commands';
import { demoCatalog } from '../demo/demo-catalog';
import { type PublishCatalogVersion } from './catalog.commands';
import { catalogDecider } from './catalog.decider';

const admin = { id: 'user:admin', roles: ['admin'] };
const now = '2026-01-05T08:00:00.000Z';
const v1 = demoCatalog(now);
const refusedOn = (field: string) => (error: DomainError) => {
  expect(error.kind).toBe('invalid');
  expect(error.details?.field).toBe(field);
};
const publish = (content: unknown): PublishCatalogVersion => ({
  type: 'PublishCatalogVersion',
  data: { catalogId: v1.catalogId, content: content as PublishCatalogVersion['data']['content'] },
  metadata: { now, actor: admin },
});
const option0 = v1.options[0];

describe('catalog versions no reader could read', () => {
  it.each<[string, unknown, string]>([
    ['without options', { ...v1, options: undefined }, 'content.options'],
    ['with models that are an object', { ...v1, models: {} }, 'content.models'],
    ['with an option that is text', { ...v1, options: ['CPU'] }, 'content.options[0]'],
    [
      'with a NUL in an option name',
      { ...v1, options: [{ ...option0, name: 'i5\u0000' }, ...v1.options.slice(1)] },
      'content.options[0].name',
    ],
    [
      'with a price without currency',
      { ...v1, options: [{ ...option0, price: { amount: 100 } }, ...v1.options.slice(1)] },
      'content.options[0].price.currency',
    ],
    [
      'with a price in dollars',
      { ...v1, options: [{ ...option0, price: money(100, 'USD') }, ...v1.options.slice(1)] },
      'content.options[0].price.currency',
    ],
    [
      'with a price of 10^16 fen',
      { ...v1, options: [{ ...option0, price: { amount: 1e16, currency: 'CNY' } }, ...v1.options.slice(1)] },
      'content.options[0].price.amount',
    ],
    ['published on no day', { ...v1, publishedAt: '2026-02-30T00:00:00Z' }, 'content.publishedAt'],
    ['that is a list', [], 'content'],
  ])('a version %s is refused, naming the field', (_what, content, field) => {
    DeciderSpecification.for(catalogDecider)
      .given([])
      .when(publish(content))
      .thenThrows('CATALOG.INVALID_CONTENT', refusedOn(field));
  });
});

describe('line configurations no reader could read', () => {
  const validate = (over: Record<string, unknown>): ValidateLineConfiguration => ({
    type: 'ValidateLineConfiguration',
    data: {
      orderId: 'ord-1',
      lineId: 'l1',
      accountId: 'acc-1',
      modelId: 'TC-M70T-G4',
      optionIds: [],
      quantity: 1,
      channel: 'DIRECT',
      region: 'Beijing',
      tier: 'STRATEGIC',
      catalog: v1,
      ...over,
    },
    metadata: { now, actor: { id: 'system:fulfilment', roles: ['system'] } },
  });
  it.each<[string, Record<string, unknown>, string, string]>([
    ['option ids that are text', { optionIds: 'MEM-16G' }, INVALID_FIELD, 'optionIds'],
    ['an unknown tier', { tier: 'GOLD' }, INVALID_FIELD, 'tier'],
    ['a region with a lone surrogate', { region: '\uDFFFBeijing' }, INVALID_FIELD, 'region'],
    ['a quantity of 100 001', { quantity: 100_001 }, 'CONFIG.INVALID_QUANTITY', 'quantity'],
    ['no catalog', { catalog: undefined }, INVALID_FIELD, 'catalog'],
  ])('a line with %s is refused', (_what, over, code, field) => {
    DeciderSpecification.for(configurationDecider)
      .given([])
      .when(validate(over))
      .thenThrows(code, refusedOn(field));
  });
});
