import { MAX_VALUE_BYTES, generateAlphabets, type GenerateAlphabet, type StoredKind, type ValueSource } from '../../../../shared/secrets'

/**
 * Where a new value comes from, as the form holds it: typed text, a file main reads, or a
 * length and alphabet for main to generate (then the value never exists in the renderer). Pure:
 * the form's checks and the ValueSource sent, nothing else.
 */

export const valueModes = ['text', 'file', 'generate'] as const
export type ValueMode = (typeof valueModes)[number]

export interface ValueDraft {
  mode: ValueMode
  /** typed value: kept only while the form is open, cleared on submit and cancel */
  text: string
  path: string
  length: number
  alphabet: GenerateAlphabet
}

export const GENERATE_MIN = 8
export const GENERATE_MAX = 4096

export const blankValueDraft = (mode: ValueMode = 'text'): ValueDraft => ({ mode, text: '', path: '', length: 32, alphabet: 'alphanumeric' })

export type ValueProblem = { code: 'empty' } | { code: 'tooLarge'; max: number } | { code: 'noPath' } | { code: 'length'; min: number; max: number }

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length

/** What keeps the draft from being sent, or null. The engine's limit is in bytes, counted as UTF-8. */
export function valueProblem(draft: ValueDraft, kind: StoredKind): ValueProblem | null {
  switch (draft.mode) {
    case 'text':
      if (draft.text.length === 0) return { code: 'empty' }
      if (utf8Bytes(draft.text) > MAX_VALUE_BYTES[kind]) return { code: 'tooLarge', max: MAX_VALUE_BYTES[kind] }
      return null
    case 'file':
      return draft.path.trim() === '' ? { code: 'noPath' } : null
    case 'generate':
      return Number.isInteger(draft.length) && draft.length >= GENERATE_MIN && draft.length <= GENERATE_MAX ? null : { code: 'length', min: GENERATE_MIN, max: GENERATE_MAX }
  }
}

/** The contract's value source, or null while the draft has a problem. */
export function valueSourceOf(draft: ValueDraft, kind: StoredKind): ValueSource | null {
  if (valueProblem(draft, kind)) return null
  if (draft.mode === 'text') return { text: draft.text }
  if (draft.mode === 'file') return { path: draft.path.trim() }
  return { generate: { length: draft.length, alphabet: draft.alphabet } }
}

/**
 * A field of the draft changed. Leaving typed text for a file or the generator drops what was
 * typed: it will not be sent, so it is not kept either.
 */
export function patchValue(draft: ValueDraft, patch: Partial<ValueDraft>): ValueDraft {
  const next = { ...draft, ...patch }
  return next.mode === 'text' ? next : withoutValue(next)
}

/** The draft with the typed value dropped (after submit, cancel, or a switch to another source). */
export function withoutValue(draft: ValueDraft): ValueDraft {
  return draft.text === '' ? draft : { ...draft, text: '' }
}

export function isAlphabet(value: string): value is GenerateAlphabet {
  return (generateAlphabets as readonly string[]).includes(value)
}
