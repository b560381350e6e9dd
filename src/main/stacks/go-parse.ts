// Small parsers that must agree with the Go functions the docker CLI uses on compose values:
// time.ParseDuration, go-units RAMInBytes, opts.ParseCPUs (big.Rat), google/shlex Split,
// net/netip ParseAddr/ParsePrefix. Pure; written from the Go behaviour, not translated code.
// A refusal carries the Go function's English (`error`, what the CLI prints) and the same as a
// phrase (`said`, worded in the app's language).
import { wordOnRead } from '../i18n/words'
import { phrase, type Phrase } from '../../shared/phrase'

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; said: Phrase }

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
/** A refusal worded from its phrase, so the English and the phrase cannot disagree. */
export const fail = <T>(said: Phrase): Parsed<T> => wordOnRead({ ok: false, error: '', said }, 'error', said)

const DURATION_UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n, // U+00B5
  'μs': 1000n, // U+03BC
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n
}
const MAX_DURATION = 2n ** 63n

/** time.ParseDuration: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or a bare `0`. Result in nanoseconds. */
export function parseGoDuration(input: string): Parsed<number> {
  const bad = (): Parsed<number> => fail(phrase('compose.go.durationInvalid', { value: JSON.stringify(input) }))
  let s = input
  let negative = false
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    negative = s[0] === '-'
    s = s.slice(1)
  }
  if (s === '0') return ok(0)
  if (s === '') return bad()
  let total = 0n
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return bad()
    s = s.slice(m[0].length)
    const unitMatch = /^[^0-9.]+/.exec(s)
    if (!unitMatch) return fail(phrase('compose.go.durationMissingUnit', { value: JSON.stringify(input) }))
    const unitText = unitMatch[0]
    const unit = DURATION_UNITS[unitText]
    if (unit === undefined) return fail(phrase('compose.go.durationUnknownUnit', { unit: JSON.stringify(unitText), value: JSON.stringify(input) }))
    s = s.slice(unitText.length)
    let v = m[1] === '' ? 0n : BigInt(m[1])
    if (v > MAX_DURATION / unit) return bad()
    v *= unit
    const fraction = m[2] ?? ''
    if (fraction !== '' && /[1-9]/.test(fraction)) {
      // Go keeps at most what fits in an int64 fraction and scales with float64.
      let f = 0n
      let scale = 1
      for (const ch of fraction) {
        if (f > (2n ** 63n - 1n) / 10n) break
        f = f * 10n + BigInt(ch.charCodeAt(0) - 48)
        scale *= 10
      }
      v += BigInt(Math.floor(Number(f) * (Number(unit) / scale)))
      if (v > MAX_DURATION) return bad()
    }
    total += v
    if (total > MAX_DURATION) return bad()
  }
  if (!negative && total > MAX_DURATION - 1n) return bad()
  return ok(Number(negative ? -total : total))
}

const RAM_UNITS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }

/** go-units RAMInBytes: every multiplier binary, optional `b`/`ib`, fractions truncated. */
export function parseRAMInBytes(input: string): Parsed<number> {
  let sep = -1
  for (let i = input.length - 1; i >= 0; i--) {
    if ('01234567890. '.includes(input[i])) {
      sep = i
      break
    }
  }
  if (sep === -1) return fail(phrase('compose.go.sizeInvalid', { value: input }))
  let num: string
  let suffix: string
  if (input[sep] !== ' ') {
    num = input.slice(0, sep + 1)
    suffix = input.slice(sep + 1)
  } else {
    num = input.slice(0, sep)
    suffix = input.slice(sep + 1)
  }
  const size = goParseFloat(num)
  if (size === null) return fail(phrase('compose.cast.floatSyntax', { value: JSON.stringify(num) }))
  if (size < 0) return fail(phrase('compose.go.sizeInvalid', { value: input }))
  if (suffix.length === 0) return ok(Math.trunc(size))
  const badSuffix = (): Parsed<number> => fail(phrase('compose.go.sizeSuffix', { suffix: suffix.length > 3 ? suffix : suffix.toLowerCase() }))
  if (suffix.length > 3) return badSuffix()
  const lower = suffix.toLowerCase()
  if (lower[0] === 'b') return lower.length > 1 ? badSuffix() : ok(Math.trunc(size))
  const mul = RAM_UNITS[lower[0]]
  if (mul === undefined) return badSuffix()
  if (lower.length === 2 && lower[1] !== 'b') return badSuffix()
  if (lower.length === 3 && lower.slice(1) !== 'ib') return badSuffix()
  return ok(Math.trunc(size * mul))
}

