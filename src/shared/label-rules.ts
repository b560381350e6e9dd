/**
 * Node label rules, shared: the renderer checks while the user types, main checks again before
 * writing (src/main/nodes/label-edit.ts) and its issues land on the matching row. Problems are
 * codes with parameters so each side can say them in its own words and language. Pure.
 */

// Docker accepts almost anything; these rules keep labels usable in placement constraints
// (`node.labels.<key> == <value>`).
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/
export const MAX_KEY_LENGTH = 255
export const MAX_VALUE_LENGTH = 4096

export type LabelProblemCode =
  | 'keyEmpty'
  | 'keyTooLong'
  | 'keyWhitespace'
  | 'keyEquals'
  | 'keyPattern'
  | 'keyDuplicate'
  | 'valueLineBreak'
  | 'valueTooLong'

export interface LabelProblem {
  code: LabelProblemCode
  /** Interpolation values for the message (`key`, `max`). */
  params: Record<string, string | number>
}

/** The first thing wrong with a key, in the order main checks them; null when it is fine. */
export function keyProblem(key: string): LabelProblem | null {
  if (key.length === 0) return { code: 'keyEmpty', params: {} }
  if (key.length > MAX_KEY_LENGTH) return { code: 'keyTooLong', params: { key, max: MAX_KEY_LENGTH } }
  if (/\s/.test(key)) return { code: 'keyWhitespace', params: { key } }
  if (key.includes('=')) return { code: 'keyEquals', params: { key } }
  if (!KEY_PATTERN.test(key)) return { code: 'keyPattern', params: { key } }
  return null
}

export function valueProblem(key: string, value: string): LabelProblem | null {
  if (/[\r\n]/.test(value)) return { code: 'valueLineBreak', params: { key } }
  if (value.length > MAX_VALUE_LENGTH) return { code: 'valueTooLong', params: { key, max: MAX_VALUE_LENGTH } }
  return null
}
