import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import ptBR from './locales/pt-BR.json';
import zhCN from './locales/zh-CN.json';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'pt-BR', label: 'Português (Brasil)' },
  { code: 'zh-CN', label: '中文' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const LANGUAGE_STORAGE_KEY = 'lang';

/** Any browser tag onto the three we ship: pt-* → pt-BR, zh-* → zh-CN, everything else → en. */
export function normaliseLanguage(tag: string | undefined | null): LanguageCode {
  const value = (tag ?? '').toLowerCase();
  if (value.startsWith('pt')) return 'pt-BR';
  if (value.startsWith('zh')) return 'zh-CN';
  return 'en';
}

i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, 'pt-BR': { translation: ptBR }, 'zh-CN': { translation: zhCN } },
    supportedLngs: LANGUAGES.map((l) => l.code),
    fallbackLng: 'en',
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: [],
      convertDetectedLanguage: (lng: string) => normaliseLanguage(lng),
    },
    saveMissing: import.meta.env.DEV,
    missingKeyHandler: (_lngs, _ns, key) => {
      console.error(`i18n: missing key "${key}"`);
    },
  });

export function changeLanguage(code: LanguageCode) {
  localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
  return i18n.changeLanguage(code);
}

export default i18n;
