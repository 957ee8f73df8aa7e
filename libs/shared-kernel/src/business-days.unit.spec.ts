import { addBusinessDays, daysBetween } from './business-days';
import { applyBasisPoints, money } from './money';

describe('business days', () => {
  it('skips the weekend when a lead time crosses it', () => {
    // 2026-11-27 is a Friday.
    expect(addBusinessDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(addBusinessDays('2026-11-27', 5)).toBe('2026-12-04');
  });
  it('rolls a weekend start forward to Monday', () => {
    expect(addBusinessDays('2026-11-28', 0)).toBe('2026-11-30');
  });
  it('counts calendar days between dates', () => {
    expect(daysBetween('2026-11-01T10:00:00Z', '2026-12-01T01:00:00Z')).toBe(30);
  });
});

describe('money', () => {
  it('rounds a tier discount to whole fen', () => {
    expect(applyBasisPoints(money(12_345), 9_200)).toEqual(money(11_357));
  });
  it('refuses fractional minor units', () => {
    expect(() => money(1.5)).toThrow('not an integer');
  });
});
