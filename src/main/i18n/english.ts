// English wording of phrases for what main says itself: CLI output, the `message` of errors and
// diagnostics that scripts and logs read. Same catalogue and same interpolation (i18next) as the
// renderer's English, so the two never disagree. Only the edges import this module (the lint
// says so): loading it makes the values built with ./words.ts speak English when read.
import { createInstance, type i18n } from 'i18next'
import en from '../../shared/i18n/en'
import { sayWith, type Phrase } from '../../shared/phrase'
import { speakWith } from './words'
import { detached } from '../process-faults'

let instance: i18n | null = null

function englishInstance(): i18n {
  if (instance) return instance
  instance = createInstance()
  // initAsync: false loads the bundled catalogue at once; the promise is only the API's shape
  detached(instance.init({
    resources: { en: { translation: en } },
    lng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
    // A missing key is a bug the phrase-key check should have caught; say so loudly rather than print the key.
    parseMissingKeyHandler: (key: string) => {
      throw new Error(`no English text for phrase key "${key}"`)
    }
  }), 'loading the English catalogue')
  return instance
}

// The same phrases come back often (the planner words "no suitable node (…)" for every service
// with pending tasks, over thousands of services): remembering the last few thousand keeps
// i18next's interpolation out of the planner's hot path.
const remembered = new Map<string, string>()
const REMEMBER_AT_MOST = 5000

export function english(said: Phrase): string {
  const id = JSON.stringify(said)
  const known = remembered.get(id)
  if (known !== undefined) return known
  const i18n = englishInstance()
  const text = sayWith((key, params) => i18n.t(key, params), said)
  if (remembered.size >= REMEMBER_AT_MOST) remembered.clear()
  remembered.set(id, text)
  return text
}

speakWith(english)
