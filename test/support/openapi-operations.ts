/** The operations of an OpenAPI 3 document, their parameters and bodies, as the hostile-input suite walks them. */

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  [key: string]: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  /** `POST /api/v1/orders/{id}/cancel` */
  key: string;
  method: string;
  /** Path template relative to `/api/v1`, e.g. `/orders/{id}/cancel`. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The resolved JSON request body schema, when the operation takes one. */
  body?: Schema;
  /** No security requirement: called without a token. */
  public: boolean;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: any; security?: unknown[] }>
  >;
  components?: { schemas?: Record<string, Schema> };
  security?: unknown[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const PREFIX = '/api/v1';

/** Every operation under `/api/v1` of `doc`, parameters and body schemas resolved. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [fullPath, item] of Object.entries(doc.paths)) {
    if (!fullPath.startsWith(PREFIX)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [
        ...((item as { parameters?: Parameter[] }).parameters ?? []),
        ...(op.parameters ?? []),
      ].map((p) => resolve(doc, p as unknown as Schema) as unknown as Parameter);
      const content = op.requestBody
        ? (resolve(doc, op.requestBody as Schema).content as Record<string, { schema?: Schema }>)
        : undefined;
      const bodySchema = content?.['application/json']?.schema;
      const security = op.security ?? doc.security ?? [];
      out.push({
        key: `${method.toUpperCase()} ${fullPath}`,
        method: method.toUpperCase(),
        path: fullPath.slice(PREFIX.length),
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: bodySchema ? deref(doc, bodySchema) : undefined,
        public: security.length === 0 || security.every((s) => Object.keys(s as object).length === 0),
      });
    }
  }
  return out;
}

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace(/^#\/components\/(schemas|parameters|requestBodies)\//, '');
  const kind = /^#\/components\/(\w+)\//.exec(schema.$ref)?.[1] ?? 'schemas';
  const target = (doc.components as Record<string, Record<string, Schema>> | undefined)?.[kind]?.[name];
  if (!target) throw new Error(`unresolvable ${schema.$ref}`);
  return target;
}

/** The schema with every `$ref` and single-member `allOf` replaced by what it names (no cycles in this API). */
export function deref(doc: OpenApiDocument, schema: Schema, depth = 0): Schema {
  if (depth > 20) return {};
  let s = resolve(doc, schema);
  if (s.allOf?.length) {
    const { allOf, ...rest } = s;
    s = Object.assign({}, ...allOf.map((x) => deref(doc, x, depth + 1)), rest) as Schema;
  }
  const out: Schema = { ...s };
  if (s.properties) {
    out.properties = Object.fromEntries(
      Object.entries(s.properties).map(([k, v]) => [k, deref(doc, v, depth + 1)]),
    );
  }
  if (s.items) out.items = deref(doc, s.items, depth + 1);
  return out;
}

const futureDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A value the schema describes as valid: future dates and current instants for date formats, then
 * examples, enums, bounds; objects with their required properties only (optional ones depend on others).
 */
export function validValue(schema: Schema): unknown {
  if (schema.type === 'string' && schema.format === 'date') return futureDay(30);
  if (schema.type === 'string' && schema.format === 'date-time') return new Date().toISOString();
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type ?? '') {
    case 'object': {
      const required = schema.required ?? [];
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([k]) => required.includes(k))
          .map(([k, v]) => [k, validValue(v)]),
      );
    }
    case 'array':
      return schema.items ? [validValue(schema.items)] : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date') return futureDay(30);
      if (schema.format === 'date-time') return new Date().toISOString();
      return 'A1';
    default:
      return schema.properties ? validValue({ ...schema, type: 'object' }) : 'A1';
  }
}

/** A field of a body: its path as the API names it (`lines[0].quantity`) and its schema. */
export interface FieldPath {
  path: string;
  segments: (string | number)[];
  schema: Schema;
  required: boolean;
}

/** Every field (nested objects and the first element of arrays included) of a body built by {@link validValue}. */
export function fieldPaths(schema: Schema, segments: (string | number)[] = [], required = true): FieldPath[] {
  const out: FieldPath[] = [];
  if (segments.length) out.push({ path: pathName(segments), segments, schema, required });
  if (schema.properties) {
    for (const [name, child] of Object.entries(schema.properties)) {
      out.push(...fieldPaths(child, [...segments, name], (schema.required ?? []).includes(name)));
    }
  }
  if (schema.type === 'array' && schema.items) out.push(...fieldPaths(schema.items, [...segments, 0], true));
  return out;
}

/** `['lines', 0, 'quantity']` → `lines[0].quantity`. */
export function pathName(segments: readonly (string | number)[]): string {
  return segments.reduce<string>(
    (acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s),
    '',
  );
}

/** A deep copy of `value` with the field at `segments` set to `replacement` (deleted when `undefined`). */
export function withField(
  value: unknown,
  segments: readonly (string | number)[],
  replacement: unknown,
): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const s of segments.slice(0, -1)) {
    if (node[s] === null || typeof node[s] !== 'object') return copy;
    node = node[s] as Record<string | number, unknown>;
  }
  const last = segments[segments.length - 1];
  if (replacement === undefined) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}
