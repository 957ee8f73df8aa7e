import { DomainError } from '@kamflow/eventsourcing';
import { type Money } from './money';

/**
 * Guards for command data, used at the top of `decide` so that no edge (HTTP, a Kafka partner
 * command, a future client) can put an event into the log that a projection or another context
 * cannot read. Each guard takes the raw value (`unknown`: the types of a command are a promise the
 * sender may not keep), returns it typed when it passes, and otherwise throws a {@link DomainError}
 * of kind `invalid` with `details.field` naming the input (`credit.limit.amount`, `lines[0].quantity`).
 */

/** The code of a field that fails a guard, unless the context documents its own (`code` option). */
export const INVALID_FIELD = 'COMMAND.INVALID_FIELD';

/**
 * The largest amount of money the product records, in minor units: 10^15 fen (10 trillion CNY). Far
 * above any order, limit or payment, and small enough that sums of a few thousand such amounts stay
 * exact (below 2^53) and fit a PostgreSQL `bigint`.
 */
export const MAX_MONEY_AMOUNT = 1_000_000_000_000_000;

/** Currencies the product keeps books in. */
export const SUPPORTED_CURRENCIES: readonly string[] = ['CNY'];

/** Default longest text (characters, UTF-16 code units) a field takes. */
export const MAX_TEXT_LENGTH = 1000;

/** Longest id (of an order, a line, a shipment, a provider ...) a field takes. */
export const MAX_ID_LENGTH = 100;

/** Longest name, address or reference a field takes. */
export const MAX_NAME_LENGTH = 300;

/** Default longest array a field takes. */
export const MAX_ARRAY_LENGTH = 1000;

/** Largest whole number a guard accepts by default: fits a PostgreSQL `integer`. */
export const MAX_INT = 2_147_483_647;

/** Options every guard takes. */
export interface GuardOptions {
  /** The error code to throw; a context passes its own documented code where it has one. */
  code?: string;
}

/** The refusal of one field: kind `invalid`, `details.field` the path of the field. */
export function invalidField(field: string, message: string, code: string = INVALID_FIELD): DomainError {
  return new DomainError(code, `${field} ${message}`, 'invalid', { field });
}

/** `message`, or "is required" when the value is absent. */
const unless = (value: unknown, message: string): string =>
  value === undefined || value === null ? 'is required' : message;

// A NUL or other C0 control (tab, newline and carriage return are text), DEL, or a lone UTF-16 surrogate.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored and read back as text, or undefined when it can. */
export function unreadableTextReason(text: string): string | undefined {
  if (CONTROL.test(text)) return 'contains a control character (such as NUL)';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

/**
 * A string of at most `max` characters (default {@link MAX_TEXT_LENGTH}) with no control character
 * but tab, newline and carriage return and no unpaired surrogate; not blank unless `allowEmpty`.
 */
export function requireText(
  value: unknown,
  field: string,
  {
    max = MAX_TEXT_LENGTH,
    allowEmpty = false,
    code,
  }: GuardOptions & { max?: number; allowEmpty?: boolean } = {},
): string {
  if (typeof value !== 'string') throw invalidField(field, unless(value, 'must be text'), code);
  if (!allowEmpty && value.trim() === '') throw invalidField(field, 'is required', code);
  if (value.length > max) throw invalidField(field, `must be at most ${max} characters`, code);
  const reason = unreadableTextReason(value);
  if (reason) throw invalidField(field, reason, code);
  return value;
}

/** A safe whole number from `min` (default 0) to `max` (default {@link MAX_INT}). */
export function requireInt(
  value: unknown,
  field: string,
  { min = 0, max = MAX_INT, code }: GuardOptions & { min?: number; max?: number } = {},
): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw invalidField(field, unless(value, 'must be a whole number'), code);
  if (value < min || value > max) throw invalidField(field, `must be from ${min} to ${max}`, code);
  return value;
}

/** `true` or `false`. */
export function requireBoolean(value: unknown, field: string, { code }: GuardOptions = {}): boolean {
  if (typeof value !== 'boolean') throw invalidField(field, unless(value, 'must be true or false'), code);
  return value;
}

