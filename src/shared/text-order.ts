// `a.localeCompare(b)` without its start-up cost where the answer is known. The first
// localeCompare of a process loads ICU's collation data: 35–70 ms on this machine, more than a
// one-shot `swarmdesk service ls` takes otherwise. For printable ASCII under the root collation
// (the locales en-*, C and POSIX, and no locale set: what node uses then) the order is fixed, so
// those comparisons are made here; anything else — another locale, the browser, a character
// outside printable ASCII — is localeCompare's. text-order.spec.ts checks both against ICU.

/** Printable ASCII in root collation order; a letter's two cases share a rank (lowercase first, at the tertiary level). */
const ROOT_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz'

const RANK = new Int16Array(128).fill(-1)
for (let i = 0; i < ROOT_ORDER.length; i++) {
  RANK[ROOT_ORDER.charCodeAt(i)] = i
  const upper = ROOT_ORDER[i].toUpperCase()
  if (upper !== ROOT_ORDER[i]) RANK[upper.charCodeAt(0)] = i
}

/** Whether localeCompare collates as the root locale in this process (ICU reads LC_ALL, LC_MESSAGES, LANG). */
export function rootCollation(env: Record<string, string | undefined> | undefined): boolean {
  if (!env) return false
  const name = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return name === '' || /^(C|POSIX)([.@]|$)/.test(name) || /^en([_.@-]|$)/i.test(name)
}

const printable = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code > 0x7e) return false
  }
  return true
}

/** The root collation's order of two printable ASCII strings (primary over the whole string, then case); null otherwise. */
export function rootAsciiCompare(a: string, b: string): number | null {
  if (!printable(a) || !printable(b)) return null
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const difference = RANK[a.charCodeAt(i)] - RANK[b.charCodeAt(i)]
    if (difference !== 0) return Math.sign(difference)
  }
  if (a.length !== b.length) return Math.sign(a.length - b.length)
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i)
    const cb = b.charCodeAt(i)
    // same rank, different code: the same letter in two cases, lowercase first
    if (ca !== cb) return ca > cb ? -1 : 1
  }
  return 0
}

let root: boolean | null = null

/** `a.localeCompare(b)`, the same answer, without loading ICU's collation data when it is not needed. */
export function compareText(a: string, b: string): number {
  // node's environment; none in the renderer (a browser, or Electron's sandbox): localeCompare there
  root ??= rootCollation((globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env)
  return (root ? rootAsciiCompare(a, b) : null) ?? a.localeCompare(b)
}
