/**
 * Placement constraints, parsed exactly the way swarmkit parses them
 * (moby/swarmkit manager/constraint/constraint.go, the code Docker 20.10 runs):
 *
 *  - each expression is `key op value`; the operators are tried in the order `==`, then `!=`, and
 *    the expression is split at the FIRST occurrence of the first operator it contains;
 *  - key and value are trimmed with Go's `strings.TrimSpace` (Unicode white space);
 *  - the key must match `^(?i)[a-z_][a-z0-9\-_.]+$` (so at least two characters), the value
 *    `^(?i)[a-z0-9:\-_\s\.\*\(\)\?\+\[\]\\\^\$\|\/]+$` (no `=`, `,`, quotes, `<`, `>`, `~`);
 *  - the error texts are swarmkit's own ("key 'x' is invalid", "value 'x' is invalid",
 *    "constraint expected one operator from ==, !=").
 *
 * Keys the scheduler does not know (`labels.zone`, `node.label.zone`, `node.hostnme`) are NOT
 * syntax errors: the engine accepts the service and then no node ever matches, whatever the
 * operator. They are reported as warnings with a suggestion.
 *
 * Every message and suggestion is a phrase (`placement.said.constraint.*`): the app words it in the
 * user's language, `message`/`suggestion` keep the English the CLI prints. `fix` is the whole
 * corrected expression when a suggestion proposes one (the app's one-click fix), else null.
 *
 * Pure: no I/O, no Node imports.
 */
import { withWords, wordOnRead } from '../i18n/words'
import { phrase, type Phrase } from '../../shared/phrase'

export type Operator = '==' | '!='

export type ConstraintField =
  | 'node.id'
  | 'node.hostname'
  | 'node.ip'
  | 'node.role'
  | 'node.platform.os'
  | 'node.platform.arch'
  | 'node.labels'
  | 'engine.labels'
  /** Accepted by the parser, matched by no node (swarmkit's `default: return false`). */
  | 'unknown'

export interface Constraint {
  /** Position in the list given to `parseConstraints`. */
  index: number
  expression: string
  /** The key as written, trimmed (swarmkit keeps it as written; only the prefixes are case-insensitive). */
  key: string
  field: ConstraintField
  /** For node.labels / engine.labels: the label key, case-sensitive, as written after the prefix. */
  label: string
  operator: Operator
  /** The value as written, trimmed. Compared case-insensitively (Go's strings.EqualFold), literally: `*` is no wildcard. */
  value: string
  /** `value` folded for comparison with `foldValue`. */
  folded: string
}

export interface ConstraintIssue {
  index: number
  expression: string
  message: string
  said: Phrase
  suggestion?: string
  suggestionSaid?: Phrase
  /** The corrected expression a suggestion proposes as a drop-in replacement, or null. */
  fix: string | null
}

/** A suggestion as a phrase, with the replacement expression it proposes (null when it is advice only). */
interface Suggestion {
  said: Phrase
  fix: string | null
}

function advice(said: Phrase): Suggestion {
  return { said, fix: null }
}

export interface ParsedConstraints {
  constraints: Constraint[]
  /** What the engine refuses: creating or updating the service fails with the first of these messages. */
  errors: ConstraintIssue[]
  /** Accepted by the engine but almost certainly not what was meant (unknown key, wildcard, role value...). */
  warnings: ConstraintIssue[]
}

export const NODE_LABEL_PREFIX = 'node.labels.'
export const ENGINE_LABEL_PREFIX = 'engine.labels.'
const OPERATORS: readonly Operator[] = ['==', '!=']

// Go's (?i) folds k to the Kelvin sign (U+212A) and s to the long s (U+017F): both are accepted.
const KEY_PATTERN = /^[A-Za-z_\u212A\u017F][A-Za-z0-9\-_.\u212A\u017F]+$/
// Go's \s is [\t\n\f\r ] (ASCII only, no \v).
const VALUE_PATTERN = /^[A-Za-z0-9:\-_\t\n\f\r .*()?+[\]\\^$|/\u212A\u017F]+$/