/** strconv.ParseFloat for the decimal forms (plus inf/nan); null when Go would refuse it. */
export function goParseFloat(input: string): number | null {
  const lower = input.toLowerCase()
  if (/^[+-]?(inf|infinity)$/.test(lower)) return lower.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  if (/^[+-]?nan$/.test(lower)) return Number.NaN
  if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(input)) return Number(input)
  return null
}

interface Rational {
  num: bigint
  den: bigint
}

function parseRationalInt(text: string): bigint | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(text)
  if (!m) return null
  const body = m[2]
  let value: bigint
  if (/^0[0-7]+$/.test(body)) value = BigInt('0o' + body.slice(1))
  else value = BigInt(body)
  return m[1] === '-' ? -value : value
}

/** big.Rat SetString for the forms a compose `cpus` value uses: `a/b`, decimals, exponents. */
function parseRational(input: string): Rational | null {
  const slash = input.indexOf('/')
  if (slash >= 0) {
    const num = parseRationalInt(input.slice(0, slash))
    const den = parseRationalInt(input.slice(slash + 1))
    if (num === null || den === null || den === 0n || input.slice(slash + 1).startsWith('-') || input.slice(slash + 1).startsWith('+')) return null
    return { num, den }
  }
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(input)
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null
  const intPart = m[2]
  const frac = m[3] ?? ''
  let num = BigInt((intPart || '0') + frac)
  let den = 10n ** BigInt(frac.length)
  const exp = m[4] ? Number(m[4]) : 0
  if (Math.abs(exp) > 10_000) return null
  if (exp > 0) num *= 10n ** BigInt(exp)
  if (exp < 0) den *= 10n ** BigInt(-exp)
  if (m[1] === '-') num = -num
  return { num, den }
}

/** opts.ParseCPUs: a rational number of CPUs times 1e9, which must be a whole number. */
export function parseCPUs(input: string): Parsed<number> {
  const rat = parseRational(input)
  if (!rat) return fail(phrase('compose.go.cpusRational', { value: input }))
  const scaled = rat.num * 1_000_000_000n
  if (scaled % rat.den !== 0n) return fail(phrase('compose.go.cpusPrecise'))
  return ok(Number(scaled / rat.den))
}

/** google/shlex Split: whitespace-separated words, '...' literal, "..." with backslash escapes, `#` starts a comment at a word start. */
export function shlexSplit(input: string): Parsed<string[]> {
  const words: string[] = []
  type State = 'start' | 'word' | 'escape' | 'quotedEscape' | 'double' | 'single' | 'comment'
  let state: State = 'start'
  let word = ''
  let isWord = false
  const space = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n'
  const chars = Array.from(input)
  for (let i = 0; i <= chars.length; i++) {
    const c = i < chars.length ? chars[i] : null
    switch (state) {
      case 'start':
        if (c === null) return ok(words)
        if (space(c)) break
        isWord = true
        if (c === '"') state = 'double'
        else if (c === "'") state = 'single'
        else if (c === '\\') state = 'escape'
        else if (c === '#') {
          isWord = false
          state = 'comment'
        } else {
          word += c
          state = 'word'
        }
        break
      case 'word':
        if (c === null || space(c)) {
          words.push(word)
          word = ''
          isWord = false
          if (c === null) return ok(words)
          state = 'start'
        } else if (c === '"') state = 'double'
        else if (c === "'") state = 'single'
        else if (c === '\\') state = 'escape'
        else word += c
        break
      case 'escape':
        if (c === null) return fail(phrase('compose.go.shlexEscape'))
        word += c
        state = 'word'
        break
      case 'quotedEscape':
        if (c === null) return fail(phrase('compose.go.shlexEscape'))
        word += c
        state = 'double'
        break
      case 'double':
        if (c === null) return fail(phrase('compose.go.shlexQuote'))
        if (c === '"') state = 'word'
        else if (c === '\\') state = 'quotedEscape'
        else word += c
        break
      case 'single':
        if (c === null) return fail(phrase('compose.go.shlexQuote'))
        if (c === "'") state = 'word'
        else word += c
        break
      case 'comment':
        if (c === null) return ok(words)
        if (c === '\n') state = 'start'
        break
    }
  }
  if (isWord) words.push(word)
  return ok(words)
}

