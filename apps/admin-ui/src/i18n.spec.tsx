import { act, render, screen } from '@testing-library/react';
import { I18nProvider, useI18n } from './i18n';
import { en } from './i18n-en';
import { labels } from './i18n-labels';
import { type Key, zh } from './i18n-zh';

const keys = (dict: object) => Object.keys(dict).sort();

/** `{name}`-style placeholders of a text, sorted: word order may differ between the languages. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The keys whose text is empty or has leading/trailing blanks. */
const blank = (dict: Record<string, string>) =>
  Object.entries(dict)
    .filter(([, text]) => typeof text !== 'string' || text.trim() === '' || text !== text.trim())
    .map(([key]) => key);

describe('interface texts (i18n-zh / i18n-en)', () => {
  it('have the same keys in zh-CN and en', () => {
    expect(keys(zh).length).toBeGreaterThan(100);
    expect(keys(zh).filter((k) => !Object.hasOwn(en, k))).toEqual([]);
    expect(keys(en).filter((k) => !Object.hasOwn(zh, k))).toEqual([]);
  });

  it('have no empty or untrimmed text', () => {
    expect(blank(zh)).toEqual([]);
    expect(blank(en)).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = (keys(zh) as Key[])
      .filter((k) => placeholders(zh[k]).join() !== placeholders(en[k] ?? '').join())
      .map((k) => `${k}: {${placeholders(zh[k]).join()}} / {${placeholders(en[k] ?? '').join()}}`);
    expect(mismatched).toEqual([]);
  });

  it('leave no Chinese in the English texts', () => {
    expect((keys(en) as Key[]).filter((k) => /[\u3400-\u9fff\uff00-\uffef]/.test(en[k]))).toEqual([]);
  });
});

describe('enum labels (i18n-labels)', () => {
  // English event labels are derived from the type name, so `event` is only listed in zh-CN.
  const kinds = keys(labels['zh-CN']).filter((k) => k !== 'event');

  it('have the same kinds and values in zh-CN and en', () => {
    expect(keys(labels.en)).toEqual(keys(labels['zh-CN']));
    for (const kind of kinds)
      expect([kind, keys(labels.en[kind])]).toEqual([kind, keys(labels['zh-CN'][kind])]);
  });

  it('have no empty label', () => {
    for (const lang of ['zh-CN', 'en'] as const)
      for (const [kind, values] of Object.entries(labels[lang]))
        expect([lang, kind, blank(values)]).toEqual([lang, kind, []]);
  });
});

function Probe() {
  const { lang, setLang, t, label } = useI18n();
  return (
    <div>
      <span data-testid="lang">{lang}</span>
      <span data-testid="title">{t('orders.title')}</span>
      <span data-testid="status">{label('status', 'CREDIT_HOLD')}</span>
      <span data-testid="event">{label('event', 'OrderCreditHeld.v2')}</span>
      <span data-testid="unknown">{label('status', 'SOMETHING_NEW')}</span>
      <button onClick={() => setLang('en')}>en</button>
    </div>
  );
}

describe('I18nProvider', () => {
  beforeEach(() => localStorage.clear());

  it('starts in zh-CN, switches to en and remembers the choice', () => {
    const { unmount } = render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByTestId('lang').textContent).toBe('zh-CN');
    expect(screen.getByTestId('title').textContent).toBe(zh['orders.title']);
    expect(screen.getByTestId('status').textContent).toBe(labels['zh-CN'].status.CREDIT_HOLD);
    expect(document.documentElement.lang).toBe('zh-CN');

    act(() => screen.getByRole('button', { name: 'en' }).click());
    expect(screen.getByTestId('title').textContent).toBe(en['orders.title']);
    expect(screen.getByTestId('status').textContent).toBe(labels.en.status.CREDIT_HOLD);
    // No listed English label: the type name in words, without its version suffix.
    expect(screen.getByTestId('event').textContent).toBe('Order credit held');
    expect(screen.getByTestId('unknown').textContent).toBe('SOMETHING_NEW');
    expect(document.documentElement.lang).toBe('en');
    unmount();

    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByTestId('lang').textContent).toBe('en');
  });
});