/** Go's unicode.IsSpace, which strings.TrimSpace uses (differs from String.prototype.trim: U+0085 yes, U+FEFF no). */
function isGoSpace(code: number): boolean {
  switch (code) {
    case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20: case 0x85: case 0xa0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
      return true
    default:
      return code >= 0x2000 && code <= 0x200a
  }
}

export function goTrimSpace(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && isGoSpace(text.charCodeAt(start))) start++
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--
  return start === 0 && end === text.length ? text : text.slice(start, end)
}

/**
 * Fold a string so that `foldValue(a) === foldValue(b)` exactly when Go's `strings.EqualFold(a, b)`
 * holds, given that one side is a constraint value (ASCII plus K/ſ, enforced by the value pattern):
 * ASCII letters to lower case, the Kelvin sign to k, the long s to s; everything else unchanged.
 */
export function foldValue(text: string): string {
  let plain = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 65 && c <= 90) || c === 0x212a || c === 0x17f) {
      plain = false
      break
    }
  }
  if (plain) return text
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32)
    else if (c === 0x212a) out += 'k'
    else if (c === 0x17f) out += 's'
    else out += text[i]
  }
  return out
}

/** Go's `len(key) > len(prefix) && strings.EqualFold(key[:len(prefix)], prefix)` (byte slicing: the prefix must be ASCII). */
export function labelAfterPrefix(key: string, prefix: string): string | null {
  if (key.length <= prefix.length) return null
  for (let i = 0; i < prefix.length; i++) {
    const c = key.charCodeAt(i)
    if (c > 127) return null
    const lower = c >= 65 && c <= 90 ? c + 32 : c
    if (lower !== prefix.charCodeAt(i)) return null
  }
  return key.slice(prefix.length)
}

/** The field a key selects, in swarmkit's NodeMatches order. */
export function fieldOfKey(key: string): { field: ConstraintField; label: string } {
  const folded = foldValue(key)
  switch (folded) {
    case 'node.id':
    case 'node.hostname':
    case 'node.ip':
    case 'node.role':
    case 'node.platform.os':
    case 'node.platform.arch':
      return { field: folded, label: '' }
  }
  const nodeLabel = labelAfterPrefix(key, NODE_LABEL_PREFIX)
  if (nodeLabel !== null) return { field: 'node.labels', label: nodeLabel }
  const engineLabel = labelAfterPrefix(key, ENGINE_LABEL_PREFIX)
  if (engineLabel !== null) return { field: 'engine.labels', label: engineLabel }
  return { field: 'unknown', label: '' }
}

export function parseConstraints(expressions: readonly string[]): ParsedConstraints {
  const constraints: Constraint[] = []
  const errors: ConstraintIssue[] = []
  const warnings: ConstraintIssue[] = []
  expressions.forEach((expression, index) => {
    const result = parseOne(expression, index)
    if ('error' in result) {
      errors.push(result.error)
      return
    }
    constraints.push(result.constraint)
    warnings.push(...warningsFor(result.constraint))
  })
  return { constraints, errors, warnings }
}

export function parseConstraint(expression: string, index = 0): { constraint: Constraint } | { error: ConstraintIssue } {
  return parseOne(expression, index)
}

function parseOne(expression: string, index: number): { constraint: Constraint } | { error: ConstraintIssue } {
  for (const operator of OPERATORS) {
    const at = expression.indexOf(operator)
    if (at < 0) continue
    const key = goTrimSpace(expression.slice(0, at))
    if (!KEY_PATTERN.test(key)) {
      return { error: issue(index, expression, phrase('placement.said.constraint.key-invalid', { name: key }), keySuggestion(key, expression, operator)) }
    }
    const value = goTrimSpace(expression.slice(at + operator.length))
    if (!VALUE_PATTERN.test(value)) {
      return { error: issue(index, expression, phrase('placement.said.constraint.value-invalid', { value }), valueSuggestion(key, operator, value)) }
    }
    const { field, label } = fieldOfKey(key)
    return { constraint: { index, expression, key, field, label, operator, value, folded: foldValue(value) } }
  }
  return { error: issue(index, expression, phrase('placement.said.constraint.operator-expected', { operators: OPERATORS.join(', ') }), operatorSuggestion(expression)) }
}

