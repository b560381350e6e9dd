import type { TFunction } from 'i18next'
import { sayWith, type Phrase, type Worded } from '../../../shared/phrase'

/**
 * Words a phrase main sent (src/shared/phrase.ts) in the current language. Its key is checked
 * against the catalogue by main's phrase-key test, not by the types, hence the cast.
 */
export function say(t: TFunction, said: Phrase): string {
  return sayWith((key, params) => (t as unknown as (key: string, params: Record<string, unknown>) => string)(key, params), said)
}

/** A worded field: the phrase in the user's language (its English `message` is for the CLI). */
export function sayWorded(t: TFunction, worded: Worded): string {
  return say(t, worded.said)
}
