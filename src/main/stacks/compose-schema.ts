// Validation against the compose JSON schemas the docker CLI embeds (vendored as-is in ./schema).
// The schemas are draft-04 with `id` fragments; Ajv 8 reads them once `id`/`$schema` are dropped
// (all `$ref`s are local `#/definitions/...`). Formats are checked like the CLI's gojsonschema
// checkers: `duration` with time.ParseDuration, `ports` with nat.ParsePortSpec, `expose` unchecked.
//
// Ajv reports every failing branch of a `oneOf`; we keep the errors that explain the problem
// (the deepest ones, then non-type errors, then a merged "must be a string or list").
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import { parseGoDuration } from './go-parse'
import { isRawMap, type PathSegment, type RawMap, type RawValue } from './compose-yaml'
import { parsePortSpec } from './port-volume-spec'
import { withWords } from '../i18n/words'
import { phrase, type Phrase, type PhraseValue } from '../../shared/phrase'
import v30 from './schema/config_schema_v3.0.json'
import v31 from './schema/config_schema_v3.1.json'
import v32 from './schema/config_schema_v3.2.json'
import v33 from './schema/config_schema_v3.3.json'
import v34 from './schema/config_schema_v3.4.json'
import v35 from './schema/config_schema_v3.5.json'
import v36 from './schema/config_schema_v3.6.json'
import v37 from './schema/config_schema_v3.7.json'
import v38 from './schema/config_schema_v3.8.json'
import v39 from './schema/config_schema_v3.9.json'
import v310 from './schema/config_schema_v3.10.json'
import v311 from './schema/config_schema_v3.11.json'
import v312 from './schema/config_schema_v3.12.json'
import v313 from './schema/config_schema_v3.13.json'

export const DEFAULT_COMPOSE_VERSION = '3.13'

const SCHEMAS: Record<string, unknown> = {
  '3.0': v30,
  '3.1': v31,
  '3.2': v32,
  '3.3': v33,
  '3.4': v34,
  '3.5': v35,
  '3.6': v36,
  '3.7': v37,
  '3.8': v38,
  '3.9': v39,
  '3.10': v310,
  '3.11': v311,
  '3.12': v312,
  '3.13': v313
}

/** schema.Version: the `version` value printed with Go's %v; missing, "" or "3" mean 3.13. */
export function composeVersionOf(raw: RawValue | undefined, formatScalar: (v: RawValue) => string): string {
  if (!isRawMap(raw) || !Object.prototype.hasOwnProperty.call(raw, 'version')) return DEFAULT_COMPOSE_VERSION
  return normalizeComposeVersion(formatScalar(raw.version))
}

export function normalizeComposeVersion(version: string): string {
  return version === '' || version === '3' ? DEFAULT_COMPOSE_VERSION : version
}

function prepareSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(prepareSchema)
  if (typeof node !== 'object' || node === null) return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'id' || key === '$schema') && typeof value === 'string') continue
    out[key] = prepareSchema(value)
  }
  // Ajv binds a format to one data type; the CLI checks `ports` on numbers and strings.
  if (out.type === 'number' && out.format === 'ports') out.format = 'ports-number'
  return out
}

let ajv: Ajv | null = null
const validators = new Map<string, ValidateFunction>()

function validatorFor(version: string): ValidateFunction | null {
  const schema = SCHEMAS[version]
  if (!schema) return null
  let validate = validators.get(version)
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false })
      ajv.addFormat('duration', { type: 'string', validate: (s: string) => parseGoDuration(s).ok })
      ajv.addFormat('ports', { type: 'string', validate: (s: string) => parsePortSpec(s).ok })
      ajv.addFormat('ports-number', { type: 'number', validate: (n: number) => Number.isInteger(n) && parsePortSpec(String(n)).ok })
      ajv.addFormat('expose', { type: 'string', validate: () => true })
    }
    validate = ajv.compile(prepareSchema(schema) as object)
    validators.set(version, validate)
  }
  return validate
}

export interface SchemaIssue {
  /** where the problem is: the value, or for an unknown field the field itself */
  path: PathSegment[]
  /** true when the position should be the key of `path`, not its value */
  atKey: boolean
  /** the English of `said` */
  message: string
  said: Phrase
}

const issueAt = (path: PathSegment[], atKey: boolean, said: Phrase): SchemaIssue => withWords({ path, atKey, message: '', said })

type TypeName = 'mapping' | 'list' | 'string' | 'number' | 'integer' | 'boolean' | 'null'

