import { ACCOUNT_TIERS, CHANNELS, type Money } from '@kamflow/shared-kernel';
import { type CatalogContent, type CatalogRule, PRODUCT_FAMILIES, ruleId } from './catalog.types';

/** One reason a catalog version cannot be published, located by a path into the content. */
export interface ContentIssue {
  /** E.g. `models[2].classes[0].max`, `rules[4].requiresAnyOf[1]`. */
  path: string;
  message: string;
}

const isNonNegativeInteger = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0;
const isNonEmptyString = (s: unknown): boolean => typeof s === 'string' && s.trim().length > 0;

/**
 * Checks that a catalog version is internally consistent: ids unique, every referenced class and
 * option exists, min ≤ max, prices and lead times non-negative integers, one currency, every tier
 * discount present. Returns every issue found (empty: consistent).
 */
export function checkCatalogContent(content: CatalogContent): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });

  if (!isNonEmptyString(content.catalogId)) issue('catalogId', 'must be a non-empty string');
  if (!Number.isSafeInteger(content.version) || content.version < 1)
    issue('version', 'must be a positive integer');
  if (typeof content.publishedAt !== 'string' || Number.isNaN(Date.parse(content.publishedAt))) {
    issue('publishedAt', 'must be an ISO 8601 timestamp');
  }

  const classIds = uniqueIds(content.optionClasses, 'optionClasses', issue);
  const optionIds = uniqueIds(content.options, 'options', issue);
  uniqueIds(content.models, 'models', issue);
  const optionsById = new Map(content.options.map((o) => [o.id, o]));
  const currencies = new Set<string>();
  const checkMoney = (path: string, m: Money) => {
    if (!isNonNegativeInteger(m?.amount)) issue(path, 'must be a non-negative integer of minor units');
    if (!isNonEmptyString(m?.currency)) issue(path, 'must name a currency');
    else currencies.add(m.currency);
  };

  content.optionClasses.forEach((c, i) => checkNames(`optionClasses[${i}]`, c, issue));

  content.models.forEach((model, i) => {
    const at = `models[${i}]`;
    checkNames(at, model, issue);
    if (!PRODUCT_FAMILIES.includes(model.family))
      issue(`${at}.family`, `unknown family ${String(model.family)}`);
    checkMoney(`${at}.basePrice`, model.basePrice);
    if (!isNonNegativeInteger(model.assemblyDays))
      issue(`${at}.assemblyDays`, 'must be a non-negative integer');
    const seen = new Set<string>();
    model.classes.forEach((mc, j) => {
      const cat = `${at}.classes[${j}]`;
      if (!classIds.has(mc.classId)) issue(`${cat}.classId`, `unknown option class ${mc.classId}`);
      if (seen.has(mc.classId)) issue(`${cat}.classId`, `class ${mc.classId} listed twice`);
      seen.add(mc.classId);
      if (!isNonNegativeInteger(mc.min)) issue(`${cat}.min`, 'must be a non-negative integer');
      if (!isNonNegativeInteger(mc.max)) issue(`${cat}.max`, 'must be a non-negative integer');
      if (mc.min > mc.max) issue(`${cat}.max`, `min ${mc.min} is greater than max ${mc.max}`);
      mc.optionIds?.forEach((id, k) => {
        const option = optionsById.get(id);
        if (!option) issue(`${cat}.optionIds[${k}]`, `unknown option ${id}`);
        else if (option.classId !== mc.classId) {
          issue(
            `${cat}.optionIds[${k}]`,
            `option ${id} belongs to class ${option.classId}, not ${mc.classId}`,
          );
        }
      });
      const offered = mc.optionIds?.length ?? content.options.filter((o) => o.classId === mc.classId).length;
      if (mc.min > offered)
        issue(`${cat}.min`, `min ${mc.min} cannot be met: only ${offered} option(s) offered`);
    });
  });

  content.options.forEach((option, i) => {
    const at = `options[${i}]`;
    checkNames(at, option, issue);
    if (!classIds.has(option.classId)) issue(`${at}.classId`, `unknown option class ${option.classId}`);
    checkMoney(`${at}.price`, option.price);
    if (!isNonNegativeInteger(option.leadTimeDays))
      issue(`${at}.leadTimeDays`, 'must be a non-negative integer');
    if (typeof option.ctoSellable !== 'boolean') issue(`${at}.ctoSellable`, 'must be true or false');
    option.channels?.forEach((ch, k) => {
      if (!CHANNELS.includes(ch)) issue(`${at}.channels[${k}]`, `unknown channel ${String(ch)}`);
    });
    if (option.channels?.length === 0)
      issue(`${at}.channels`, 'must allow at least one channel (omit for all)');
    if (option.regions?.length === 0) issue(`${at}.regions`, 'must allow at least one region (omit for all)');
    option.regions?.forEach((r, k) => {
      if (!isNonEmptyString(r)) issue(`${at}.regions[${k}]`, 'must be a non-empty string');
    });
  });

  const ruleIds = new Set<string>();
  content.rules.forEach((rule, i) => {
    const at = `rules[${i}]`;
    const id = ruleId(rule);
    if (ruleIds.has(id)) issue(`${at}.id`, `duplicate rule id ${id}`);
    ruleIds.add(id);
    if (!optionIds.has(rule.optionId)) issue(`${at}.optionId`, `unknown option ${rule.optionId}`);
    const [field, targets] = ruleTargets(rule);
    if (targets.length === 0) issue(`${at}.${field}`, 'must name at least one option');
    targets.forEach((target, k) => {
      if (!optionIds.has(target)) issue(`${at}.${field}[${k}]`, `unknown option ${target}`);
      if (target === rule.optionId) issue(`${at}.${field}[${k}]`, 'a rule may not refer to its own option');
    });
  });

  ACCOUNT_TIERS.forEach((tier) => {
    const bp: unknown = content.tierDiscountsBp?.[tier];
    if (!isNonNegativeInteger(bp) || (bp as number) > 10_000) {
      issue(`tierDiscountsBp.${tier}`, 'must be an integer number of basis points between 0 and 10000');
    }
  });

  if (currencies.size > 1) issue('currency', `prices mix currencies: ${[...currencies].sort().join(', ')}`);
  return issues;
}

function ruleTargets(rule: CatalogRule): [string, string[]] {
  switch (rule.kind) {
    case 'requires':
      return ['requiresAnyOf', rule.requiresAnyOf ?? []];
    case 'excludes':
      return ['excludes', rule.excludes ?? []];
  }
}

function uniqueIds(
  items: readonly { id: string }[],
  path: string,
  issue: (path: string, message: string) => void,
): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (!isNonEmptyString(item.id)) issue(`${path}[${i}].id`, 'must be a non-empty string');
    else if (ids.has(item.id)) issue(`${path}[${i}].id`, `duplicate id ${item.id}`);
    ids.add(item.id);
  });
  return ids;
}

function checkNames(
  path: string,
  item: { name: string; nameZh: string },
  issue: (path: string, message: string) => void,
): void {
  if (!isNonEmptyString(item.name)) issue(`${path}.name`, 'must be a non-empty string');
  if (!isNonEmptyString(item.nameZh)) issue(`${path}.nameZh`, 'must be a non-empty string (zh-CN)');
}
