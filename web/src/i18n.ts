/** i18next with both resource files bundled (they are small); Japanese first, choice remembered. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLang } from './api.ts';
import en from './i18n/en.json';
import ja from './i18n/ja.json';
import operatorEn from './i18n/operator.en.json';
import operatorJa from './i18n/operator.ja.json';
import responseEn from './i18n/response.en.json';
import responseJa from './i18n/response.ja.json';

export type Lang = 'ja' | 'en';
const STORAGE_KEY = 'mamori.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ja' || saved === 'en') return saved;
  } catch {
    // Storage may be blocked; Japanese is the default.
  }
  return 'ja';
}

const lng = initialLang();
setApiLang(lng);
document.documentElement.lang = lng;

void i18next.use(initReactI18next).init({
  lng,
  fallbackLng: 'ja',
  // Each area keeps its own resource files, merged under its own key (operator.*, response.*).
  resources: {
    ja: { translation: { ...ja, operator: operatorJa, response: responseJa } },
    en: { translation: { ...en, operator: operatorEn, response: responseEn } },
  },
  // React escapes every string it renders; i18next must not escape a second time.
  interpolation: { escapeValue: false },
  returnObjects: true,
});

export function changeLang(l: Lang) {
  setApiLang(l);
  document.documentElement.lang = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // ignore
  }
  return i18next.changeLanguage(l);
}

export default i18next;
