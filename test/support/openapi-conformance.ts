/**
 * Checks real HTTP answers against docs/openapi.json: the operation exists, documents the status, and
 * the body fits the documented schema (the subset of OpenAPI 3.0 schemas the document uses: type,
 * nullable, enum, required, properties, items, allOf, oneOf, $ref).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Answer, type Client } from './app-harness';

interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
}

interface Doc {
  paths: Record<
    string,
    Record<
      string,
      { responses: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }> }
    >
  >;
  components: Record<string, Record<string, unknown>>;
}

/** One answer as a client saw it. */
export interface Seen {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

export const OPENAPI = JSON.parse(
  readFileSync(resolve(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'),
) as Doc;

function deref<T>(value: T & { $ref?: string }): T {
  if (!value.$ref) return value;
  const [, , kind, name] = value.$ref.split('/');
  return deref(OPENAPI.components[kind][name] as T & { $ref?: string });
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Where `value` does not fit `schema`, as `path: problem` lines (empty when it fits). */
export function schemaErrors(schema: Schema, value: unknown, at = '$', strict = true): string[] {
  const s = deref(schema);
  if (value === null) return s.nullable ? [] : [`${at}: null is not allowed`];
  if (s.allOf) {
    const errors = s.allOf.flatMap((part) => schemaErrors(part, value, at, false));
    if (errors.length) return errors;
  }
  if (s.oneOf) {
    const fits = s.oneOf.filter((part) => schemaErrors(part, value, at).length === 0).length;
    if (fits !== 1) return [`${at}: fits ${fits} of the oneOf schemas`];
  }
  const actual = typeOf(value);
  if (s.type && s.type !== actual && !(s.type === 'number' && actual === 'integer')) {
    return [`${at}: ${actual} where the document says ${s.type}`];
  }
  if (s.enum && !s.enum.includes(value))
    return [`${at}: ${JSON.stringify(value)} is not one of ${s.enum.join(', ')}`];
  if (actual === 'array' && s.items) {
    return (value as unknown[]).flatMap((item, i) => schemaErrors(s.items!, item, `${at}[${i}]`));
  }
  if (actual !== 'object') return [];
  const object = value as Record<string, unknown>;
  const missing = (s.required ?? []).filter((k) => object[k] === undefined).map((k) => `${at}.${k}: missing`);
  const known = strict ? knownFields(s) : undefined;
  const unknown = known
    ? Object.keys(object)
        .filter((k) => !known.has(k))
        .map((k) => `${at}.${k}: not documented`)
    : [];
  const fields = Object.entries(s.properties ?? {}).flatMap(([k, sub]) =>
    object[k] === undefined ? [] : schemaErrors(sub, object[k], `${at}.${k}`),
  );
  return [...missing, ...unknown, ...fields];
}

/** The fields an object schema names (its own and its `allOf` parts'); undefined when it allows any. */
function knownFields(schema: Schema): Set<string> | undefined {
  const s = deref(schema);
  if (s.additionalProperties === true || s.oneOf || (!s.properties && !s.allOf)) return undefined;
  const names = new Set(Object.keys(s.properties ?? {}));
  for (const part of s.allOf ?? []) {
    const inner = knownFields(part);
    if (!inner) return undefined;
    for (const name of inner) names.add(name);
  }
  return names;
}

const templates = Object.keys(OPENAPI.paths)
  .map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    params: (template.match(/\{/g) ?? []).length,
  }))
  .sort((a, b) => a.params - b.params);

/** What is wrong with one answer against the document (empty when it is documented and fits). */
export function conformanceErrors(seen: Seen): string[] {
  const path = `/api/v1${seen.path.split('?')[0]}`;
  const route = `${seen.method} ${seen.path} → ${seen.status}`;
  const found = templates.find((t) => t.pattern.test(path));
  const operation = found && OPENAPI.paths[found.template][seen.method.toLowerCase()];
  if (!operation) return [`${route}: no such operation`];
  const documented = operation.responses[String(seen.status)];
  if (!documented) return [`${route}: status not documented`];
  const content = deref(documented).content;
  const schema = content?.['application/json']?.schema ?? content?.['application/problem+json']?.schema;
  if (!schema) return [`${route}: no JSON schema documented`];
  return schemaErrors(schema, seen.body).map((e) => `${route}: ${e}`);
}

/** A client that also records every answer it gets into `log`. */
export function recording(client: Client, log: Seen[]): Client {
  const keep = (method: string, path: string) => (answer: Answer) => {
    log.push({ method, path, status: answer.status, body: answer.body as unknown });
    return answer;
  };
  return {
    token: client.token,
    get: (path, headers) => client.get(path, headers).then(keep('GET', path)),
    post: (path, body, headers) => client.post(path, body, headers).then(keep('POST', path)),
  };
}