/** One of `allowed` (compared with `===`). */
export function requireOneOf<T extends string | number>(
  value: unknown,
  field: string,
  allowed: readonly T[],
  { code }: GuardOptions = {},
): T {
  if (!allowed.includes(value as T))
    throw invalidField(field, unless(value, `must be one of ${allowed.join(', ')}`), code);
  return value as T;
}

/** A plain object (not null, not an array). */
export function requireObject(
  value: unknown,
  field: string,
  { code }: GuardOptions = {},
): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalidField(field, unless(value, 'must be an object'), code);
  return value as Record<string, unknown>;
}

/** An array of `min` (default 0) to `max` (default {@link MAX_ARRAY_LENGTH}) items. */
export function requireArray(
  value: unknown,
  field: string,
  { min = 0, max = MAX_ARRAY_LENGTH, code }: GuardOptions & { min?: number; max?: number } = {},
): readonly unknown[] {
  if (!Array.isArray(value)) throw invalidField(field, unless(value, 'must be a list'), code);
  if (value.length < min)
    throw invalidField(field, `needs at least ${min} item${min === 1 ? '' : 's'}`, code);
  if (value.length > max) throw invalidField(field, `takes at most ${max} items`, code);
  return value;
}

/**
 * Money `{ amount, currency }`: `amount` a whole number of minor units from `min` (default 0) to
 * `max` (default {@link MAX_MONEY_AMOUNT}), `currency` one of {@link SUPPORTED_CURRENCIES}. Fails on
 * `field.amount` / `field.currency` when the object is there but a part is wrong (`currencyCode`: the
 * code for a wrong currency, where a context documents one). Returns a plain copy.
 */
export function requireMoney(
  value: unknown,
  field: string,
  {
    min = 0,
    max = MAX_MONEY_AMOUNT,
    code,
    currencyCode = code,
  }: GuardOptions & { min?: number; max?: number; currencyCode?: string } = {},
): Money {
  const money = requireObject(value, field, { code });
  const amount = requireInt(money.amount, `${field}.amount`, { min, max, code });
  const currency = requireOneOf(money.currency, `${field}.currency`, SUPPORTED_CURRENCIES, {
    code: currencyCode,
  });
  return { amount, currency };
}

/** Years a date or instant may fall in; outside them it is a typo, and PostgreSQL refuses year 0. */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A real calendar date `YYYY-MM-DD` (no 2026-02-30), years 1000 to 9999. */
export function requireIsoDate(value: unknown, field: string, { code }: GuardOptions = {}): string {
  if (typeof value !== 'string' || !isCalendarDate(value))
    throw invalidField(field, unless(value, 'must be a calendar date YYYY-MM-DD'), code);
  return value;
}

/**
 * An ISO 8601 instant: a real date, a time and an offset (`2026-11-26T08:00:00.000Z`,
 * `2026-11-26T16:00:00+08:00`), years 1000 to 9999.
 */
export function requireInstant(value: unknown, field: string, { code }: GuardOptions = {}): string {
  const match = typeof value === 'string' && value.length <= 40 ? ISO_INSTANT.exec(value) : null;
  if (!match || !isCalendarDate(match[1]) || Number.isNaN(Date.parse(match[0])))
    throw invalidField(
      field,
      unless(value, 'must be an ISO 8601 instant such as 2026-11-26T08:00:00Z'),
      code,
    );
  return value as string;
}

/** A calendar date `YYYY-MM-DD` (a whole day, e.g. when money was received) or an ISO 8601 instant. */
export function requireDateOrInstant(value: unknown, field: string, { code }: GuardOptions = {}): string {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  try {
    return requireInstant(value, field, { code });
  } catch {
    throw invalidField(field, unless(value, 'must be a date YYYY-MM-DD or an ISO 8601 instant'), code);
  }
}

/** Runs `check` on a value that is there; `undefined` (an absent optional field) passes as is. */
export function ifPresent<T>(value: unknown, check: (present: unknown) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}