const TYPE_NAMES: Record<string, TypeName> = {
  object: 'mapping',
  array: 'list',
  string: 'string',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  null: 'null'
}

/** The first type of a list, with its article in English ("an integer"). */
const FIRST_TYPE: Record<TypeName, Phrase> = {
  mapping: phrase('compose.types.first.mapping'),
  list: phrase('compose.types.first.list'),
  string: phrase('compose.types.first.string'),
  number: phrase('compose.types.first.number'),
  integer: phrase('compose.types.first.integer'),
  boolean: phrase('compose.types.first.boolean'),
  null: phrase('compose.types.first.null')
}

/** A later type of a list: bare in English ("a string, number or null"), with its article in French. */
const NEXT_TYPE: Record<TypeName, Phrase> = {
  mapping: phrase('compose.types.next.mapping'),
  list: phrase('compose.types.next.list'),
  string: phrase('compose.types.next.string'),
  number: phrase('compose.types.next.number'),
  integer: phrase('compose.types.next.integer'),
  boolean: phrase('compose.types.next.boolean'),
  null: phrase('compose.types.next.null')
}

const isTypeName = (name: string): name is TypeName => Object.prototype.hasOwnProperty.call(FIRST_TYPE, name)

function firstType(name: string): Phrase {
  if (isTypeName(name)) return FIRST_TYPE[name]
  return /^[aeiou]/.test(name) ? phrase('compose.types.first.namedAn', { name }) : phrase('compose.types.first.namedA', { name })
}

function nextType(name: string): Phrase {
  return isTypeName(name) ? NEXT_TYPE[name] : phrase('compose.types.next.named', { name })
}

/** "a X", "a X or Y", "a X, Y or Z": the last two joined by "or", the others by commas. */
function typeList(names: string[], first = true): Phrase {
  const head = first ? firstType(names[0]) : nextType(names[0])
  if (names.length === 1) return head
  if (names.length === 2) return phrase('compose.types.or', { first: head, last: nextType(names[1]) })
  return phrase('compose.types.comma', { first: head, rest: typeList(names.slice(1), false) })
}

function typePhrase(subject: PhraseValue, types: string[]): Phrase {
  const names = [...new Set(types.map((t) => TYPE_NAMES[t] ?? t))]
  return phrase('compose.schema.type', { subject, types: typeList(names) })
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) dp[0][j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
  }
  return dp[a.length][b.length]
}

export function suggestField(field: string, known: string[]): string | undefined {
  let best: string | undefined
  let bestScore = Infinity
  for (const candidate of known) {
    const score = levenshtein(field.toLowerCase(), candidate.toLowerCase())
    if (score < bestScore) {
      best = candidate
      bestScore = score
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(field.length / 3)))
  return best !== undefined && bestScore <= limit ? best : undefined
}

/** JSON pointer -> path segments, with numbers where the data holds a list. */
function pointerToPath(pointer: string, data: RawValue): PathSegment[] {
  if (pointer === '') return []
  const out: PathSegment[] = []
  let node: RawValue | undefined = data
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(node)) {
      const index = Number(seg)
      out.push(index)
      node = node[index]
    } else {
      out.push(seg)
      node = isRawMap(node) ? node[seg] : undefined
    }
  }
  return out
}

const dotted = (path: PathSegment[]): string => path.map(String).join('.')

/** What a place is called in a message: its dotted path, or "the file" for the root. */
function subjectOf(path: PathSegment[]): PhraseValue {
  const where = dotted(path)
  return where === '' ? phrase('compose.subject.file') : where
}

