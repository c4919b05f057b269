import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/pt-br';
import 'dayjs/locale/zh-cn';
import { changeLanguage, normaliseLanguage, type LanguageCode } from '../i18n';
import { setApiLanguage } from '../api/client';

/** Per-browser preferences: language and light/dark mode, both kept in localStorage. */
export type ThemeMode = 'light' | 'dark';

interface Prefs {
  language: LanguageCode;
  setLanguage: (code: LanguageCode) => void;
  mode: ThemeMode;
  toggleMode: () => void;
}

const PrefsContext = createContext<Prefs | null>(null);
export const THEME_STORAGE_KEY = 'theme-mode';

function initialMode(): ThemeMode {
  const stored = localStorage.getItem(THEME_STORAGE_KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const DAYJS_LOCALE: Record<LanguageCode, string> = { en: 'en', 'pt-BR': 'pt-br', 'zh-CN': 'zh-cn' };

export function PrefsProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = normaliseLanguage(i18n.resolvedLanguage ?? i18n.language);
  const [mode, setMode] = useState<ThemeMode>(initialMode);

  useEffect(() => {
    setApiLanguage(language);
    dayjs.locale(DAYJS_LOCALE[language]);
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    document.documentElement.dataset.theme = mode;
    document.documentElement.style.colorScheme = mode;
  }, [mode]);

  const setLanguage = useCallback((code: LanguageCode) => {
    void changeLanguage(code);
  }, []);
  const toggleMode = useCallback(() => {
    setMode((m) => {
      const next = m === 'dark' ? 'light' : 'dark';
      localStorage.setItem(THEME_STORAGE_KEY, next);
      return next;
    });
  }, []);

  const value = useMemo(() => ({ language, setLanguage, mode, toggleMode }), [language, setLanguage, mode, toggleMode]);
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const prefs = useContext(PrefsContext);
  if (!prefs) throw new Error('usePrefs outside PrefsProvider');
  return prefs;
}
