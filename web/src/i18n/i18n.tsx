import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zh_CN from 'antd/locale/zh_CN';
import { ROLE_NAMES, isRole } from '../../../src/domain/access/roles.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
type Params = Record<string, string | number>;

const STORAGE_KEY = 'jiuye.lang';
const MESSAGES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const ANTD_LOCALES = { 'zh-CN': zh_CN, en: enUS };

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  roleName(role: string): string;
  levelName(level: string): string;
  /** A server field error in the current language: the Chinese text when there is one. */
  issueText(issue: { message: string; messageZh?: string }): string;
  dateTime(iso: string | null | undefined): string;
}

const Ctx = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // Storage can be blocked (private mode, policies); the default language still works.
  }
  return 'zh-CN';
}

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${MESSAGES[lang]['app.short']} · ${MESSAGES[lang]['app.name']}`;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this page.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const table = MESSAGES[lang];
    const fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      lang,
      setLang,
      t: (key, params) => fill(table[key] ?? key, params),
      roleName: (role) => (isRole(role) ? ROLE_NAMES[role][lang === 'en' ? 'en' : 'zh'] : role),
      levelName: (level) => table[`region.level.${level}` as MessageKey] ?? level,
      issueText: (issue) => (lang === 'zh-CN' && issue.messageZh ? issue.messageZh : issue.message),
      dateTime: (iso) => {
        if (!iso) return '';
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
      },
    };
  }, [lang, setLang]);

  return (
    <Ctx.Provider value={value}>
      <ConfigProvider locale={ANTD_LOCALES[lang]} theme={{ token: { colorPrimary: '#1f6f43', borderRadius: 6 } }}>
        {children}
      </ConfigProvider>
    </Ctx.Provider>
  );
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n needs an I18nProvider above it');
  return v;
}

/** The translate function alone, for components that need nothing else. */
export function useT(): I18n['t'] {
  return useI18n().t;
}
