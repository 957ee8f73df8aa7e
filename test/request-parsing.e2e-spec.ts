import { request as httpRequest } from 'node:http';
import { type Client, orderBody, type RunningApp, settled, startApp } from './support/app-harness';

/** What reaches the product before any route: bodies, paths, headers and text it cannot store. */
describe('a request the product cannot read', () => {
  let product: RunningApp;
  let desk: Client;

  beforeAll(async () => {
    product = await startApp();
    desk = await product.login('desk');
    // The demo data's follow-ups (credit accounts opened by the process) must be in the log before a test
    // compares its head before and after a refused request.
    await settled(product);
  });
  afterAll(async () => {
    await product?.close();
  });

  async function head(): Promise<number> {
    const ready = await product.anonymous.get('/ready');
    return ready.body.checks.eventStore.headPosition as number;
  }

  function expectProblem(answer: { status: number; headers: Headers; body: any }, status: number, field?: string) {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), code: expect.any(String) });
    if (field) expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  }

  it.each([
    ['malformed JSON', '{"accountId":'],
    ['a trailing comma', '{"accountId":"acc-sgcc",}'],
    ['null', 'null'],
    ['a number', '123'],
    ['a string', '"s"'],
    ['true', 'true'],
    ['an array', '[]'],
  ])('answers 400 naming the body for %s, with or without a token, and appends nothing', async (_, text) => {
    const before = await head();
    expectProblem(await desk.post('/orders', text), 400, 'body');
    expectProblem(await product.anonymous.post('/orders', text), 400, 'body');
    expect(await head()).toBe(before);
  });

  it('answers 413 for a body over 1 MB', async () => {
    const big = JSON.stringify({ ...orderBody(), customerPo: 'x'.repeat(2 * 1024 * 1024) });
    expectProblem(await desk.post('/orders', big), 413, 'body');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const answer = await desk.post('/orders', JSON.stringify(orderBody()), { 'content-type': 'text/plain' });
    expectProblem(answer, 415, 'content-type');
  });

  it.each([
    ['NUL', '\u0000'],
    ['a control character', '\u0007'],
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', '\udc00'],
  ])('refuses %s in a nested body field, naming it', async (_, bad) => {
    const before = await head();
    const body = JSON.stringify(orderBody({}, { modelId: `TC${bad}M70` }));
    // JSON.stringify escapes lone surrogates as \udXXX, which is how a hostile client would send them too.
    const answer = await desk.post('/orders', body);
    expectProblem(answer, 400, 'lines[0].modelId');
    expect(await head()).toBe(before);
  });

  it('refuses NUL in login, query and path, naming where', async () => {
    expectProblem(await product.anonymous.post('/auth/login', { username: 'desk\u0000', password: 'demo123' }), 400, 'username');
    expectProblem(await desk.get('/orders?q=%00'), 400, 'q');
    expectProblem(await desk.get('/orders/%00'), 400, 'path');
    expectProblem(await desk.get('/orders/%E0%A4%A'), 400, 'path');
  });

  it('refuses prototype property names like any unknown property', async () => {
    const before = await head();
    const body = JSON.stringify(orderBody()).replace('{', '{"__proto__":{"isAdmin":true},');
    expectProblem(await desk.post('/orders', body), 400, '__proto__');
    const nested = JSON.stringify(orderBody()).replace('"region":"Beijing"', '"constructor":{"x":1},"region":"Beijing"');
    expectProblem(await desk.post('/orders', nested), 400, 'lines[0].deliveryAddress.constructor');
    expect(await head()).toBe(before);
  });

  it('keeps tabs, newlines and every other script as text', async () => {
    const answer = await desk.post('/configurations/validate', {
      modelId: 'TC-M70T-G4\t😀',
      optionIds: [],
      channel: 'DIRECT',
      region: '北京\n',
    });
    expect(answer.status).toBeLessThan(500);
    expect(answer.status).not.toBe(400);
  });

  it('answers 431 with problem+json for headers over 16 kB', async () => {
    const { port } = new URL(product.baseUrl);
    const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: Number(port), path: `/api/v1/orders?q=${'a'.repeat(20_000)}`, method: 'GET' },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(431);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, code: 'REQUEST.HEADERS_TOO_LARGE' });
  });
});
