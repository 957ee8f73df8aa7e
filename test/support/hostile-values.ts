import fc from 'fast-check';
import { type Schema, validValue } from './openapi-operations';

/** Values an attacker or a careless client sends, as fast-check arbitraries. */

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\udc00b', '\ud83d'];
const NUL = ['\u0000', 'a\u0000b', 'x'.repeat(20) + '\u0000'];

/** Texts no field should choke on: empty, huge, unicode, control characters, NUL, lone surrogates, injection. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t\r\n',
    'x'.repeat(10_001),
    '𝕜'.repeat(2_000),
    '订单'.repeat(600),
    'e\u0301'.repeat(300),
    '\u202e\u200b\ufeff',
    "'; DROP TABLE events; --",
    '$1',
    '?',
    '%00',
    '%',
    '..',
    '<script>alert(1)</script>',
    '{"$gt":""}',
    'null',
    'true',
    '1e20',
    '-0',
    'NaN',
    'Infinity',
    '__proto__',
    ...NUL,
    ...LONE_SURROGATES,
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** Numbers at and past every boundary, plus NaN-ish texts. */
export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    -1,
    0,
    1,
    0.5,
    -0.5,
    2 ** 31,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    Number.MAX_SAFE_INTEGER,
    1e15,
    1e15 + 1,
    1e16,
    1e20,
    1.797e308,
    -1.797e308,
    5e-324,
    'NaN',
    'Infinity',
    '-Infinity',
    '1',
    '1e20',
    '0x10',
    '',
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Days and instants that do not exist or are not in the expected shape. */
export const hostileDate: fc.Arbitrary<string> = fc.constantFrom(
  '2026-13-45',
  '2026-02-30',
  '2026-02-29',
  '2027-04-31',
  '2026-00-10',
  '2026-12-00',
  '0000-01-01',
  '0999-12-31',
  '10000-01-01',
  '+012026-01-01',
  '-2026-01-01',
  '2026-1-1',
  '2026-W01',
  '2026-001',
  '2026',
  '2026-12',
  '20261215',
  '2026-12-15T25:00:00Z',
  '2026-12-15T23:60:00Z',
  '2026-12-15T23:59:60Z',
  '2026-12-15T09:30:00+99:00',
  '2026-12-15T09:30:00',
  '2026-12-15 09:30:00Z',
  '9999-12-31T23:59:59-14:00',
  'yesterday',
  'now',
  '1e20',
);

/** JSON values of every type (for a field that wants another one). */
export const wrongType: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  123,
  -1,
  'str',
  '',
  [],
  [1, 2],
  [null],
  {},
  { a: 1 },
);

export const DATE_FIELD = /(Date|At|^at|^from|^to|^asOf|^month)$/;

/** A hostile value for one field (named `name`) of the given schema (or `undefined`: the field left out). */
export function hostileFor(schema: Schema, name = ''): fc.Arbitrary<unknown> {
  const own: fc.Arbitrary<unknown>[] = [wrongType, fc.constant(undefined)];
  switch (schema.type ?? '') {
    case 'string':
      own.push(hostileText);
      if (schema.format === 'date' || schema.format === 'date-time' || DATE_FIELD.test(name))
        own.push(hostileDate);
      if (schema.enum)
        own.push(fc.constantFrom(...schema.enum.map((e) => String(e).toLowerCase()), 'NOPE', ' '));
      break;
    case 'integer':
    case 'number':
      own.push(hostileNumber);
      break;
    case 'object':
      own.push(fc.constantFrom<unknown>({}, [], null, 'x', 1, true), fc.constant(undefined));
      break;
    case 'array':
      own.push(
        fc.constantFrom<unknown>([], [null], [[]], ['x'], [1]),
        fc
          .integer({ min: 150, max: 1500 })
          .map((n) => new Array(n).fill(schema.items ? validValue(schema.items) : 'x')),
      );
      break;
    default:
      own.push(hostileText, hostileNumber);
  }
  return fc.oneof(...own);
}

/** Percent-encodes text; lone surrogates (which have no UTF-8) go as the bytes a careless client would send. */
export function encode(text: string): string {
  return Array.from(text)
    .map((ch) => {
      const code = ch.charCodeAt(0);
      if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) {
        return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      }
      return encodeURIComponent(ch);
    })
    .join('');
}

/** Path ids an attacker tries: NUL, very long, unicode, separators, broken percent-encoding. */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%00',
    'a%00b',
    'x'.repeat(300),
    'x'.repeat(5_000),
    encode('订单🚀'),
    encode('\ud800'),
    '%ED%A0%80',
    '%ZZ',
    '%',
    '%2F',
    '..%2F..%2Fetc',
    '%20',
    'null',
    '-1',
    '1e20',
    "'%20OR%201=1",
    '%E2%80%AE',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map(encode),
);

/** Raw bodies that are not the JSON object the route wants, with the content type they are sent under. */
export const rawBodies: fc.Arbitrary<{ text: string; type?: string }> = fc.oneof(
  fc
    .constantFrom(
      '{',
      '{"a":1,}',
      "{'a':1}",
      'null',
      '123',
      '"s"',
      'true',
      '[]',
      '[{}]',
      '',
      'undefined',
      '\u0000',
      '\ufeff{}',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
      '['.repeat(5_000) + ']'.repeat(5_000),
      '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000),
    )
    .map((text) => ({ text, type: 'application/json' })),
  fc
    .constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/merge-patch+json',
      'image/png',
    )
    .map((type) => ({ text: '{"a":1}', type })),
  fc.constant({ text: '{"a":1}', type: undefined }),
);

export const idempotencyKeys = fc.constantFrom(
  '',
  'x'.repeat(2_000),
  '\u00e9',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
);
export const ifMatches = fc.constantFrom(
  '"-1"',
  '"1e20"',
  '"9007199254740993"',
  'abc',
  '*',
  '""',
  'W/"1"',
  '"1.5"',
);

/** A value short enough for a failure report. */
export function short(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 60)}…(${text.length} chars)` : text;
}

/** `undefined` (left out), `null` and a value of every other JSON type than the schema's: tried on every field. */
export function structuralValues(schema: Schema): unknown[] {
  const all: Record<string, unknown> = {
    string: 'x',
    number: 1.5,
    integer: 7,
    boolean: true,
    array: [],
    object: {},
  };
  const own = schema.type ?? 'object';
  const others = Object.entries(all)
    .filter(([type]) => type !== own && !(own === 'number' && type === 'integer'))
    .map(([, value]) => value);
  return [undefined, null, ...others, ...(own === 'array' ? [[null]] : [])];
}