function issue(index: number, expression: string, said: Phrase, suggestion: Suggestion | undefined): ConstraintIssue {
  if (suggestion === undefined) return withWords({ index, expression, message: '', said, fix: null })
  return wordOnRead(withWords({ index, expression, message: '', said, suggestion: '', suggestionSaid: suggestion.said, fix: suggestion.fix }), 'suggestion', suggestion.said)
}

// ---------------------------------------------------------------------------------------------
// Suggestions

const KNOWN_KEYS = ['node.id', 'node.hostname', 'node.ip', 'node.role', 'node.platform.os', 'node.platform.arch'] as const

/** Common misspellings that edit distance alone would not find, or would find wrongly. */
const ALIASES: Record<string, string> = {
  'node.name': 'node.hostname',
  'node.host': 'node.hostname',
  'node.os': 'node.platform.os',
  'node.arch': 'node.platform.arch',
  'node.architecture': 'node.platform.arch',
  'node.platform.architecture': 'node.platform.arch',
  'node.platform.system': 'node.platform.os',
  'node.address': 'node.ip',
  'node.addr': 'node.ip',
  'node.type': 'node.role',
  'node.roles': 'node.role'
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  let previous = new Array<number>(b.length + 1)
  let current = new Array<number>(b.length + 1)
  for (let j = 0; j <= b.length; j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    ;[previous, current] = [current, previous]
  }
  return previous[b.length]
}

/** The key the user most likely meant, or null. Keeps the label part as written (labels are case-sensitive). */
export function suggestKey(key: string): string | null {
  const folded = foldValue(key)
  if (ALIASES[folded]) return ALIASES[folded]
  // Label prefixes: labels.x, label.x, node.label.x, nodes.labels.x, node.lables.x, node-labels.x, engine.label.x ...
  const labelMatch = /^(?:(node|nodes|engine|engines)[.\-_])?(labels?|lables?|lable|lbl|lbls|tags?)[.\-_](.+)$/i.exec(key)
  if (labelMatch) {
    const owner = (labelMatch[1] ?? 'node').toLowerCase().startsWith('engine') ? 'engine' : 'node'
    return `${owner}.labels.${labelMatch[3]}`
  }
  // node.labelsx / node.labels (no dot, no key) cannot be fixed reliably.
  const dot = folded.indexOf('.')
  const head = dot < 0 ? folded : folded.slice(0, dot)
  // Misspelt prefix with a label key after it: nod.labels.zone, node.lbels.zone.
  const parts = key.split('.')
  if (parts.length >= 3) {
    const prefix = `${parts[0]}.${parts[1]}.`.toLowerCase()
    const rest = parts.slice(2).join('.')
    for (const candidate of [NODE_LABEL_PREFIX, ENGINE_LABEL_PREFIX]) {
      if (prefix !== candidate && editDistance(prefix, candidate) <= 2) return `${candidate}${rest}`
    }
  }
  let best: string | null = null
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of KNOWN_KEYS) {
    const distance = editDistance(folded, candidate)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 4))) return best
  // hostname, role, os... without the node. prefix.
  if (dot < 0) {
    for (const candidate of KNOWN_KEYS) {
      if (candidate.endsWith(`.${head}`)) return candidate
    }
    if (ALIASES[`node.${head}`]) return ALIASES[`node.${head}`]
  }
  return null
}

function keySuggestion(key: string, expression: string, operator: Operator): Suggestion | undefined {
  if (key === '') return advice(phrase('placement.said.constraint.put-key-first', { operator }))
  if (operator === '==' && key.endsWith('!')) return advice(phrase('placement.said.constraint.not-bang-equal'))
  if (/^["'`].*["'`]$/.test(key) || /["'`]/.test(key)) return advice(phrase('placement.said.constraint.key-quotes', { name: key.replace(/["'`]/g, '') }))
  if (/\s/.test(key)) {
    const joined = key.replace(/\s+/g, '')
    return advice(phrase('placement.said.constraint.key-spaces', { name: joined }))
  }
  if (/^[0-9]/.test(key)) return advice(phrase('placement.said.constraint.key-first-char'))
  if (key.length === 1) return advice(phrase('placement.said.constraint.key-too-short', { name: key }))
  if (/[<>~]/.test(key)) return advice(phrase('placement.said.constraint.only-operators'))
  if (/[=!]/.test(key) && expression.includes('!=') && expression.includes('==')) return advice(phrase('placement.said.constraint.one-operator'))
  return undefined
}

