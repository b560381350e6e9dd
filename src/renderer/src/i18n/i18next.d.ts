import 'i18next'
import type { Catalogue } from '../../../shared/i18n/en'

// Keys are checked at compile time against the English catalogue: a missing key (including every
// `errors.<CODE>` and `status.<value>`) is a type error, not an untranslated screen.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Catalogue }
  }
}