function describe(error: ErrorObject, path: PathSegment[]): SchemaIssue | null {
  const subject = subjectOf(path)
  switch (error.keyword) {
    case 'type': {
      const t = (error.params as { type: string | string[] }).type
      return issueAt(path, false, typePhrase(subject, Array.isArray(t) ? t : String(t).split(',')))
    }
    case 'additionalProperties': {
      const field = (error.params as { additionalProperty: string }).additionalProperty
      const parent = error.parentSchema as { properties?: Record<string, unknown>; patternProperties?: Record<string, unknown> } | undefined
      const known = Object.keys(parent?.properties ?? {})
      const fieldPath = [...path, field]
      if (known.length === 0 && parent?.patternProperties) {
        const patterns = Object.keys(parent.patternProperties).filter((p) => p !== '^x-')
        return issueAt(fieldPath, true, phrase('compose.schema.unknownName', { subject, field, patterns: patterns.join(', ') }))
      }
      const suggestion = suggestField(field, known)
      return issueAt(
        fieldPath,
        true,
        suggestion ? phrase('compose.schema.unknownFieldSuggest', { subject, field, suggestion }) : phrase('compose.schema.unknownField', { subject, field })
      )
    }
    case 'format': {
      const format = (error.params as { format: string }).format
      if (format === 'duration') return issueAt(path, false, phrase('compose.schema.duration', { subject }))
      if (format === 'ports' || format === 'ports-number') return issueAt(path, false, phrase('compose.schema.port', { subject }))
      return issueAt(path, false, phrase('compose.schema.format', { subject, format }))
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues
      return issueAt(path, false, phrase('compose.schema.enum', { subject, allowed: allowed.map(String).join(', ') }))
    }
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty
      return issueAt(path, false, phrase('compose.schema.required', { subject, field: missing }))
    }
    case 'minimum':
      return issueAt(path, false, phrase('compose.schema.minimum', { subject, limit: String((error.params as { limit: number }).limit) }))
    case 'uniqueItems': {
      const { i, j } = error.params as { i: number; j: number }
      return issueAt(path, false, phrase('compose.schema.duplicates', { subject, first: j, second: i }))
    }
    case 'oneOf':
    case 'anyOf':
      return issueAt(path, false, phrase('compose.schema.oneOf', { subject }))
    default:
      // ajv's own words for a keyword the compose schemas rarely use
      return issueAt(path, false, error.message ? phrase('compose.schema.ajv', { subject, detail: error.message }) : phrase('compose.schema.invalid', { subject }))
  }
}

export type SchemaValidation = { version: string; issues: SchemaIssue[] } | { version: string; unsupported: true }

/** schema.Validate; returns every problem, each once, in document order of paths. */
export function validateCompose(config: RawMap, version: string): SchemaValidation {
  const validate = validatorFor(version)
  if (!validate) return { version, unsupported: true }
  if (validate(config)) return { version, issues: [] }
  const errors = (validate.errors ?? []).map((error) => ({ error, path: pointerToPath(error.instancePath, config) }))
  const keyOf = (p: PathSegment[]): string => p.map(String).join('\u0000')
  const isBelow = (child: PathSegment[], parent: PathSegment[]): boolean =>
    child.length > parent.length && parent.every((seg, i) => String(seg) === String(child[i]))

  const kept: { error: ErrorObject; path: PathSegment[] }[] = []
  for (const entry of errors) {
    const { error, path } = entry
    const deeper = errors.some((other) => isBelow(other.path, path))
    const sameNonSummary = errors.filter((other) => keyOf(other.path) === keyOf(path) && other.error.keyword !== 'type' && other.error.keyword !== 'oneOf' && other.error.keyword !== 'anyOf')
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      // a summary: only useful when nothing else explains the failure
      const explained = errors.some((other) => other !== entry && (keyOf(other.path) === keyOf(path) || isBelow(other.path, path)))
      if (!explained) kept.push(entry)
      continue
    }
    if (error.keyword === 'type' && (deeper || sameNonSummary.length > 0)) continue
    kept.push(entry)
  }

  // Merge the type errors left at one place into one "must be a X or Y".
  const issues: SchemaIssue[] = []
  const typeGroups = new Map<string, { path: PathSegment[]; types: string[] }>()
  const seen = new Set<string>()
  for (const { error, path } of kept) {
    if (error.keyword === 'type') {
      const t = (error.params as { type: string | string[] }).type
      const group = typeGroups.get(keyOf(path)) ?? { path, types: [] }
      group.types.push(...(Array.isArray(t) ? t : String(t).split(',')))
      if (!typeGroups.has(keyOf(path))) {
        typeGroups.set(keyOf(path), group)
        // worded below, once every type error at this place is known
        issues.push({ path, atKey: false, message: '', said: phrase('compose.schema.type') })
      }
      continue
    }
    const issue = describe(error, path)
    if (!issue) continue
    const dedupe = `${keyOf(issue.path)}|${issue.message}`
    if (seen.has(dedupe)) continue
    seen.add(dedupe)
    issues.push(issue)
  }
  for (const issue of issues) {
    if (issue.message !== '') continue
    const group = typeGroups.get(keyOf(issue.path))
    issue.said = typePhrase(subjectOf(issue.path), group?.types ?? [])
    withWords(issue)
  }
  return { version, issues }
}
