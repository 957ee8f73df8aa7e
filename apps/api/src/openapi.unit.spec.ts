import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type OpenAPIObject } from '@nestjs/swagger';
import {
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
  type ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { generateOpenApiDocument, OPENAPI_PATH, renderOpenApi } from './openapi';
import { NOT_COMMANDS } from './openapi/complete-document';

interface Operation {
  route: string;
  path: string;
  method: string;
  op: OperationObject;
}

const operations = (doc: OpenAPIObject): Operation[] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => {
      const op = item[method];
      return op ? [{ route: `${method.toUpperCase()} ${path}`, path, method, op }] : [];
    }),
  );

const resolveRef = <T>(doc: OpenAPIObject, value: T | ReferenceObject): T => {
  if (!value || typeof value !== 'object' || !('$ref' in value)) return value;
  const found = value.$ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
  if (found === undefined) throw new Error(`unresolved ${value.$ref}`);
  return found as T;
};

const responses = (doc: OpenAPIObject, op: OperationObject): [string, ResponseObject][] =>
  Object.entries(op.responses).map(([status, r]) => [status, resolveRef<ResponseObject>(doc, r!)]);

const parameterNames = (doc: OpenAPIObject, op: OperationObject): string[] =>
  (op.parameters ?? []).map((p) => resolveRef<ParameterObject>(doc, p).name);

describe('the OpenAPI document', () => {
  let doc: OpenAPIObject;
  beforeAll(async () => {
    doc = await generateOpenApiDocument();
  });

  it('is what docs/openapi.json holds (run `npm run openapi` after changing a route or DTO)', () => {
    const onDisk = readFileSync(resolve(__dirname, '..', '..', '..', OPENAPI_PATH), 'utf8');
    expect(onDisk === renderOpenApi(doc)).toBe(true);
  });

  it('gives every operation a summary, a unique operation id and a 2xx answer with a schema', () => {
    const ids = operations(doc).map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { route, op } of operations(doc)) {
      expect({ route, summary: !!op.summary }).toEqual({ route, summary: true });
      const ok = responses(doc, op).filter(([status]) => status.startsWith('2'));
      expect({ route, schema: ok.every(([, r]) => !!r.content?.['application/json']?.schema) }).toEqual({
        route,
        schema: true,
      });
    }
  });

  it('answers errors as problem+json with the shared schema', () => {
    for (const { route, op } of operations(doc)) {
      for (const [status, r] of responses(doc, op).filter(([s]) => /^[45]/.test(s) && s !== '503')) {
        expect({ route, status, content: r.content }).toEqual({
          route,
          status,
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
          },
        });
      }
    }
  });

  it('protects every route but login, health and readiness with a bearer token (401 without one)', () => {
    const open = operations(doc).filter(({ op }) => op.security?.length === 0);
    expect(open.map((o) => o.route).sort()).toEqual([
      'GET /api/v1/health',
      'GET /api/v1/ready',
      'POST /api/v1/auth/login',
    ]);
    for (const { route, op } of operations(doc).filter((o) => !open.some((p) => p.route === o.route))) {
      expect({ route, security: op.security, has401: '401' in op.responses }).toEqual({
        route,
        security: [{ bearer: [] }],
        has401: true,
      });
    }
  });

  it('takes Idempotency-Key on every command, If-Match and 412 on a command on an existing aggregate', () => {
    const commands = operations(doc).filter(
      (o) => o.method === 'post' && !NOT_COMMANDS.has(o.op.operationId ?? ''),
    );
    expect(commands.length).toBeGreaterThanOrEqual(15);
    for (const { route, path, op } of commands) {
      const onExisting = path.includes('{');
      expect({ route, params: parameterNames(doc, op).filter((n) => /^I[df]/.test(n)) }).toEqual({
        route,
        params: onExisting ? ['Idempotency-Key', 'If-Match'] : ['Idempotency-Key'],
      });
      expect({ route, has412: '412' in op.responses }).toEqual({ route, has412: onExisting });
      const created = responses(doc, op).find(([status]) => status === '201')?.[1];
      if (created)
        expect({ route, location: !!created.headers?.Location }).toEqual({ route, location: true });
    }
  });

  it('offers text/csv on the finance lists', () => {
    const csv = operations(doc)
      .filter(({ op }) => responses(doc, op).some(([, r]) => r.content?.['text/csv']))
      .map((o) => o.op.operationId);
    expect(csv).toEqual([
      'finance_receivables',
      'finance_collections',
      'finance_creditExposure',
      'finance_providerStatements',
    ]);
  });

  it('describes the login request and answer', () => {
    const login = doc.paths['/api/v1/auth/login'].post!;
    const body = resolveRef(doc, login.requestBody!) as {
      content: Record<string, { schema: ReferenceObject }>;
    };
    const request = resolveRef(doc, body.content['application/json'].schema) as { required?: string[] };
    expect(request.required).toEqual(['username', 'password']);
    const answer = resolveRef<ResponseObject>(doc, login.responses['200']!);
    expect(answer.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/LoginAnswer',
    });
  });
});
