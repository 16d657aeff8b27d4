// The interface's own texts (src/locales): i18next with every catalogue bundled, ready before the
// first render (no loading, no flash), in the first of the browser's languages that has one.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import * as catalogues from '../locales/index.ts';

// A key missing from English, or misspelt, is a type error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof catalogues.en;
  }
}

const FALLBACK_LANGUAGE = 'en';

/** The first of the browser's languages (exact tag, then its base: de-AT → de) with a catalogue. */
export function pickLanguage(wanted: readonly string[], supported: readonly string[]): string {
  for (const tag of wanted) {
    const lower = tag.toLowerCase();
    const found =
      supported.find((language) => language.toLowerCase() === lower) ??
      supported.find((language) => language.toLowerCase() === lower.split('-')[0]);
    if (found) return found;
  }
  return FALLBACK_LANGUAGE;
}

const language = pickLanguage(
  typeof navigator === 'undefined' ? [] : navigator.languages,
  Object.keys(catalogues),
);

void i18n.use(initReactI18next).init({
  resources: { ...catalogues },
  lng: language,
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: 'common',
  // Resources are bundled: init completes synchronously, so nothing suspends.
  initAsync: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
});

if (typeof document !== 'undefined') document.documentElement.lang = language;

export { i18n };
