import fc from 'fast-check';
import { type Client, type RunningApp, startApp } from './support/app-harness';
import {
  DEMO_USERS,
  type DemoUser,
  describeRequest,
  judge,
  LogWatch,
  probeRoles,
  send,
  validRequest,
} from './support/hostile-checks';
import { EDGE_EXAMPLES, LIST_ROUTES } from './support/hostile-edge-examples';
import { BODY_EXAMPLES, exampleRequest, type HostileExample } from './support/hostile-examples';
import { buildKnownIds, idsFor, type KnownIds } from './support/hostile-fixtures';
import { hostileRequests } from './support/hostile-requests';
import {
  fieldPaths,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  validValue,
  withField,
} from './support/openapi-operations';
import { short, structuralValues } from './support/hostile-values';

/** Generated requests per operation and principal kind (allowed, refused); `npm run fuzz` raises it. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);
const MAX_REPORTED_PER_OPERATION = 4;

/** A fixed seed per operation and principal kind, so operations do not all draw the same sequence. */
function seedOf(key: string, refused: boolean): number {
  let h = SEED + (refused ? 7919 : 0);
  for (const ch of key) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

jest.setTimeout(Math.max(120_000, RUNS * 12_000));

/**
 * Requests an attacker or a careless client sends, generated from the running product's OpenAPI document:
 * every operation, as a role it allows and as one it refuses (or no token at all).
 */
describe('hostile input against every operation of the OpenAPI document', () => {
  let product: RunningApp;
  let tokens: Record<DemoUser, string>;
  let operations: Operation[];
  let known: KnownIds;
  let watch: LogWatch;
  const roles = new Map<string, { allowed: DemoUser[]; refused: DemoUser[] }>();
  /** Operations whose schema-built valid body passes validation: a 400 there must name what was changed. */
  const baseValid = new Map<string, boolean>();

  beforeAll(async () => {
    product = await startApp({ env: { TIMER_INTERVAL_MS: '3600000', MANAGEMENT_PORT: '0' } });
    const clients = await Promise.all(DEMO_USERS.map((u) => product.login(u)));
    tokens = Object.fromEntries(DEMO_USERS.map((u, i) => [u, clients[i].token])) as Record<DemoUser, string>;
    const byName = Object.fromEntries(DEMO_USERS.map((u, i) => [u, clients[i]])) as Record<DemoUser, Client>;
    known = await buildKnownIds(byName);
    const doc = (await (await fetch(`${product.baseUrl}/api/docs-json`)).json()) as OpenApiDocument;
    operations = operationsOf(doc);
    watch = new LogWatch(product);
    const health = await watch.afterWrite();
    if (health) throw new Error(`the product is not healthy before any hostile request: ${health}`);
    for (const op of operations) {
      const probe = op.public ? { allowed: [], refused: [] } : await probeRoles(product.baseUrl, op, tokens);
      roles.set(op.key, probe);
      baseValid.set(op.key, await bodyIsValid(op, probe.allowed[0]));
    }
  }, 180_000);
  afterAll(async () => {
    await product?.close();
  });

  async function bodyIsValid(op: Operation, user: DemoUser | undefined): Promise<boolean> {
    if (!op.body) return true;
    if (!op.public && !user) return false;
    const req = validRequest(op, (name) => idsFor(known, name, op)[0], validValue(op.body), 'valid body');
    const answer = await send(product.baseUrl, req, user ? tokens[user] : undefined);
    if (answer.status < 400) await watch.afterWrite();
    return !(answer.status === 400 && answer.json?.code === 'REQUEST.VALIDATION_FAILED');
  }

  /** Runs the generated requests of `op` from `principals`; returns what went wrong, one line each. */
  async function fuzz(
    op: Operation,
    principals: (DemoUser | 'anonymous')[],
    refused: boolean,
  ): Promise<string[]> {
    const failures: string[] = [];
    const arbitrary = fc.tuple(
      fc.constantFrom(...principals),
      hostileRequests(op, (name) => idsFor(known, name, op)),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([who, req]) => {
        const command = op.method !== 'GET';
        const before = command ? await watch.head() : 0;
        const answer = await send(product.baseUrl, req, who === 'anonymous' ? undefined : tokens[who]);
        if (process.env.FUZZ_DEBUG)
          console.log(answer.status, describeRequest(req, who).slice(0, 300), answer.text.slice(0, 200));
        const problems = await judge(
          watch,
          req,
          answer,
          before,
          !refused && !req.rawBody && baseValid.get(op.key) === true,
        );
        if (refused && answer.status < 400) problems.unshift(`a refused ${who} got ${answer.status}`);
        if (problems.length && failures.length < MAX_REPORTED_PER_OPERATION) {
          failures.push(`${describeRequest(req, who)}\n      → ${problems.join('; ')}`);
        }
      }),
      { seed: seedOf(op.key, refused), numRuns: RUNS, endOnFailure: true },
    );
    return failures;
  }

  it('finds the operations of the document (commands, queries, login, health)', () => {
    const keys = operations.map((o) => o.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /api/v1/accounts',
        'POST /api/v1/orders',
        'GET /api/v1/orders',
        'POST /api/v1/invoices/{id}/payments',
        'GET /api/v1/providers/me/shipments',
        'POST /api/v1/auth/login',
        'GET /api/v1/ready',
      ]),
    );
    expect(roles.get('POST /api/v1/accounts')).toMatchObject({ allowed: ['admin'] });
    expect(roles.get('POST /api/v1/orders')?.refused).toContain('finance');
  });

  it('answers every generated request from an allowed role (or anonymously on public routes) without a 5xx, with complete problems naming the field', async () => {
    const report: string[] = [];
    for (const op of operations) {
      const { allowed } = roles.get(op.key)!;
      const principals = op.public ? (['anonymous'] as const) : allowed;
      if (!principals.length) continue;
      const failures = await fuzz(op, [...principals], false);
      if (failures.length) report.push(`${op.key}\n    ${failures.join('\n    ')}`);
    }
    expect(report.join('\n')).toBe('');
  });

  it('answers each field of every body left out, null or of another JSON type with a 400 naming it, or accepts it', async () => {
    const report: string[] = [];
    for (const op of operations) {
      const user = op.public ? undefined : roles.get(op.key)!.allowed[0];
      if (!op.body || (!op.public && !user) || !baseValid.get(op.key)) continue;
      const base = validValue(op.body);
      for (const field of fieldPaths(op.body)) {
        for (const value of structuralValues(field.schema)) {
          const body = withField(base, field.segments, value);
          const req = validRequest(
            op,
            (name) => idsFor(known, name, op)[0],
            body,
            `${field.path} = ${short(value)}`,
            [field.path],
          );
          const before = await watch.head();
          const answer = await send(product.baseUrl, req, user ? tokens[user] : undefined);
          const problems = await judge(watch, req, answer, before, true);
          if (problems.length)
            report.push(`${describeRequest(req, user ?? 'anonymous')}\n      → ${problems.join('; ')}`);
        }
      }
    }
    expect(report.join('\n')).toBe('');
  });

  it('refuses every generated request from a role the operation does not allow (or without a token), appending nothing', async () => {
    const report: string[] = [];
    for (const op of operations) {
      if (op.public) continue;
      const { refused } = roles.get(op.key)!;
      const failures = await fuzz(op, [...refused, 'anonymous'], true);
      if (failures.length) report.push(`${op.key}\n    ${failures.join('\n    ')}`);
    }
    expect(report.join('\n')).toBe('');
  });

  describe('the reproductions, one by one', () => {
    async function expectAnswer(e: Omit<HostileExample, 'name'>) {
      const req = exampleRequest(e, known);
      const before = await watch.head();
      const answer = await send(product.baseUrl, req, e.who === 'anonymous' ? undefined : tokens[e.who]);
      const context = `${describeRequest(req, e.who)} → ${answer.status} ${answer.text.slice(0, 300)}`;
      expect({ status: answer.status, context }).toEqual({ status: e.status, context });
      const problems = await judge(watch, req, answer, before, true);
      // A documented 5xx (504 for a position not reached) is checked for its problem body only.
      const relevant = e.status >= 500 ? problems.filter((p) => !/^answer(ed)? /.test(p)) : problems;
      expect(relevant).toEqual([]);
      const fields = (answer.json as { errors?: { field: string }[] } | undefined)?.errors?.map(
        (x) => x.field,
      );
      if (e.field) expect(fields).toContain(e.field);
      if (e.code) expect(answer.json).toMatchObject({ code: e.code });
    }

    it.each([...BODY_EXAMPLES, ...EDGE_EXAMPLES].map((e) => [e.name, e] as const))(
      'answers %s as the report asks',
      async (_name, example) => {
        await expectAnswer(example);
      },
    );

    it.each(LIST_ROUTES)(
      'answers %s reading the last allowed page of %s (a bound LIMIT and OFFSET)',
      async (who, path) => {
        await expectAnswer({ who, method: 'GET', path: `${path}?page=1000000&pageSize=200`, status: 200 });
      },
    );

    it.each(LIST_ROUTES)(
      'answers %s reading %s with an unbounded page or page size 400 naming it',
      async (who, path) => {
        for (const [param, value] of [
          ['page', '1e20'],
          ['page', '1.797e308'],
          ['page', '9007199254740993'],
          ['page', '1000001'],
          ['pageSize', '1e20'],
          ['pageSize', '201'],
          ['page', '-1'],
        ]) {
          await expectAnswer({
            who,
            method: 'GET',
            path: `${path}?${param}=${value}`,
            status: 400,
            field: param,
          });
        }
      },
    );

    it('answers a very long query string with 431 problem+json', async () => {
      await expectAnswer({
        who: 'desk',
        method: 'GET',
        path: `/orders?q=${'x'.repeat(40_000)}`,
        status: 431,
      });
    });

    it('waits (bounded) for a minPosition the log has not reached, then answers 400 READ_MODEL.UNKNOWN_POSITION, not a 5xx', async () => {
      await expectAnswer({
        who: 'desk',
        method: 'GET',
        path: `/orders?minPosition=${Number.MAX_SAFE_INTEGER}`,
        status: 400,
        code: 'READ_MODEL.UNKNOWN_POSITION',
      });
    }, 20_000);
  });
});
