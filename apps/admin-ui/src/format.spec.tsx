import { render, screen } from '@testing-library/react';
import { ageText, Amount, date, dateTime, money } from './format';
import { I18nProvider } from './i18n';

const pad = (n: number) => String(n).padStart(2, '0');

describe('money', () => {
  it('shows fen as yuan with thousands grouped by three in zh-CN', () => {
    expect(money({ amount: 123456789, currency: 'CNY' }, 'zh-CN')).toBe('¥1,234,567.89');
    expect(money({ amount: 5, currency: 'CNY' }, 'zh-CN')).toBe('¥0.05');
    expect(money({ amount: 0, currency: 'CNY' }, 'zh-CN')).toBe('¥0.00');
    expect(money({ amount: -1230, currency: 'CNY' }, 'zh-CN')).toBe('-¥12.30');
  });

  it('marks the yuan as CN¥ in en', () => {
    expect(money({ amount: 123456789, currency: 'CNY' }, 'en')).toBe('CN¥1,234,567.89');
    expect(money({ amount: 100000, currency: 'CNY' }, 'en')).toBe('CN¥1,000.00');
  });

  it('shows a dash for no amount', () => {
    expect(money(null, 'zh-CN')).toBe('—');
    expect(money(undefined, 'en')).toBe('—');
  });

  it('renders in the chosen language', () => {
    localStorage.setItem('kamflow.lang', 'en');
    render(
      <I18nProvider>
        <Amount value={{ amount: 250000, currency: 'CNY' }} />
      </I18nProvider>,
    );
    expect(screen.getByText('CN¥2,500.00').className).toBe('num');
    localStorage.clear();
  });
});

describe('dates', () => {
  it('shows an instant in local time', () => {
    const local = new Date(2024, 2, 5, 7, 8, 9);
    expect(dateTime(local.toISOString())).toBe('2024-03-05 07:08:09');
    expect(date(local.toISOString())).toBe('2024-03-05');
  });

  it('shows the local calendar day of an instant near midnight UTC', () => {
    const instant = new Date('2024-12-31T23:30:00Z');
    const expected = `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
    expect(date('2024-12-31T23:30:00Z')).toBe(expected);
  });

  it('keeps a plain date as it is', () => {
    expect(date('2024-02-29')).toBe('2024-02-29');
  });

  it('shows a dash for no date', () => {
    expect(dateTime(null)).toBe('—');
    expect(date(undefined)).toBe('—');
    expect(dateTime('')).toBe('—');
  });
});

describe('ageText', () => {
  it('shows days and hours, hours and minutes, or minutes', () => {
    expect(ageText(2 * 86400 + 3 * 3600 + 59, 'en')).toBe('2d 3h');
    expect(ageText(3 * 3600 + 5 * 60, 'en')).toBe('3h 5m');
    expect(ageText(59, 'en')).toBe('0m');
    expect(ageText(2 * 86400 + 3 * 3600, 'zh-CN')).toBe('2天3小时');
    expect(ageText(3 * 3600 + 5 * 60, 'zh-CN')).toBe('3小时5分');
    expect(ageText(600, 'zh-CN')).toBe('10分钟');
    expect(ageText(null, 'en')).toBe('—');
  });
});
