import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type en from './en.json'

/**
 * Every catalogue in this folder is picked up by name: adding `fr.json` (same keys as en.json,
 * missing keys fall back to English) is all it takes to add a language.
 */
type Catalogue = typeof en
const catalogues = import.meta.glob<Catalogue>('./*.json', { eager: true, import: 'default' })

export const resources: Record<string, { translation: Catalogue }> = Object.fromEntries(
  Object.entries(catalogues).map(([path, catalogue]) => [path.replace(/^\.\/(.+)\.json$/, '$1'), { translation: catalogue }])
)

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
