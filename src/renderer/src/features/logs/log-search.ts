/**
 * Regex search over the buffered lines. Pure: compile the user's pattern (or say clearly why it is
 * not a regex), find matching line numbers, split a line into highlighted parts, move between matches.
 */

/** `syntax`: not a valid regular expression (`detail` is the browser's own words); `empty`: matches the empty string. */
export type CompiledSearch = { ok: true; regex: RegExp } | { ok: false; problem: 'syntax' | 'empty'; detail: string } | null

/** Null for an empty query. Case-insensitive unless the pattern has an upper-case letter (smart case). */
export function compileSearch(query: string): CompiledSearch {
  if (query === '') return null
  const flags = /[A-Z]/.test(query) ? 'g' : 'gi'
  try {
    const regex = new RegExp(query, flags)
    // A pattern that matches the empty string would highlight nothing and match every line.
    if (regex.test('')) return { ok: false, problem: 'empty', detail: '' }
    regex.lastIndex = 0
    return { ok: true, regex }
  } catch (error) {
    return { ok: false, problem: 'syntax', detail: (error as Error).message.replace(/^Invalid regular expression: /, '') }
  }
}

export function lineMatches(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0
  return regex.test(text)
}

/** Absolute numbers of matching lines among `texts` (numbered from `firstNumber`). */
export function findMatches(regex: RegExp, texts: readonly string[], firstNumber: number): number[] {
  const found: number[] = []
  for (let i = 0; i < texts.length; i++) if (lineMatches(regex, texts[i])) found.push(firstNumber + i)
  return found
}

export interface TextPart {
  text: string
  match: boolean
}

export function highlightParts(regex: RegExp, text: string): TextPart[] {
  const parts: TextPart[] = []
  let last = 0
  regex.lastIndex = 0
  for (const match of text.matchAll(regex)) {
    const at = match.index ?? 0
    if (match[0] === '') continue
    if (at > last) parts.push({ text: text.slice(last, at), match: false })
    parts.push({ text: match[0], match: true })
    last = at + match[0].length
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last), match: false })
  return parts
}

/**
 * The match to go to from `current` (a line number, or null before the first jump), wrapping
 * around; `matches` is sorted. Returns null when there is none.
 */
export function stepMatch(matches: readonly number[], current: number | null, direction: 1 | -1): number | null {
  if (matches.length === 0) return null
  if (current === null) return direction === 1 ? matches[0] : matches[matches.length - 1]
  if (direction === 1) return matches.find((n) => n > current) ?? matches[0]
  for (let i = matches.length - 1; i >= 0; i--) if (matches[i] < current) return matches[i]
  return matches[matches.length - 1]
}

/** Drops matches that fell off the start of the ring buffer. */
export function pruneMatches(matches: number[], firstNumber: number): number[] {
  let drop = 0
  while (drop < matches.length && matches[drop] < firstNumber) drop++
  return drop === 0 ? matches : matches.slice(drop)
}
