import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { nl } from './nl';

export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'nl', label: 'Nederlands' },
] as const;
export type Language = (typeof LANGUAGES)[number]['value'];

/** Before sign-in: the browser's language; after: the user's own (set by the auth provider). */
export function initialLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('vm.lang') : null;
  if (stored === 'en' || stored === 'nl') return stored;
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

export function setLanguage(language: string): void {
  const lang: Language = language === 'nl' ? 'nl' : 'en';
  if (typeof localStorage !== 'undefined') localStorage.setItem('vm.lang', lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, nl: { translation: nl } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
