import { csvField, toCsv, yuan } from './csv';

describe('CSV for finance exports', () => {
  it('writes fen as yuan with two places, exactly', () => {
    expect([yuan(0), yuan(5), yuan(123_456), yuan(-1_050), yuan(100)]).toEqual([
      '0.00',
      '0.05',
      '1234.56',
      '-10.50',
      '1.00',
    ]);
  });

  it('quotes fields holding commas, quotes or line breaks (RFC 4180)', () => {
    expect(csvField('中国银行, 北京')).toBe('"中国银行, 北京"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('starts with a BOM and a header row and ends rows with CRLF', () => {
    const csv = toCsv([{ header: 'name', value: (r: { n: string }) => r.n }], [{ n: '国家电网' }]);
    expect(csv).toBe('\uFEFFname\r\n国家电网\r\n');
  });
});
