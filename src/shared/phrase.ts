import { z } from 'zod'

/**
 * A sentence main builds (a refusal, a diagnostic, a plan note) carried as an i18n key and its
 * values instead of words, so that the renderer says it in the user's language and the CLI in
 * English from the same catalogue (src/shared/i18n/<lang>/*.json). A value may itself be a
 * phrase (a reason inside a refusal); it is worded first, in the same language.
 *
 * Keys are full catalogue paths (`stacks.diagnostic.unknown-field`). src/main/i18n/phrase-keys.spec.ts
 * checks that every `phrase('…')` key written in main exists in English (and the catalogue parity
 * test that French has it too), so a typo fails the unit tests, not the screen.
 */
export interface Phrase {
  key: string
  params?: Record<string, PhraseValue>
}
export type PhraseValue = string | number | boolean | Phrase

export const phraseSchema: z.ZodType<Phrase> = z.lazy(() =>
  z.object({
    key: z.string().min(1).max(200),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), phraseSchema])).optional()
  })
)

/** Build a phrase; write the key as a string literal so the key check can find it. */
export function phrase(key: string, params?: Record<string, PhraseValue>): Phrase {
  return params === undefined ? { key } : { key, params }
}

export function isPhrase(value: unknown): value is Phrase {
  return typeof value === 'object' && value !== null && typeof (value as Phrase).key === 'string'
}

/**
 * What a bare message field becomes: the English sentence (what the CLI prints, scripts read and
 * tests compare) and the phrase the app words in the user's language.
 */
export const wordedSchema = z.object({ message: z.string(), said: phraseSchema })
export type Worded = z.infer<typeof wordedSchema>

/** Words a phrase with a translate function (i18next's `t` on either side). */
export function sayWith(translate: (key: string, params: Record<string, unknown>) => string, said: Phrase): string {
  const params: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(said.params ?? {})) params[name] = isPhrase(value) ? sayWith(translate, value) : value
  return translate(said.key, params)
}
