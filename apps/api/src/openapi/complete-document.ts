import { type OpenAPIObject } from '@nestjs/swagger';
import {
  type HeaderObject,
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
  type ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { COMPONENT_SCHEMAS } from './component-schemas';
import { ref } from './schema-builders';

const PROBLEM_RESPONSES: Record<number, [name: string, description: string]> = {
  400: [
    'BadRequest',
    'Bad input: malformed JSON, a wrong or missing field (named in `errors[].field`) or header',
  ],
  401: ['Unauthorized', 'No valid bearer token (or, on login, an unknown user or wrong password)'],
  403: ['Forbidden', 'The role or principal may not do this'],
  404: ['NotFound', 'Nothing with this id (or the principal may not know that it exists)'],
  409: ['Conflict', 'The aggregate is not in a state that allows this command'],
  412: ['PreconditionFailed', '`If-Match` names a revision that is no longer the current one'],
  413: ['PayloadTooLarge', 'The body is too large'],
  415: ['UnsupportedMediaType', 'The body is not application/json'],
  422: ['UnprocessableContent', 'A business rule refuses the command (e.g. an unknown account or provider)'],
  504: [
    'ReadModelNotCaughtUp',
    'The read model did not reach `minPosition` in time (`READ_MODEL.NOT_CAUGHT_UP`)',
  ],
};

const HEADERS: Record<string, HeaderObject> = {
  ETag: {
    description: 'The revision of the aggregate, quoted: send it back as `If-Match`',
    schema: { type: 'string', example: '"3"' },
  },
  XGlobalPosition: {
    description: 'Log position of the command; pass it as `?minPosition=` to read your own write',
    schema: { type: 'integer' },
  },
  IdempotentReplayed: {
    description: '`true` when this answers a repeated `Idempotency-Key`: the first answer, nothing changed',
    schema: { type: 'string', enum: ['true'] },
  },
  Location: { description: 'Where the created item is read', schema: { type: 'string' } },
};

const PARAMETERS: Record<string, ParameterObject> = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'A repeat with the same key returns the first answer and changes nothing (a UUID fits)',
    schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{7,199}$' },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The revision the change is based on, quoted (`"3"`, the ETag); a stale one answers 412',
    schema: { type: 'string', pattern: '^(W/)?"?-?\\d+"?$', example: '"3"' },
  },
};

/** Operations of the auth controller (libs/infrastructure), which carries no decorators of this document. */
const LIBRARY_OPERATIONS: Record<string, { summary: string; status: string; schema: string }> = {
  auth_login: {
    summary: 'Log in: exchange a username and password for a bearer token',
    status: '200',
    schema: 'LoginAnswer',
  },
  auth_me: { summary: 'Who the bearer token belongs to', status: '200', schema: 'Principal' },
};

/** Any signed-in principal may call these: no role is required, so no 403. */
const ANY_PRINCIPAL = new Set(['auth_me', 'catalog_models']);

/** Commands that only read (validation) or open a session (login): no idempotency, no state conflicts. */
/** POST routes that are not commands on an aggregate: no Idempotency-Key, no If-Match. */
export const NOT_COMMANDS = new Set(['auth_login', 'catalog_validate', 'quarantine_retry', 'quarantine_skip']);

const headerRef = (name: string): ReferenceObject => ({ $ref: `#/components/headers/${name}` });
const problem = (status: number): ReferenceObject => ({
  $ref: `#/components/responses/${PROBLEM_RESPONSES[status][0]}`,
});

interface Route {
  path: string;
  method: string;
  op: OperationObject;
}

function routes(doc: OpenAPIObject): Route[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) =>
      item[method] ? [{ path, method, op: item[method] }] : [],
    ),
  );
}

function addResponses(op: OperationObject, statuses: number[]): void {
  for (const status of statuses) op.responses[String(status)] ??= problem(status);
}

/** The 2xx answers of an operation (by status), leaving out references. */
function successes(op: OperationObject): [status: string, response: ResponseObject][] {
  return Object.entries(op.responses).flatMap(([status, r]) =>
    status.startsWith('2') && r && !('$ref' in r) ? [[status, r] as [string, ResponseObject]] : [],
  );
}

/** A list that also answers `text/csv`: the CSV is a text body, not the JSON schema. */
function csvAsText(op: OperationObject): void {
  for (const [, response] of successes(op)) {
    if (response.content?.['text/csv']) {
      response.content['text/csv'] = {
        schema: { type: 'string', description: 'CSV with a header row (`Accept: text/csv`)' },
      };
    }
  }
}

function documentCommand({ path, op }: Route): void {
  const onExisting = path.includes('{');
  op.parameters = [
    ...(op.parameters ?? []),
    { $ref: '#/components/parameters/IdempotencyKey' },
    ...(onExisting ? [{ $ref: '#/components/parameters/IfMatch' }] : []),
  ];
  addResponses(op, [409, ...(onExisting ? [412] : []), 422]);
  for (const [status, response] of successes(op)) {
    response.headers = {
      ...response.headers,
      ETag: headerRef('ETag'),
      'X-Global-Position': headerRef('XGlobalPosition'),
      'Idempotent-Replayed': headerRef('IdempotentReplayed'),
      ...(status === '201' ? { Location: headerRef('Location') } : {}),
    };
  }
}

function documentOperation(route: Route): void {
  const { path, method, op } = route;
  const known = LIBRARY_OPERATIONS[op.operationId ?? ''];
  if (known) {
    op.summary ??= known.summary;
    op.responses[known.status] = {
      description: known.summary,
      content: { 'application/json': { schema: ref(known.schema) } },
    };
  }
  const isPublic = !op.security?.length;
  const params = (op.parameters ?? []) as ParameterObject[];
  const hasInput = params.length > 0 || op.requestBody !== undefined;
  if (isPublic) op.security = [];
  else addResponses(op, ANY_PRINCIPAL.has(op.operationId ?? '') ? [401] : [401, 403]);
  if (op.operationId === 'auth_login') addResponses(op, [401]);
  if (op.operationId === 'catalog_validate') addResponses(op, [422]);
  if (hasInput) addResponses(op, [400]);
  if (path.includes('{')) addResponses(op, [404]);
  if (op.requestBody) addResponses(op, [413, 415]);
  if (params.some((p) => p.name === 'minPosition')) addResponses(op, [504]);
  if (method === 'post' && !NOT_COMMANDS.has(op.operationId ?? '')) documentCommand(route);
  if (method === 'get' && /\/\{id\}$/.test(path)) {
    for (const [, response] of successes(op))
      response.headers = { ...response.headers, ETag: headerRef('ETag') };
  }
  csvAsText(op);
  op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Completes what the decorators describe: the answer schemas, the shared problem+json error answers of
 * every operation (by its kind: input, protection, id in the path, command, body), the command headers
 * of API.md (`Idempotency-Key`, `If-Match`; `ETag`, `X-Global-Position`, `Location`,
 * `Idempotent-Replayed`), `security: []` on public operations, and `text/csv` bodies as text.
 */
export function completeDocument(doc: OpenAPIObject): OpenAPIObject {
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, ...COMPONENT_SCHEMAS },
    responses: Object.fromEntries(
      Object.values(PROBLEM_RESPONSES).map(([name, description]) => [
        name,
        { description, content: { 'application/problem+json': { schema: ref('ProblemDetails') } } },
      ]),
    ),
    headers: HEADERS,
    parameters: PARAMETERS,
  };
  for (const route of routes(doc)) documentOperation(route);
  return doc;
}
