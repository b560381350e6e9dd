// YAML -> generic values, the way the docker CLI reads a compose file (go-yaml v3 into `any`),
// with the source position of every value and key kept beside the tree.
//
// Why not the yaml library's own schema: go-yaml v3 resolves plain scalars with Go rules that no
// YAML 1.2 schema has: `0440` is octal (288), `1_000` is 1000, `0x1F` is 31, `089` is the float 89,
// `yes`/`on` stay strings. We parse with the failsafe schema (every scalar a string) and resolve
// plain scalars ourselves. Merge keys (`<<`) are resolved here too, with go-yaml's precedence:
// explicit keys win, then the merged maps in order.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Pair, type Scalar } from 'yaml'
import { withWords } from '../i18n/words'
import { phrase, type Phrase } from '../../shared/phrase'

export type RawValue = null | boolean | number | string | RawValue[] | RawMap
export interface RawMap {
  [key: string]: RawValue
}

export interface SourcePos {
  line: number
  column: number
}

export type PathSegment = string | number

/** One key for a path inside the tree (segments joined with NUL, which YAML keys cannot hold unescaped in practice). */
export function pathKey(path: readonly PathSegment[]): string {
  return path.map(String).join('\u0000')
}

/** `services.web.ports.0.target`: the CLI's way of naming a place in the file. */
export function dottedPath(path: readonly PathSegment[]): string {
  return path.map(String).join('.')
}

export interface ParsedYaml {
  /** undefined when the text could not be parsed at all */
  value: RawValue | undefined
  valuePos: Map<string, SourcePos>
  keyPos: Map<string, SourcePos>
  /** paths whose value came from a YAML float (Go formats floats differently from ints) */
  floats: Set<string>
  /** `message` is the English of `said`; a YAML parser's own words travel as a raw value inside it */
  errors: { pos: SourcePos; message: string; said: Phrase }[]
}

export function isRawMap(value: RawValue | undefined): value is RawMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Defines a key even when it is `__proto__`. */
export function setRaw(map: RawMap, key: string, value: RawValue): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true })
}

export function hasRaw(map: RawMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key)
}

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const UINT64_MAX = 2n ** 64n - 1n

/** strconv.ParseInt(s, 0, 64) then ParseUint(s, 0, 64); null when neither accepts s. */
function goParseIntBase0(s: string): bigint | null {
  let sign = ''
  let body = s
  if (body.startsWith('+') || body.startsWith('-')) {
    sign = body[0]
    body = body.slice(1)
  }
  let literal: string
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) literal = '0x' + body.slice(2)
  else if (/^0[oO][0-7]+$/.test(body)) literal = '0o' + body.slice(2)
  else if (/^0[bB][01]+$/.test(body)) literal = '0b' + body.slice(2)
  else if (/^0[0-7]+$/.test(body)) literal = '0o' + body.slice(1)
  else if (/^[0-9]+$/.test(body) && !(body.length > 1 && body.startsWith('0'))) literal = body
  else return null
  let value = BigInt(literal)
  if (sign === '-') value = -value
  if (value >= INT64_MIN && value <= INT64_MAX) return value
  if (sign === '' && value <= UINT64_MAX) return value
  return null
}

const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/

export interface ResolvedScalar {
  value: RawValue
  float: boolean
  merge?: boolean
}

/** go-yaml v3 `resolve` for an untagged plain scalar (timestamps are left as strings). */
export function resolvePlainScalar(input: string): ResolvedScalar {
  switch (input) {
    case 'true':
    case 'True':
    case 'TRUE':
      return { value: true, float: false }
    case 'false':
    case 'False':
    case 'FALSE':
      return { value: false, float: false }
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return { value: null, float: false }
    case '.nan':
    case '.NaN':
    case '.NAN':
      return { value: Number.NaN, float: true }
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return { value: Number.POSITIVE_INFINITY, float: true }
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return { value: Number.NEGATIVE_INFINITY, float: true }
    case '<<':
      return { value: '<<', float: false, merge: true }
  }
  const first = input[0]
  if (first === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(input)) return { value: Number(input), float: true }
    return { value: input, float: false }
  }
  if (first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    const plain = input.replace(/_/g, '')
    const int = goParseIntBase0(plain)
    if (int !== null) return { value: Number(int), float: false }
    if (yamlStyleFloat.test(plain)) return { value: Number(plain), float: true }
  }
  return { value: input, float: false }
}