// ---- net/netip ----

function parseIPv4(s: string): number[] | null {
  const parts = s.split('.')
  if (parts.length !== 4) return null
  const out: number[] = []
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return null
    const n = Number(p)
    if (n > 255) return null
    out.push(n)
  }
  return out
}

/** 16-bit groups of an IPv6 address (no zone), or null. */
function parseIPv6(s: string): number[] | null {
  let text = s
  let tail: number[] = []
  const lastColon = text.lastIndexOf(':')
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(text.slice(lastColon + 1))
    if (!v4) return null
    tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]]
    text = text.slice(0, lastColon + 1)
    if (!text.endsWith('::')) text = text.slice(0, -1)
  }
  const halves = text.split('::')
  if (halves.length > 2) return null
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return []
    const out: number[] = []
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null
      out.push(parseInt(g, 16))
    }
    return out
  }
  const want = 8 - tail.length
  if (halves.length === 1) {
    const groups = parseGroups(halves[0])
    if (!groups || groups.length !== want) return null
    return [...groups, ...tail]
  }
  const head = parseGroups(halves[0])
  const rest = parseGroups(halves[1])
  if (!head || !rest || head.length + rest.length > want - 1) return null
  return [...head, ...new Array<number>(want - head.length - rest.length).fill(0), ...rest, ...tail]
}

function formatIPv6(groups: number[], zone: string): string {
  // RFC 5952: longest run (>= 2) of zero groups becomes `::`, first one on ties; IPv4-mapped keeps the dotted tail.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${groups[6] >> 8}.${groups[6] & 0xff}.${groups[7] >> 8}.${groups[7] & 0xff}${zone ? '%' + zone : ''}`
  }
  let bestStart = -1
  let bestLen = 0
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i
      bestLen = j - i
    }
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  let out: string
  if (bestStart < 0) out = hex.join(':')
  else out = `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`
  return out + (zone ? '%' + zone : '')
}

/** netip.ParseAddr then String(): the canonical text of an IP address, or null. */
export function canonicalIP(input: string): string | null {
  if (input.includes(':')) {
    const pct = input.indexOf('%')
    const zone = pct >= 0 ? input.slice(pct + 1) : ''
    if (pct >= 0 && zone === '') return null
    const groups = parseIPv6(pct >= 0 ? input.slice(0, pct) : input)
    return groups ? formatIPv6(groups, zone) : null
  }
  const v4 = parseIPv4(input)
  return v4 ? v4.join('.') : null
}

/** netip.ParsePrefix then String(), or null (the CLI then sends an empty IPAM config entry). */
export function canonicalPrefix(input: string): string | null {
  const slash = input.lastIndexOf('/')
  if (slash < 0) return null
  const addrText = input.slice(0, slash)
  const bitsText = input.slice(slash + 1)
  if (addrText.includes('%')) return null
  const addr = canonicalIP(addrText)
  if (!addr || !/^[0-9]{1,3}$/.test(bitsText) || (bitsText.length > 1 && bitsText[0] === '0')) return null
  const bits = Number(bitsText)
  if (bits > (addrText.includes(':') ? 128 : 32)) return null
  return `${addr}/${bits}`
}

/** net.ParseIP accepts the same addresses as netip.ParseAddr minus zones. */
export function isNetIP(input: string): boolean {
  return !input.includes('%') && canonicalIP(input) !== null
}

/** fmt.Sprint of an integer or float value as Go prints what go-yaml decoded. */
export function goFormatInt(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(Math.trunc(value)).toString()
}
