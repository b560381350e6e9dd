// English wording of phrases for what main says itself: CLI output, the `message` of errors and
// diagnostics that scripts and logs read. Same catalogue and same interpolation (i18next) as the
// renderer's English, so the two never disagree.
import { createInstance, type i18n } from 'i18next'
import en from '../../shared/i18n/en'
import { AppError, type ErrorCode, type RpcErrorData } from '../../shared/errors'
import { sayWith, type Phrase, type Worded } from '../../shared/phrase'

let instance: i18n | null = null

function englishInstance(): i18n {
  if (instance) return instance
  instance = createInstance()
  void instance.init({
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
  })
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

/** A phrase with its English sentence, for schema fields that carry both (see wordedSchema). */
export function worded(said: Phrase): Worded {
  return { message: english(said), said }
}

/** A refusal we explain ourselves: the app words `said` in the user's language, the CLI prints the English `message`. */
export function refusal(code: ErrorCode, said: Phrase, data: Omit<RpcErrorData, 'code' | 'message' | 'said'> = {}): AppError {
  return new AppError(code, english(said), { ...data, said })
}
