import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

import { en } from './i18n-en';
import { labels } from './i18n-labels';
import { type Key, zh } from './i18n-zh';

export type Lang = 'zh-CN' | 'en';

/** English event labels: the type name split into words (`OrderCreditHeld` → `Order credit held`). */
function englishEvent(type: string): string {
  const words = type
    .replace(/\.v\d+$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface I18nValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: Key): string;
  /** The label of an enum value of `kind` (status, review, shipment, event, ...). */
  label(kind: string, value: string | undefined | null): string;
}

const I18nContext = createContext<I18nValue | null>(null);
const LANG_KEY = 'kamflow.lang';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() =>
    localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN',
  );
  const value = useMemo<I18nValue>(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = lang;
    const dict = lang === 'en' ? en : zh;
    return {
      lang,
      setLang: (next) => {
        localStorage.setItem(LANG_KEY, next);
        setLangState(next);
      },
      t: (key) => dict[key] ?? key,
      label: (kind, v) => {
        if (!v) return '';
        const hit = labels[lang][kind]?.[v] ?? labels[lang][kind]?.[v.replace(/\.v\d+$/, '')];
        if (hit) return hit;
        return kind === 'event' ? englishEvent(v) : v;
      },
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
