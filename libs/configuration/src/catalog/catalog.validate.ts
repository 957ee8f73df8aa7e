import {
  ifPresent,
  MAX_ID_LENGTH,
  MAX_MONEY_AMOUNT,
  MAX_NAME_LENGTH,
  requireArray,
  requireInstant,
  requireInt,
  requireObject,
  requireOneOf,
  requireText,
  SUPPORTED_CURRENCIES,
} from '@kamflow/shared-kernel';
import { type CatalogCommand } from './catalog.commands';

/*
 * The shape of a catalog version, checked before its consistency (`checkCatalogContent`): lists are
 * lists of objects, text is bounded readable text, numbers are safe whole numbers, money is in a
 * currency the books are kept in, the publication an instant. Ranges (a negative price, min > max,
 * unknown references) are the consistency check's, which lists every issue. Refusals here are
 * `CATALOG.INVALID_CONTENT` naming the first field (`content.options[3].price.amount`).
 */

const code = 'CATALOG.INVALID_CONTENT';
/** The most models, classes, options or rules one catalog version holds, and entries of a nested list. */
const MAX_ITEMS = 10_000;
const MAX_NESTED = 1000;
const MAX_DESCRIPTION_LENGTH = 2000;

type Data = Record<string, unknown>;
const text = (value: unknown, field: string, max = MAX_NAME_LENGTH) =>
  requireText(value, field, { max, allowEmpty: true, code });
const int = (value: unknown, field: string) =>
  requireInt(value, field, { min: -MAX_MONEY_AMOUNT, max: MAX_MONEY_AMOUNT, code });
const list = (value: unknown, field: string, max = MAX_NESTED) => requireArray(value, field, { max, code });
const texts = (value: unknown, field: string) =>
  list(value, field).forEach((item, i) => text(item, `${field}[${i}]`, MAX_ID_LENGTH));
const objects = (value: unknown, field: string, each: (item: Data, at: string) => void) =>
  list(value, field, MAX_ITEMS).forEach((item, i) =>
    each(requireObject(item, `${field}[${i}]`, { code }), `${field}[${i}]`),
  );

function money(value: unknown, field: string): void {
  const m = requireObject(value, field, { code });
  int(m.amount, `${field}.amount`);
  requireOneOf(m.currency, `${field}.currency`, SUPPORTED_CURRENCIES, { code });
}

function named(item: Data, at: string): void {
  text(item.id, `${at}.id`, MAX_ID_LENGTH);
  text(item.name, `${at}.name`);
  text(item.nameZh, `${at}.nameZh`);
}

function content(c: Data, at: string): void {
  text(c.catalogId, `${at}.catalogId`, MAX_ID_LENGTH);
  int(c.version, `${at}.version`);
  requireInstant(c.publishedAt, `${at}.publishedAt`, { code });
  objects(c.optionClasses, `${at}.optionClasses`, named);
  objects(c.models, `${at}.models`, (model, m) => {
    named(model, m);
    text(model.family, `${m}.family`, MAX_ID_LENGTH);
    money(model.basePrice, `${m}.basePrice`);
    int(model.assemblyDays, `${m}.assemblyDays`);
    objects(model.classes, `${m}.classes`, (mc, k) => {
      text(mc.classId, `${k}.classId`, MAX_ID_LENGTH);
      int(mc.min, `${k}.min`);
      int(mc.max, `${k}.max`);
      ifPresent(mc.optionIds, (v) => texts(v, `${k}.optionIds`));
    });
  });
  objects(c.options, `${at}.options`, (option, o) => {
    named(option, o);
    text(option.classId, `${o}.classId`, MAX_ID_LENGTH);
    money(option.price, `${o}.price`);
    int(option.leadTimeDays, `${o}.leadTimeDays`);
    ifPresent(option.channels, (v) => texts(v, `${o}.channels`));
    ifPresent(option.regions, (v) => texts(v, `${o}.regions`));
  });
  objects(c.rules, `${at}.rules`, (rule, r) => {
    requireOneOf(rule.kind, `${r}.kind`, ['requires', 'excludes'], { code });
    ifPresent(rule.id, (v) => text(v, `${r}.id`, MAX_ID_LENGTH));
    ifPresent(rule.description, (v) => text(v, `${r}.description`, MAX_DESCRIPTION_LENGTH));
    text(rule.optionId, `${r}.optionId`, MAX_ID_LENGTH);
    texts(
      rule.kind === 'requires' ? rule.requiresAnyOf : rule.excludes,
      `${r}.${String(rule.kind === 'requires' ? 'requiresAnyOf' : 'excludes')}`,
    );
  });
  requireObject(c.tierDiscountsBp, `${at}.tierDiscountsBp`, { code });
}

/** Checks the shape of a catalog command; throws on the first field that is wrong. */
export function validateCatalogCommand(command: CatalogCommand): void {
  const d = requireObject(command.data, 'data', { code });
  requireText(d.catalogId, 'catalogId', { max: MAX_ID_LENGTH, code });
  content(requireObject(d.content, 'content', { code }), 'content');
}