const STR_TAG = 'tag:yaml.org,2002:str'
const RESOLVABLE_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null'])

function resolveScalar(node: Scalar): ResolvedScalar {
  const text = node.value === null || node.value === undefined ? '' : String(node.value)
  if (node.tag === STR_TAG) return { value: text, float: false }
  if (node.tag && RESOLVABLE_TAGS.has(node.tag)) return resolvePlainScalar(text)
  if (node.tag) return { value: text, float: false }
  if (node.type === 'PLAIN' || node.type === undefined) return resolvePlainScalar(text)
  return { value: text, float: false }
}

const MAX_ALIAS_DEPTH = 64

/** the name of an alias (or of the first alias in a sequence) whose anchor is not defined */
function unknownAnchor(doc: Document.Parsed, node: Node | null): string | null {
  const items = node && isSeq(node) ? (node.items as Array<Node | null>) : [node]
  for (const item of items) if (item && isAlias(item) && !item.resolve(doc)) return item.source
  return null
}

/** The mappings a `<<` merges (one, or a sequence of them); null when one is not a mapping. */
function mergeSources(doc: Document.Parsed, node: Node | null): Node[] | null {
  const resolveMapNode = (n: Node | null): Node | null => {
    if (n && isAlias(n)) {
      const target = n.resolve(doc)
      return target && isMap(target) ? n : null
    }
    return n && isMap(n) ? n : null
  }
  if (node && isSeq(node)) {
    const out: Node[] = []
    for (const item of node.items) {
      const m = resolveMapNode(item as Node | null)
      if (!m) return null
      out.push(m)
    }
    return out
  }
  const single = resolveMapNode(node)
  return single ? [single] : null
}

/** A mapping key as go-yaml turns it into a string key. */
function keyString(doc: Document.Parsed, keyNode: Node | null): string {
  if (keyNode === null || keyNode === undefined) return ''
  if (isAlias(keyNode)) return keyString(doc, keyNode.resolve(doc) ?? null)
  if (isScalar(keyNode)) {
    const resolved = resolveScalar(keyNode)
    if (resolved.value === null) return keyNode.type === 'PLAIN' ? 'null' : ''
    if (typeof resolved.value === 'number' && resolved.float) return goFormatFloat(resolved.value)
    return String(resolved.value)
  }
  return String(keyNode.toJSON())
}

