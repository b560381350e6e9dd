import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import en, { type Catalogue } from '../../../shared/i18n/en'
import fr from '../../../shared/i18n/fr'

/**
 * One catalogue per language, each split into one JSON file per part of the app (src/shared/i18n/en/*.json,
 * src/shared/i18n/fr/*.json). A language is added here; missing keys fall back to English (and
 * ./catalogues.spec.ts fails on them, so that fallback never ships silently).
 */
export const resources: Record<string, { translation: Catalogue | typeof fr }> = {
  en: { translation: en },
  fr: { translation: fr }
}

export const supportedLanguages = Object.keys(resources)

/** The user's explicit choice, kept across runs; without one the language follows the OS. */
export const languageStorageKey = 'swarmdesk.language'

export function storedLanguage(): string | null {
  try {
    const value = localStorage.getItem(languageStorageKey)
    return value && supportedLanguages.includes(value) ? value : null
  } catch {
    return null // storage disabled: follow the OS
  }
}

/** `null` forgets the choice and goes back to the OS language. */
export function chooseLanguage(language: string | null): void {
  try {
    if (language) localStorage.setItem(languageStorageKey, language)
    else localStorage.removeItem(languageStorageKey)
  } catch {
    // storage disabled: the choice lasts for this run only
  }
  void i18next.changeLanguage(language ?? systemLanguage())
}

/**
 * The first of the user's languages (most preferred first) that SwarmDesk speaks, by its primary
 * subtag (`fr-CA` -> `fr`); English when none is. Pure.
 */
export function pickLanguage(preferred: readonly string[], supported: readonly string[] = supportedLanguages): string {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0]
    if (supported.includes(primary)) return primary
  }
  return 'en'
}

/**
 * The OS's languages as main knows them. In Electron, navigator.languages holds only the app
 * locale (one language, resolved from the OS by Chromium); main sends the OS's full preference
 * list (app.getPreferredSystemLanguages) in app.info, so a French second language is found too.
 * In web mode the browser's own list is the user's.
 */
let systemPreferred: readonly string[] = []

/** The language to speak: the user's pick, else the first supported OS language. Pure. */
export function resolveLanguage(choice: { stored: string | null; system: readonly string[]; browser: readonly string[] }): string {
  return choice.stored ?? pickLanguage(choice.system.length ? choice.system : choice.browser)
}

function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language]
}

export function systemLanguage(): string {
  return resolveLanguage({ stored: null, system: systemPreferred, browser: browserLanguages() })
}

/** Main's list of OS languages (Electron); switches to it unless the user picked a language. */
export function adoptSystemLanguages(languages: readonly string[] | undefined): void {
  if (!languages?.length) return
  systemPreferred = [...languages]
  if (!storedLanguage()) void i18next.changeLanguage(systemLanguage())
}

export function initI18n(language: string = storedLanguage() ?? systemLanguage()): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: supportedLanguages,
    // `fr-CA` uses fr, `en-GB` uses en.
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
