import { DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { demoCatalog } from '../demo/demo-catalog';
import { type PublishCatalogVersion } from './catalog.commands';
import { catalogDecider, catalogStreamId } from './catalog.decider';
import { type CatalogVersionPublished } from './catalog.events';
import { catalogVersion } from './catalog.state';
import { type CatalogContent } from './catalog.types';

const spec = DeciderSpecification.for(catalogDecider);
const admin = { id: 'user:admin', roles: ['admin'] };
const now = '2026-01-05T08:00:00.000Z';

const v1 = demoCatalog(now);
const v2: CatalogContent = {
  ...demoCatalog('2026-03-02T08:00:00.000Z'),
  version: 2,
  models: v1.models.map((m) => (m.id === 'TP-T14-G4' ? { ...m, basePrice: money(699_900) } : m)),
};

const publish = (content: CatalogContent, actor = admin): PublishCatalogVersion => ({
  type: 'PublishCatalogVersion',
  data: { catalogId: content.catalogId, content },
  metadata: { now, actor },
});
const published = (content: CatalogContent): CatalogVersionPublished => ({
  type: 'CatalogVersionPublished',
  data: { catalogId: content.catalogId, version: content.version, content },
});

describe('publishing a catalog version', () => {
  it('names the stream after the catalog', () => {
    expect(catalogStreamId('cn-key-accounts')).toBe('catalog-cn-key-accounts');
  });

  it('publishes the first version of a new catalog', () => {
    spec
      .given([])
      .when(publish(v1))
      .then([published(v1)]);
  });

  it('publishes a higher version and keeps the old one readable', () => {
    spec
      .given([published(v1)])
      .when(publish(v2))
      .thenMatches((events, state) => {
        expect(events).toEqual([published(v2)]);
        expect(catalogVersion(state)?.version).toBe(2);
        expect(catalogVersion(state, 1)).toEqual(v1);
        expect(catalogVersion(state, 2)?.models.find((m) => m.id === 'TP-T14-G4')?.basePrice).toEqual(
          money(699_900),
        );
        expect(catalogVersion(state, 3)).toBeUndefined();
      });
  });

  it('has no version to read before the first publication', () => {
    expect(catalogVersion(catalogDecider.initialState())).toBeUndefined();
  });

  describe('a version that is not greater than the last published one', () => {
    it('is refused as a conflict', () => {
      const error = spec
        .given([published(v1), published(v2)])
        .when(publish({ ...v1, rules: [] }))
        .thenThrows('CATALOG.VERSION_NOT_INCREASING');
      expect(error.kind).toBe('conflict');
      expect(error.details).toMatchObject({ version: 1, currentVersion: 2 });
    });

    it('is refused when the same version number comes with different content', () => {
      spec
        .given([published(v1)])
        .when(publish({ ...v1, tierDiscountsBp: { ...v1.tierDiscountsBp, CORE: 900 } }))
        .thenThrows('CATALOG.VERSION_NOT_INCREASING');
    });

    it('records nothing when the current version is published again unchanged (a retried seed)', () => {
      spec
        .given([published(v1)])
        .when(publish(demoCatalog('2026-02-01T00:00:00.000Z')))
        .thenNothing();
    });
  });

  describe('someone who is not an admin', () => {
    it('may not publish', () => {
      const error = spec
        .given([])
        .when(publish(v1, { id: 'user:desk', roles: ['order-desk'] }))
        .thenThrows('CATALOG.FORBIDDEN');
      expect(error.kind).toBe('forbidden');
    });
  });

  describe('inconsistent content', () => {
    it('is refused with every issue listed', () => {
      const broken: CatalogContent = {
        ...v1,
        options: v1.options.map((o) => (o.id === 'MEM-16G' ? { ...o, price: money(-100) } : o)),
        rules: [...v1.rules, { kind: 'requires', optionId: 'ONSITE-4H-PC', requiresAnyOf: ['WTY-9Y'] }],
      };
      const error = spec.given([]).when(publish(broken)).thenThrows('CATALOG.INVALID_CONTENT');
      expect(error.kind).toBe('invalid');
      expect(error.details?.issues).toEqual([
        { path: 'options[8].price', message: 'must be a non-negative integer of minor units' },
        { path: `rules[${v1.rules.length}].requiresAnyOf[0]`, message: 'unknown option WTY-9Y' },
      ]);
    });

    it('is refused when the content names another catalog', () => {
      spec
        .given([])
        .when({ ...publish(v1), data: { catalogId: 'other', content: v1 } })
        .thenThrows('CATALOG.INVALID_CONTENT', (e) =>
          expect(e.details?.issues).toEqual([
            { path: 'catalogId', message: 'content is for catalog cn-key-accounts, not other' },
          ]),
        );
    });
  });
});
