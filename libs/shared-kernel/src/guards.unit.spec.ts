import fc from 'fast-check';
import { DomainError } from '@kamflow/eventsourcing';
import {
  ifPresent,
  INVALID_FIELD,
  MAX_MONEY_AMOUNT,
  requireArray,
  requireDateOrInstant,
  requireInstant,
  requireInt,
  requireIsoDate,
  requireMoney,
  requireObject,
  requireOneOf,
  requireText,
} from './guards';

/** The field a guard named when it refused, with its code and kind checked. */
function refusal(run: () => unknown, code = INVALID_FIELD): string {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(error.code).toBe(code);
    expect(error.kind).toBe('invalid');
    return String(error.details?.field);
  }
  throw new Error('expected a refusal');
}

describe('requireMoney', () => {
  it('passes integer minor units in CNY and returns a plain copy', () => {
    expect(requireMoney({ amount: 0, currency: 'CNY', extra: 1 }, 'limit')).toEqual({
      amount: 0,
      currency: 'CNY',
    });
    expect(requireMoney({ amount: MAX_MONEY_AMOUNT, currency: 'CNY' }, 'limit').amount).toBe(
      MAX_MONEY_AMOUNT,
    );
  });
  it('names the part that is wrong', () => {
    expect(refusal(() => requireMoney([], 'credit.limit'))).toBe('credit.limit');
    expect(refusal(() => requireMoney(null, 'credit.limit'))).toBe('credit.limit');
    expect(refusal(() => requireMoney(undefined, 'credit.limit'))).toBe('credit.limit');
    expect(refusal(() => requireMoney({ amount: 1 }, 'credit.limit'))).toBe('credit.limit.currency');
    expect(refusal(() => requireMoney({ amount: 1, currency: 'USD' }, 'credit.limit'))).toBe(
      'credit.limit.currency',
    );
    expect(refusal(() => requireMoney({ amount: 1.5, currency: 'CNY' }, 'amount'))).toBe('amount.amount');
    expect(refusal(() => requireMoney({ amount: '1', currency: 'CNY' }, 'amount'))).toBe('amount.amount');
    expect(refusal(() => requireMoney({ amount: -1, currency: 'CNY' }, 'amount'))).toBe('amount.amount');
    expect(refusal(() => requireMoney({ amount: MAX_MONEY_AMOUNT + 1, currency: 'CNY' }, 'a'))).toBe(
      'a.amount',
    );
    expect(refusal(() => requireMoney({ amount: 0, currency: 'CNY' }, 'amount', { min: 1 }))).toBe(
      'amount.amount',
    );
  });
  it('throws the code a context documents when it passes one', () => {
    expect(
      refusal(() => requireMoney({}, 'limit', { code: 'CREDIT.INVALID_TERMS' }), 'CREDIT.INVALID_TERMS'),
    ).toBe('limit.amount');
  });
});

describe('requireText', () => {
  it('passes Chinese text, tabs and new lines, and astral characters', () => {
    expect(requireText('国家电网\t第1行\r\n第2行 😀', 'name')).toBe('国家电网\t第1行\r\n第2行 😀');
  });
  it.each([
    ['a NUL', 'a\u0000b'],
    ['a bell', 'a\u0007'],
    ['DEL', '\u007f'],
    ['a lone high surrogate', 'a\uD83D'],
    ['a lone low surrogate', '\uDE00b'],
    ['a blank', '  '],
    ['a number', 42],
    ['null', null],
    ['an object', { name: 'x' }],
  ])('refuses %s', (_what, value) => {
    expect(refusal(() => requireText(value, 'lines[0].modelId'))).toBe('lines[0].modelId');
  });
  it('bounds the length and allows empty text only when asked', () => {
    expect(refusal(() => requireText('x'.repeat(11), 'note', { max: 10 }))).toBe('note');
    expect(requireText('', 'note', { allowEmpty: true })).toBe('');
  });
});

describe('requireInt, requireOneOf, requireObject, requireArray', () => {
  it('passes whole numbers in range only', () => {
    expect(requireInt(3, 'q', { min: 1 })).toBe(3);
    for (const bad of [0, 1.5, NaN, Infinity, '3', 1e20, null]) {
      expect(refusal(() => requireInt(bad, 'lines[1].quantity', { min: 1 }))).toBe('lines[1].quantity');
    }
  });
  it('passes a listed value only', () => {
    expect(requireOneOf('A', 'grade', ['A', 'B'])).toBe('A');
    expect(refusal(() => requireOneOf('a', 'grade', ['A', 'B']))).toBe('grade');
  });
  it('tells objects from arrays and null', () => {
    expect(refusal(() => requireObject([], 'credit'))).toBe('credit');
    expect(refusal(() => requireObject(null, 'credit'))).toBe('credit');
    expect(requireObject({}, 'credit')).toEqual({});
  });
  it('bounds arrays', () => {
    expect(refusal(() => requireArray('x', 'lines'))).toBe('lines');
    expect(refusal(() => requireArray([], 'lines', { min: 1 }))).toBe('lines');
    expect(refusal(() => requireArray([1, 2], 'lines', { max: 1 }))).toBe('lines');
  });
  it('skips absent optional fields', () => {
    expect(ifPresent(undefined, (v) => requireText(v, 'note'))).toBeUndefined();
    expect(refusal(() => ifPresent(null, (v) => requireText(v, 'note')))).toBe('note');
  });
});

describe('dates and instants', () => {
  it('passes real calendar dates', () => {
    expect(requireIsoDate('2028-02-29', 'requestedDate')).toBe('2028-02-29');
  });
  it.each(['2026-02-29', '2026-13-45', '2026-1-5', '0999-12-31', '2026-11-26T00:00:00Z', ''])(
    'refuses the date %s',
    (d) => {
      expect(refusal(() => requireIsoDate(d, 'plannedDate'))).toBe('plannedDate');
    },
  );
  it('passes instants with an offset', () => {
    for (const at of ['2026-11-26T08:00:00.000Z', '2026-11-26T16:00:00+08:00', '2026-11-26T08:00Z']) {
      expect(requireInstant(at, 'at')).toBe(at);
    }
  });
  it.each([
    '2026-02-30T00:00:00Z',
    '2026-11-26T24:00:00Z',
    '2026-11-26',
    '2026-11-26T08:00:00',
    'yesterday',
    0,
  ])('refuses the instant %s', (at) => {
    expect(refusal(() => requireInstant(at, 'signedAt'))).toBe('signedAt');
  });
  it('takes a day or an instant where either is meant', () => {
    expect(requireDateOrInstant('2027-01-20', 'receivedAt')).toBe('2027-01-20');
    expect(requireDateOrInstant('2027-01-20T10:00:00+08:00', 'receivedAt')).toBe('2027-01-20T10:00:00+08:00');
    expect(refusal(() => requireDateOrInstant('2027-02-30', 'receivedAt'))).toBe('receivedAt');
    expect(refusal(() => requireDateOrInstant(undefined, 'receivedAt'))).toBe('receivedAt');
  });
  it('agrees with the calendar for any instant a clock produces', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const iso = d.toISOString();
          expect(requireInstant(iso, 'at')).toBe(iso);
          expect(requireIsoDate(iso.slice(0, 10), 'date')).toBe(iso.slice(0, 10));
        },
      ),
      { seed: 20261126, numRuns: 200 },
    );
  });
});
