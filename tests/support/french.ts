// Words a phrase main built (src/shared/phrase.ts) in French, the way the renderer does, for tests
// that check the app's French without a browser. English is src/main/i18n/english.ts.
import { createInstance, type i18n } from 'i18next'
import en from '../../src/shared/i18n/en'
import fr from '../../src/shared/i18n/fr'
import { sayWith, type Phrase } from '../../src/shared/phrase'

let instance: i18n | null = null

export function french(said: Phrase): string {
  if (!instance) {
    instance = createInstance()
    void instance.init({
      resources: { en: { translation: en }, fr: { translation: fr } },
      lng: 'fr',
      fallbackLng: false,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
      parseMissingKeyHandler: (key: string) => {
        throw new Error(`no French text for phrase key "${key}"`)
      }
    })
  }
  const i18n = instance
  return sayWith((key, params) => i18n.t(key, params), said)
}