export function parseComposeYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter()
  const result: ParsedYaml = { value: undefined, valuePos: new Map(), keyPos: new Map(), floats: new Set(), errors: [] }
  const fail = (pos: SourcePos, said: Phrase): void => {
    result.errors.push(withWords({ pos, message: '', said }))
  }
  const posOf = (offset: number): SourcePos => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  let docs: Document.Parsed[]
  try {
    docs = parseAllDocuments(text, { schema: 'failsafe', lineCounter, uniqueKeys: true, prettyErrors: false }) as Document.Parsed[]
  } catch (e) {
    fail({ line: 1, column: 1 }, phrase('compose.yaml.parser', { detail: e instanceof Error ? e.message : String(e) }))
    return result
  }
  if (!Array.isArray(docs) || docs.length === 0) {
    fail({ line: 1, column: 1 }, phrase('compose.yaml.topLevelMapping'))
    return result
  }
  // go-yaml's Unmarshal reads the first document only.
  const doc = docs[0]
  for (const err of doc.errors) {
    fail(posOf(err.pos[0]), phrase('compose.yaml.parser', { detail: err.message.split('\n')[0] }))
  }
  if (result.errors.length > 0) return result

  const walk = (node: Node | null | undefined, path: PathSegment[], depth: number): RawValue => {
    const key = pathKey(path)
    if (node === null || node === undefined) return null
    if (depth > MAX_ALIAS_DEPTH) {
      fail(node.range ? posOf(node.range[0]) : { line: 1, column: 1 }, phrase('compose.yaml.aliasesTooDeep'))
      return null
    }
    if (isAlias(node)) {
      const target = node.resolve(doc)
      if (!target) {
        fail(posOf(node.range?.[0] ?? 0), phrase('compose.yaml.unknownAnchor', { name: node.source }))
        return null
      }
      return walk(target, path, depth + 1)
    }
    if (node.range) result.valuePos.set(key, posOf(node.range[0]))
    if (isScalar(node)) {
      const resolved = resolveScalar(node)
      if (resolved.float) result.floats.add(key)
      return resolved.value
    }
    if (isSeq(node)) {
      return node.items.map((item, index) => walk(item as Node | null, [...path, index], depth))
    }
    if (isMap(node)) {
      const out: RawMap = {}
      const merges: Pair[] = []
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null
        if (isScalar(keyNode) && keyNode.type === 'PLAIN' && !keyNode.tag && keyNode.value === '<<') {
          merges.push(pair)
          continue
        }
        const keyText = keyString(doc, keyNode)
        const childPath = [...path, keyText]
        if (keyNode && keyNode.range) result.keyPos.set(pathKey(childPath), posOf(keyNode.range[0]))
        setRaw(out, keyText, walk(pair.value as Node | null, childPath, depth))
        if (!result.valuePos.has(pathKey(childPath)) && keyNode?.range) result.valuePos.set(pathKey(childPath), posOf(keyNode.range[0]))
      }
      for (const pair of merges) {
        const sources = mergeSources(doc, pair.value as Node | null)
        if (sources === null) {
          const at = (pair.value as Node | null)?.range?.[0] ?? (pair.key as Node | null)?.range?.[0] ?? 0
          const missing = unknownAnchor(doc, pair.value as Node | null)
          fail(posOf(at), missing !== null ? phrase('compose.yaml.unknownAnchor', { name: missing }) : phrase('compose.yaml.mergeNeedsMap'))
          continue
        }
        for (const source of sources) {
          const merged = walk(source, path, depth + 1)
          if (!isRawMap(merged)) continue
          for (const [k, v] of Object.entries(merged)) {
            if (!hasRaw(out, k)) setRaw(out, k, v)
          }
        }
      }
      return out
    }
    return null
  }

  const value = walk(doc.contents as Node | null, [], 0)
  if (!isRawMap(value)) {
    fail({ line: 1, column: 1 }, phrase('compose.yaml.topLevelMapping'))
    return result
  }
  result.value = value
  return result
}

/** fmt.Sprint of a float64 (`%v` is `%g` with the shortest digits; exponent form when exp < -4 or exp >= 6). */
export function goFormatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Number.POSITIVE_INFINITY) return '+Inf'
  if (value === Number.NEGATIVE_INFINITY) return '-Inf'
  if (value === 0) return Object.is(value, -0) ? '-0' : '0'
  const [mantissa, expText] = value.toExponential().split('e')
  const exp = Number(expText)
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+'
    const abs = Math.abs(exp)
    return `${mantissa}e${sign}${abs < 10 ? '0' : ''}${abs}`
  }
  // Plain decimal notation with the shortest digits.
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace('-', '').replace('.', '')
  let out: string
  if (exp >= 0) {
    out = digits.length <= exp + 1 ? digits + '0'.repeat(exp + 1 - digits.length) : `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`
  } else {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`
  }
  return negative ? `-${out}` : out
}
