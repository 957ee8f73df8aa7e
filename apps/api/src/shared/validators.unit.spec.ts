import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isCalendarDate, isInstant, isYearMonth, NestedObject, QueryInt } from './validators';

describe('request value checks', () => {
  it.each(['2026-12-15', '2028-02-29', '2000-02-29', '1000-01-01', '9999-12-31'])(
    'takes %s as a day',
    (day) => {
      expect(isCalendarDate(day)).toBe(true);
    },
  );

  it.each([
    '2026-13-45',
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-00-10',
    '0000-01-01',
    '2026-1-1',
    '2026-W01',
    '2026-12-15T00:00:00Z',
    20261215,
  ])('refuses %s as a day', (day) => {
    expect(isCalendarDate(day)).toBe(false);
  });

  it.each([
    '2026-12-15T09:30:00+08:00',
    '2026-12-15T09:30Z',
    '2026-12-15T09:30:00.123456Z',
    '2028-02-29T23:59:59-05:30',
  ])('takes %s as an instant', (instant) => {
    expect(isInstant(instant)).toBe(true);
  });

  it.each([
    '2026-12-15T09:30:00',
    '2026-12-15 09:30:00Z',
    '2026-12-15T24:00:00Z',
    '2026-12-15T23:60:00Z',
    '2026-12-15T23:59:60Z',
    '2026-02-30T10:00:00Z',
    '2026-12-15T09:30:00+15:00',
    '9999-12-31T23:00:00-05:00',
    '2026-12-15',
  ])('refuses %s as an instant', (instant) => {
    expect(isInstant(instant)).toBe(false);
  });

  it('takes months 01 to 12 only', () => {
    expect(['2026-01', '2026-12'].map(isYearMonth)).toEqual([true, true]);
    expect(['2026-00', '2026-13', '2026-1'].map(isYearMonth)).toEqual([false, false, false]);
  });

  class Inner {
    @QueryInt(1, 10) n!: number;
  }
  class Outer {
    @NestedObject(() => Inner) inner!: Inner;
  }
  const errorsOf = (plain: unknown) =>
    validateSync(plainToInstance(Outer, plain) as object, { stopAtFirstError: true }).map((e) => [
      e.property,
      e.children?.map((c) => c.property) ?? [],
    ]);

  it('refuses a required nested object that is missing, null, an array or a primitive', () => {
    for (const inner of [undefined, null, [], 5, 'x']) expect(errorsOf({ inner })).toEqual([['inner', []]]);
    expect(errorsOf({ inner: { n: '3' } })).toEqual([]);
  });

  it('converts only plain decimal query integers, and bounds them', () => {
    for (const n of ['1e20', '0x10', '', ' 1', '1.5', '11', '0', '99999999999999999']) {
      expect(errorsOf({ inner: { n } })).toEqual([['inner', ['n']]]);
    }
  });
});
