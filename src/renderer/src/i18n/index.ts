import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import en, { type Catalogue } from './en'

/**
 * One catalogue per language, each split into one JSON file per part of the app (./en/*.json).
 * A language is added here; missing keys fall back to English.
 */
export const resources: Record<string, { translation: Catalogue }> = {
  en: { translation: en }
}

export const supportedLanguages = Object.keys(resources)

export function initI18n(language: string = navigator.language): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: supportedLanguages,
    // `fr-CA` uses fr.json, `en-GB` uses en.json.
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    showSupportNotice: false
  })
  const applyLang = (): void => {
    document.documentElement.lang = i18next.resolvedLanguage ?? 'en'
  }
  applyLang()
  i18next.on('languageChanged', applyLang)
  return i18next
}
