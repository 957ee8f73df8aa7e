import {
  type ReferenceObject,
  type SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** A schema or a reference to a component schema. */
export type Schema = SchemaObject | ReferenceObject;

/** `#/components/schemas/<name>`. */
export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** A reference with its own description (a `$ref` may have no siblings in OpenAPI 3.0). */
export const refWith = (name: string, description: string): SchemaObject => ({
  allOf: [ref(name)],
  description,
});

const described = (schema: SchemaObject, description?: string): SchemaObject =>
  description ? { ...schema, description } : schema;

export const str = (description?: string, extra: SchemaObject = {}): SchemaObject =>
  described({ type: 'string', ...extra }, description);
export const int = (description?: string, extra: SchemaObject = {}): SchemaObject =>
  described({ type: 'integer', ...extra }, description);
export const num = (description?: string): SchemaObject => described({ type: 'number' }, description);
export const bool = (description?: string): SchemaObject => described({ type: 'boolean' }, description);
export const dateTime = (description?: string): SchemaObject => str(description, { format: 'date-time' });
export const date = (description?: string): SchemaObject => str(description, { format: 'date' });
export const oneOf = (values: readonly string[], description?: string): SchemaObject =>
  str(description, { enum: [...values] });
export const arr = (items: Schema, description?: string): SchemaObject =>
  described({ type: 'array', items }, description);
/** An object whose fields this document does not fix (event data, domain details). */
export const anyObject = (description?: string): SchemaObject =>
  described({ type: 'object', additionalProperties: true }, description);

/** `value | null`; a reference is wrapped in `allOf` so that `nullable` has a `type` beside it. */
export function nullable(schema: Schema): SchemaObject {
  if ('$ref' in schema) return { type: 'object', nullable: true, allOf: [schema] };
  return { ...schema, nullable: true };
}

/**
 * An object with `required` fields (always present) and `optional` fields (present only when they apply).
 */
export function obj(
  required: Record<string, Schema>,
  optional: Record<string, Schema> = {},
  description?: string,
): SchemaObject {
  const names = Object.keys(required);
  return described(
    {
      type: 'object',
      ...(names.length ? { required: names } : {}),
      properties: { ...required, ...optional },
    },
    description,
  );
}

/** A list answer `{ items, page, pageSize, total }` (plus list-level fields, e.g. totals). */
export function page(
  item: string,
  extra: Record<string, Schema> = {},
  optional: Record<string, Schema> = {},
): SchemaObject {
  return obj(
    {
      items: arr(ref(item)),
      page: int('1-based page number', { minimum: 1 }),
      pageSize: int('Items per page', { minimum: 1 }),
      total: int('Items matching the filter, over all pages', { minimum: 0 }),
      ...extra,
    },
    optional,
  );
}
