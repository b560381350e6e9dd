// English wording of phrases for what main says itself: CLI output, the `message` of errors and
// diagnostics that scripts and logs read. Same catalogue and same interpolation (i18next) as the
// renderer's English, so the two never disagree.
import { createInstance, type i18n } from 'i18next'
import en from '../../renderer/src/i18n/en'
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

export function english(said: Phrase): string {
  const i18n = englishInstance()
  return sayWith((key, params) => i18n.t(key, params), said)
}

/** A phrase with its English sentence, for schema fields that carry both (see wordedSchema). */
export function worded(said: Phrase): Worded {
  return { message: english(said), said }
}

/** A refusal we explain ourselves: the app words `said` in the user's language, the CLI prints the English `message`. */
export function refusal(code: ErrorCode, said: Phrase, data: Omit<RpcErrorData, 'code' | 'message' | 'said'> = {}): AppError {
  return new AppError(code, english(said), { ...data, said })
}
