import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ASYNCAPI_PATH, buildAsyncApiDocument, renderAsyncApi } from './asyncapi';
import { toYaml } from './yaml';

describe('docs/asyncapi.yaml', () => {
  it('is what the contracts generate (run `npm run asyncapi` after changing a contract)', () => {
    const onDisk = readFileSync(resolve(__dirname, '..', '..', '..', ASYNCAPI_PATH), 'utf8');
    expect(onDisk === renderAsyncApi()).toBe(true);
  });

  it('documents the three public topics, the partner command topic and its results', () => {
    const doc = buildAsyncApiDocument() as {
      asyncapi: string;
      channels: Record<string, { address: string; messages: object }>;
    };
    expect(doc.asyncapi).toBe('3.0.0');
    expect(Object.values(doc.channels).map((c) => c.address)).toEqual([
      'kamflow.public.logistics.v1',
      'kamflow.public.commerce.v1',
      'kamflow.public.finance.v1',
      'kamflow.partner.commands.v1',
      'kamflow.partner.command-results.v1',
    ]);
    expect(Object.keys(doc.channels.partnerCommands.messages)).toEqual([
      'ReportShipmentStatus',
      'SignAcceptanceReceipt',
      'RecordPayment',
    ]);
  });
});

describe('the YAML writer', () => {
  it('writes nested maps and lists, quoting strings and ambiguous keys', () => {
    expect(
      toYaml({ a: { b: [1, 'x', { c: true, d: null }], e: [], f: {} }, yes: 'no: really', 'a b': 1 }),
    ).toBe(
      [
        'a:',
        '  b:',
        '    - 1',
        "    - 'x'",
        '    - c: true',
        '      d: null',
        '  e: []',
        '  f: {}',
        "'yes': 'no: really'",
        "'a b': 1",
        '',
      ].join('\n'),
    );
  });
});
