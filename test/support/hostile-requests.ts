import fc from 'fast-check';
import { fieldPaths, type Operation, type Parameter, validValue, withField } from './openapi-operations';
import {
  DATE_FIELD,
  encode,
  hostileDate,
  hostileFor,
  hostileId,
  hostileNumber,
  hostileText,
  idempotencyKeys,
  ifMatches,
  rawBodies,
  short,
  wrongType,
} from './hostile-values';

export { short } from './hostile-values';

/** One generated request, ready to send, with what it changed from a valid request. */
export interface HostileRequest {
  method: string;
  /** Path and query relative to `/api/v1`, already percent-encoded. */
  url: string;
  headers: Record<string, string>;
  /** The exact body text (undefined: none). */
  body?: string;
  /** The fields (body paths, query and path parameter names) made hostile; empty when the request is otherwise valid. */
  touched: string[];
  /** True when the body is not a JSON object as the schema wants (malformed, another type, wrong content type). */
  rawBody: boolean;
  /** Why: a short description for failure reports. */
  label: string;
}

/** Only values the schema vouches for (an enum, an example, a number within bounds) count as valid. */
const vouches = (p: Parameter) =>
  !!p.schema &&
  (!!p.schema.enum ||
    p.schema.example !== undefined ||
    p.schema.type === 'integer' ||
    p.schema.type === 'number');

/** A query value: mostly hostile text, numbers and dates, sometimes the valid one, repeated or bracketed. */
function queryValue(param: Parameter): fc.Arbitrary<{ raw: string; hostile: boolean }> {
  const valid = validValue(param.schema ?? { type: 'string' });
  const text = (a: fc.Arbitrary<unknown>) =>
    a.map((v) => ({
      raw: `${param.name}=${encode(typeof v === 'string' ? v : JSON.stringify(v))}`,
      hostile: true,
    }));
  return fc.oneof(
    fc.constant({ raw: `${param.name}=${encode(String(valid))}`, hostile: !vouches(param) }),
    text(hostileText.filter((t) => t.length < 4_000)),
    // A minPosition the log has not reached waits 5 s for the documented 504 (test/read-models.e2e-spec.ts):
    // every other number still goes.
    text(
      param.name === 'minPosition'
        ? hostileNumber.filter((n) => !(Number.isSafeInteger(n) && (n as number) > 0))
        : hostileNumber,
    ),
    ...(param.schema?.format === 'date' || param.schema?.format === 'date-time' || DATE_FIELD.test(param.name)
      ? [text(hostileDate)]
      : []),
    fc.constant({ raw: `${param.name}=1&${param.name}=2`, hostile: true }),
    fc.constant({ raw: `${param.name}[a]=1`, hostile: true }),
    fc.constant({ raw: `${param.name}[]=x`, hostile: true }),
    fc.constant({ raw: `${param.name}`, hostile: true }),
  );
}

type Focus = 'path' | 'query' | 'header' | 'body' | 'all';

/**
 * The requests fast-check generates for one operation. Most make one part hostile (path ids, query,
 * headers or body) and keep the rest valid, so an answer can be traced to what was changed; some make
 * every part hostile at once. Valid path ids come from `knownIds`.
 */
export function hostileRequests(
  op: Operation,
  knownIds: (param: string, op: Operation) => string[],
): fc.Arbitrary<HostileRequest> {
  const focuses: Focus[] = [
    ...(op.pathParams.length ? (['path'] as const) : []),
    'query',
    ...(op.method === 'GET' ? [] : (['header'] as const)),
    ...(op.body || op.method !== 'GET' ? (['body', 'body', 'body'] as const) : []),
    ...(op.queryParams.length ? (['query', 'query'] as const) : []),
    'all',
  ];
  return fc.constantFrom(...focuses).chain((focus) =>
    fc
      .tuple(
        pathPart(op, knownIds, focus === 'path' || focus === 'all'),
        queryPart(op, focus === 'query' || focus === 'all'),
        focus === 'header' || focus === 'all' ? headerPart : fc.constant<Record<string, string>>({}),
        bodyPart(op, focus === 'body' || focus === 'all'),
      )
      .map(([path, query, headers, body]) => {
        let url = op.path;
        for (const p of path) url = url.replace(`{${p.name}}`, p.raw);
        if (query.length) url += `?${query.map((x) => x.raw).join('&')}`;
        const touched = [
          ...path.filter((p) => p.hostile).map((p) => p.name),
          ...query.filter((x) => x.hostile).map((x) => x.name),
          ...body.touched,
        ];
        return {
          method: op.method,
          url,
          headers: { ...headers, ...(body.type ? { 'content-type': body.type } : {}) },
          body: body.text,
          touched,
          rawBody: body.raw,
          label: `${focus}: ${body.label}`,
        };
      }),
  );
}

function pathPart(op: Operation, knownIds: (param: string, op: Operation) => string[], hostile: boolean) {
  return fc.tuple(
    ...op.pathParams.map((p) => {
      const ids = [...knownIds(p.name, op), ...((p.schema?.enum as string[] | undefined) ?? [])];
      // Without a known id the stand-in is not vouched for: an answer may name it.
      const valid = fc
        .constantFrom(...(ids.length ? ids : ['probe-unknown-id']))
        .map((id) => ({ name: p.name, raw: encodeURIComponent(id), hostile: !ids.length }));
      return hostile
        ? fc.oneof(
            hostileId.map((raw) => ({ name: p.name, raw, hostile: true })),
            valid,
          )
        : valid;
    }),
  );
}

type QueryItem = { name: string; raw: string; hostile: boolean };

