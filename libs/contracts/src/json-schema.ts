/**
 * The subset of JSON Schema (draft 2020-12) the public contracts use, builders for it and a small
 * validator, so the contracts need no schema library. Every keyword here means what the draft says;
 * keywords outside the subset are not used by any contract.
 */

/** The JSON Schema dialect every contract schema declares. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** The JSON types of the subset. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** A schema of the subset: types, objects, arrays, enums, constants, bounds and two formats. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: JsonType | readonly JsonType[];
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  minItems?: number;
  enum?: readonly (string | number)[];
  const?: string | number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  format?: 'date-time' | 'date';
  examples?: readonly unknown[];
}

/** A string; `minLength` 1 unless told otherwise. */
export function str(description?: string, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'string', minLength: 1, ...(description ? { description } : {}), ...extra };
}

/** An ISO 8601 date-time string. */
export function dateTime(description?: string): JsonSchema {
  return str(description, { format: 'date-time' });
}

/** A calendar date `YYYY-MM-DD`. */
export function date(description?: string): JsonSchema {
  return str(description, { format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
}

/** A whole number, optionally bounded. */
export function int(description?: string, minimum?: number, maximum?: number): JsonSchema {
  return {
    type: 'integer',
    ...(description ? { description } : {}),
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
  };
}

/** One of the listed strings. */
export function oneOf(values: readonly string[], description?: string): JsonSchema {
  return { type: 'string', enum: values, ...(description ? { description } : {}) };
}

/** An array of `items`. */
export function arrayOf(items: JsonSchema, description?: string, minItems?: number): JsonSchema {
  return {
    type: 'array',
    items,
    ...(description ? { description } : {}),
    ...(minItems === undefined ? {} : { minItems }),
  };
}

/**
 * A closed object: `required` defaults to every property; no other properties allowed, so a
 * contract change that adds a field is a deliberate schema change, not an accident.
 */
export function obj(
  properties: Record<string, JsonSchema>,
  optional: readonly string[] = [],
  description?: string,
): JsonSchema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

/** The schema allows `null` as well. */
export function nullable(schema: JsonSchema): JsonSchema {
  const types =
    schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
  return { ...schema, type: [...types, 'null'] };
}

/** Money: integer minor units (fen for CNY) and an ISO 4217 currency. */
export const MONEY_SCHEMA: JsonSchema = obj(
  {
    amount: int('Integer minor units (fen for CNY); never a float'),
    currency: str('ISO 4217 currency code', { pattern: '^[A-Z]{3}$' }),
  },
  [],
  'Money in integer minor units',
);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function typeMatches(actual: JsonType, expected: JsonType): boolean {
  return actual === expected || (expected === 'number' && actual === 'integer');
}

/**
 * Validates `value` against a schema of the subset; returns the problems as `path: message`
 * (empty when valid).
 */
export function validate(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const expected = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!expected.some((t) => typeMatches(actual, t))) {
      return [`${path}: expected ${expected.join(' or ')}, got ${actual}`];
    }
  }
  if (schema.const !== undefined && value !== schema.const) {
    errors.push(`${path}: must be ${JSON.stringify(schema.const)}`);
  }
  if (schema.enum && !schema.enum.includes(value as string | number)) {
    errors.push(`${path}: must be one of ${schema.enum.join(', ')}`);
  }
  if (typeof value === 'string') errors.push(...validateString(schema, value, path));
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      errors.push(`${path}: needs at least ${schema.minItems} items`);
    }
    if (schema.items)
      value.forEach((item, i) => errors.push(...validate(schema.items!, item, `${path}[${i}]`)));
  }
  if (actual === 'object') errors.push(...validateObject(schema, value as Record<string, unknown>, path));
  return errors;
}

function validateString(schema: JsonSchema, value: string, path: string): string[] {
  const errors: string[] = [];
  if (schema.minLength !== undefined && value.length < schema.minLength) {
    errors.push(`${path}: shorter than ${schema.minLength}`);
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
    errors.push(`${path}: does not match ${schema.pattern}`);
  }
  if (schema.format === 'date-time' && !(DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))) {
    errors.push(`${path}: not an ISO 8601 date-time`);
  }
  if (schema.format === 'date' && !DATE_ONLY.test(value)) errors.push(`${path}: not a YYYY-MM-DD date`);
  return errors;
}

function validateObject(schema: JsonSchema, value: Record<string, unknown>, path: string): string[] {
  const errors: string[] = [];
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) errors.push(`${path}.${key}: is required`);
  }
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const property = schema.properties?.[key];
    if (property) errors.push(...validate(property, child, `${path}.${key}`));
    else if (schema.additionalProperties === false) errors.push(`${path}.${key}: is not allowed`);
  }
  return errors;
}
