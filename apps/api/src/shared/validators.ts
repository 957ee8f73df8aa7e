import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

/** The largest money amount a body may carry: 10^15 fen (10 trillion yuan), far inside exact integers. */
export const MAX_MONEY_AMOUNT = 1_000_000_000_000_000;
/** The highest page number a list accepts (with 200 per page, 200 million rows in). */
export const MAX_PAGE = 1_000_000;
/** Years a date or an instant may name: four digits, so every reader (JSON, SQL, CSV) reads them alike. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

/**
 * The property may be omitted, but when present it is validated, `null` included
 * (class-validator's `@IsOptional` lets `null` through to the handler).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** A required nested object: present, a plain object (not an array, `null` or a primitive), valid itself. */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsDefined(), IsObject(), ValidateNested(), Type(type));
}

/** An optional nested object: omitted, or a valid object (`null`, `[]` and primitives refused). */
export function OptionalNestedObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsOmittable(), IsObject(), ValidateNested(), Type(type));
}

/** A required array of `min..max` nested objects, each a plain valid object. */
export function NestedArray(type: () => new () => object, min: number, max: number): PropertyDecorator {
  return applyDecorators(
    IsDefined(),
    IsArray(),
    ArrayMinSize(min),
    ArrayMaxSize(max),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** A required integer in `min..max`. */
export function IntInRange(min: number, max: number): PropertyDecorator {
  return applyDecorators(IsInt(), Min(min), Max(max));
}

const DECIMAL = /^-?\d{1,16}$/;

/**
 * A query-string integer in `min..max`: only plain decimal digits are converted (`1e20`, `0x10`, ``, ` 1`
 * and `1.5` stay text and fail as "must be an integer"), then bounded.
 */
export function QueryInt(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value,
    ),
    IsInt(),
    Min(min),
    Max(max),
  );
}

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function realDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && leap(y) ? 29 : DAYS[m - 1]);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30, no month 13), years 1000..9999. */
export function isCalendarDate(value: unknown): value is string {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  return !!m && realDay(+m[1], +m[2], +m[3]);
}

/**
 * An ISO 8601 date-time with its offset (`Z` or `±HH:MM`): `2026-12-15T09:30:00+08:00`, seconds and
 * fractions optional; every field in range and the instant itself within years 1000..9999 (UTC).
 */
export function isInstant(value: unknown): value is string {
  const m = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!m || !realDay(+m[1], +m[2], +m[3])) return false;
  if (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59)) return false;
  if (m[7] !== undefined && (+m[8] > 14 || +m[9] > 59)) return false;
  const year = new Date(value as string).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** `YYYY-MM` with a month 01..12, years 1000..9999. */
export function isYearMonth(value: unknown): value is string {
  const m = typeof value === 'string' ? YEAR_MONTH.exec(value) : null;
  return !!m && realDay(+m[1], +m[2], 1);
}

function check(name: string, test: (value: unknown) => boolean, what: string, options?: ValidationOptions) {
  return (target: object, propertyName: string | symbol): void =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => test(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must be ${what}`,
      },
    });
}

/** A real calendar day `YYYY-MM-DD`. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return check('isCalendarDate', isCalendarDate, 'a real date YYYY-MM-DD', options);
}

/** An ISO 8601 date-time with offset (see {@link isInstant}). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return check(
    'isInstant',
    isInstant,
    'an ISO 8601 date-time with offset, e.g. 2026-12-15T09:30:00+08:00',
    options,
  );
}

/** A real date `YYYY-MM-DD` or an ISO 8601 date-time with offset (list filters `from` / `to`). */
export function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return check(
    'isDateOrInstant',
    (v) => isCalendarDate(v) || isInstant(v),
    'a real date YYYY-MM-DD or an ISO 8601 date-time with offset',
    options,
  );
}

/** A month `YYYY-MM`. */
export function IsYearMonth(options?: ValidationOptions): PropertyDecorator {
  return check('isYearMonth', isYearMonth, 'a month YYYY-MM', options);
}