function queryPart(op: Operation, hostile: boolean): fc.Arbitrary<QueryItem[]> {
  const vouched = op.queryParams.filter(vouches);
  const valid = fc.tuple(
    ...vouched.map((p) =>
      fc.option(
        fc.constant({
          name: p.name,
          raw: `${p.name}=${encode(String(validValue(p.schema ?? { type: 'string' })))}`,
          hostile: false,
        }),
        { nil: undefined, freq: 2 },
      ),
    ),
  );
  const unknown = fc
    .constantFrom('unknownParam=1', '__proto__[x]=1', 'constructor=1')
    .map((raw) => ({ name: raw.split(/[=[]/)[0], raw, hostile: true }));
  const bad = op.queryParams.length
    ? fc.oneof(
        {
          arbitrary: fc
            .constantFrom(...op.queryParams)
            .chain((p) => queryValue(p).map((v) => ({ name: p.name, ...v }))),
          weight: 5,
        },
        { arbitrary: unknown, weight: 1 },
      )
    : unknown;
  const present = (items: (QueryItem | undefined)[]) => items.filter((x): x is QueryItem => !!x);
  if (!hostile) return valid.map((items) => (op.method === 'GET' ? present(items) : []));
  return fc
    .tuple(valid, fc.array(bad, { minLength: 1, maxLength: 2 }))
    .map(([items, hostiles]) => [
      ...present(items).filter((i) => !hostiles.some((h) => h.name === i.name)),
      ...hostiles,
    ]);
}

const headerPart: fc.Arbitrary<Record<string, string>> = fc.oneof(
  idempotencyKeys.map((v) => ({ 'idempotency-key': v })),
  ifMatches.map((v) => ({ 'if-match': v })),
  fc.record({ 'idempotency-key': idempotencyKeys, 'if-match': ifMatches }),
);

interface BodyPart {
  text?: string;
  type?: string;
  touched: string[];
  raw: boolean;
  label: string;
}

function bodyPart(op: Operation, hostile: boolean): fc.Arbitrary<BodyPart> {
  const raw = rawBodies.map((r): BodyPart => ({
    text: r.text,
    type: r.type,
    touched: ['body'],
    raw: true,
    label: `raw ${short(r.text)} as ${r.type}`,
  }));
  if (!op.body) {
    if (op.method === 'GET') return fc.constant({ touched: [], raw: false, label: 'no body' });
    const empty = fc.constant<BodyPart>({
      text: '{}',
      type: 'application/json',
      touched: [],
      raw: false,
      label: '{}',
    });
    return hostile ? fc.oneof(empty, raw) : empty;
  }
  const base = validValue(op.body);
  const fields = fieldPaths(op.body);
  const json = (value: unknown) => JSON.stringify(value) ?? 'null';
  const valid = fc.constant<BodyPart>({
    text: json(base),
    type: 'application/json',
    touched: [],
    raw: false,
    label: 'valid body',
  });
  if (!hostile) return valid;
  // Nested objects and arrays are where a missing or mistyped value slips past validation: draw them more often.
  const weighted = fields.flatMap((f) =>
    f.schema.type === 'object' || f.schema.type === 'array' ? [f, f, f] : [f],
  );
  const oneField = fields.length
    ? fc.constantFrom(...weighted).chain((f) =>
        hostileFor(f.schema, String(f.segments[f.segments.length - 1])).map((value): BodyPart => ({
          text: json(withField(base, f.segments, value)),
          type: 'application/json',
          touched: [f.path],
          raw: false,
          label: `${f.path} = ${short(value)}`,
        })),
      )
    : fc.constant<BodyPart>({
        text: json(base),
        type: 'application/json',
        touched: [],
        raw: false,
        label: 'valid',
      });
  const PROTO_STAND_IN = 'zz-proto-stand-in';
  const extra = fc
    .tuple(
      fc.constantFrom(
        '',
        ...fields.filter((f) => f.schema.type === 'object' || f.schema.properties).map((f) => f.path),
      ),
      fc.constantFrom('extra', 'isAdmin', '__proto__', 'constructor', 'revision'),
      wrongType,
    )
    .map(([parent, key, value]): BodyPart => {
      const parentField = fields.find((f) => f.path === parent);
      const target = parentField ? parentField.segments : [];
      // An object literal cannot hold an own `__proto__`: build it under a stand-in name, then rename it in the text.
      const name = key === '__proto__' ? PROTO_STAND_IN : key;
      const body = target.length
        ? withField(base, [...target, name], value)
        : { ...(base as object), [name]: value };
      const text = json(body).replace(`"${PROTO_STAND_IN}":`, '"__proto__":');
      const path = parent ? `${parent}.${key}` : key;
      return { text, type: 'application/json', touched: [path], raw: false, label: `extra ${path}` };
    });
  const many = fc
    .array(fc.constantFrom(...(fields.length ? fields : [undefined])), { minLength: 2, maxLength: 4 })
    .chain((chosen) =>
      fc
        .tuple(
          ...chosen.map((f) =>
            f ? hostileFor(f.schema, String(f.segments[f.segments.length - 1])) : fc.constant(undefined),
          ),
        )
        .map((values): BodyPart => {
          let body = base;
          chosen.forEach((f, i) => {
            if (f) body = withField(body, f.segments, values[i]);
          });
          const touched = chosen.filter((f): f is NonNullable<typeof f> => !!f).map((f) => f.path);
          return {
            text: json(body),
            type: 'application/json',
            touched,
            raw: false,
            label: `fields ${touched.join(', ')}`,
          };
        }),
    );
  return fc.oneof(
    { arbitrary: oneField, weight: 6 },
    { arbitrary: extra, weight: 1 },
    { arbitrary: many, weight: 2 },
    { arbitrary: raw, weight: 2 },
  );
}