function valueSuggestion(key: string, operator: Operator, value: string): Suggestion | undefined {
  if (value === '') {
    return operator === '=='
      ? advice(phrase('placement.said.constraint.value-missing-equal', { name: key }))
      : advice(phrase('placement.said.constraint.value-missing-not-equal', { name: key }))
  }
  const unquoted = value.replace(/^["'`](.*)["'`]$/s, '$1')
  if (unquoted !== value && VALUE_PATTERN.test(goTrimSpace(unquoted))) {
    const fix = `${key} ${operator} ${goTrimSpace(unquoted)}`
    return { said: phrase('placement.said.constraint.value-quotes', { fix }), fix }
  }
  if (value.startsWith('=')) {
    const fix = `${key} ${operator} ${goTrimSpace(value.replace(/^=+/, ''))}`
    return { said: phrase('placement.said.constraint.operator-once', { operator, fix }), fix }
  }
  if (value.includes('==') || value.includes('!=')) return advice(phrase('placement.said.constraint.one-operator'))
  if (value.includes(',')) return advice(phrase('placement.said.constraint.one-value'))
  if (/[<>~]/.test(value)) return advice(phrase('placement.said.constraint.only-operators'))
  return undefined
}

function operatorSuggestion(expression: string): Suggestion {
  const trimmed = goTrimSpace(expression)
  if (trimmed === '') return advice(phrase('placement.said.constraint.write-key-value'))
  const single = /^([^=!<>~:]+?)\s*(=|:|===|=~|~=|<>|!|=!|>=|<=|>|<|~| is not | is | eq | ne )\s*(.+)$/i.exec(trimmed)
  if (single) {
    const [, key, op, value] = single
    const negative = ['<>', '!', '=!', ' is not ', ' ne '].includes(op.toLowerCase())
    const replacement = negative ? '!=' : '=='
    if (['>=', '<=', '>', '<', '~', '=~', '~='].includes(op)) {
      // Not a drop-in fix: == is not what a comparison meant.
      return advice(phrase('placement.said.constraint.no-comparison', { example: `${goTrimSpace(key)} == ${goTrimSpace(value)}` }))
    }
    const fix = `${goTrimSpace(key)} ${replacement} ${goTrimSpace(value)}`
    return { said: phrase('placement.said.constraint.use-operator', { operator: replacement, fix }), fix }
  }
  return advice(phrase('placement.said.constraint.write-key-or-value'))
}

function warningsFor(constraint: Constraint): ConstraintIssue[] {
  const out: ConstraintIssue[] = []
  const { index, expression, key, field, value, operator } = constraint
  if (field === 'unknown') {
    const suggestion = suggestKey(key)
    const fix = suggestion === null ? null : `${suggestion} ${operator} ${value}`
    const said =
      operator === '!='
        ? phrase('placement.said.constraint.unknown-key-not-equal', { name: key })
        : phrase('placement.said.constraint.unknown-key-equal', { name: key })
    out.push(issue(index, expression, said, fix === null ? undefined : { said: phrase('placement.said.constraint.did-you-mean', { fix }), fix }))
    return out
  }
  if (/[*?]/.test(value) && field !== 'node.ip') {
    out.push(issue(index, expression, phrase('placement.said.constraint.literal', { value }), undefined))
  }
  if (field === 'node.role') {
    const role = constraint.folded
    if (role !== 'manager' && role !== 'worker') {
      const guess = editDistance(role, 'manager') <= editDistance(role, 'worker') ? 'manager' : 'worker'
      const said = operator === '==' ? phrase('placement.said.constraint.role-matches-none', { value }) : phrase('placement.said.constraint.role-matches-all', { value })
      const fix = `${key} ${operator} ${guess}`
      out.push(issue(index, expression, said, { said: phrase('placement.said.constraint.did-you-mean', { fix }), fix }))
    }
  }
  return out
}
