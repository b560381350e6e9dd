// Variable interpolation with the docker CLI's rules, quirks included (cli/compose/template and
// cli/compose/interpolation; reference §5.2). Every quirk below is table-tested in
// interpolation.spec.ts:
//  1. the operators are tried in the order `:-`, `-`, `:?`, `?`, each by a plain "contains" test,
//     so `${VAR:?must-be-set}` is read as variable `VAR:?must` with default `be-set`;
//  2. a default ends at the first `}`: `${A:-${B}}` gives the literal `${B` then a stray `}`;
//  3. the unbraced form takes operators too, up to the first `}`: `$REGISTRY-foo/app` is
//     "REGISTRY, or foo/app when unset";
//  4. an error (required variable, invalid `$`) is forgotten when a later `${...}`/`$NAME` in the
//     same string is substituted without error: the CLI reassigns its error variable per match;
//  5. the result is cast (int/float/bool) only for a fixed list of paths and only when the
//     substitution changed the string;
//  6. keys are never interpolated, every string value is (x-* sections included).
import { withWords, wordOnRead } from '../i18n/words'
import { phrase, type Phrase } from '../../shared/phrase'
import { isRawMap, setRaw, type PathSegment, type RawMap, type RawValue } from './compose-yaml'

export type VariableSource = 'env' | 'dotenv'

export interface LookupResult {
  value: string
  source: VariableSource
}

export type VariableLookup = (name: string) => LookupResult | undefined

/** How one `$...` occurrence was resolved. `name` is the variable as the CLI reads it (quirk 1 included). */
export interface VariableUse {
  name: string
  outcome: 'env' | 'dotenv' | 'default' | 'unset' | 'error'
}

export interface SubstituteResult {
  value: string
  /** the error the CLI reports for this string, if any (after quirk 4) */
  error?: string
  /** `error` as a phrase */
  said?: Phrase
  /** errors a later substitution made the CLI forget (quirk 4), as phrases; worth a warning */
  forgottenSaid: Phrase[]
  uses: VariableUse[]
}

// The CLI's pattern: `$` then `$` (escape), a name with optional operator (unbraced), the same in
// braces, or nothing (invalid). Alternatives are tried in this order.
const SUBST = '[_a-z][_a-z0-9]*(?::?[-?][^}]*)?'
const PATTERN = new RegExp(`\\$(?:(\\$)|(${SUBST})|\\{(${SUBST})\\}|())`, 'gi')

function partition(s: string, sep: string): [string, string] {
  const at = s.indexOf(sep)
  return at < 0 ? [s, ''] : [s.slice(0, at), s.slice(at + sep.length)]
}

function invalidTemplate(template: string): Phrase {
  return phrase('compose.interpolation.invalidFormat', { template: JSON.stringify(template) })
}

/** template.Substitute, one string. */
export function substitute(template: string, lookup: VariableLookup): SubstituteResult {
  let error: Phrase | undefined
  const forgotten: Phrase[] = []
  const uses: VariableUse[] = []
  const setError = (next: Phrase | undefined): void => {
    if (error !== undefined && next === undefined) forgotten.push(error)
    error = next
  }
  const value = template.replace(PATTERN, (_match, escaped: string | undefined, named: string | undefined, braced: string | undefined) => {
    if (escaped) return escaped
    const substitution = named || braced || ''
    if (substitution === '') {
      setError(invalidTemplate(template))
      return ''
    }
    if (substitution.includes(':-')) {
      setError(undefined)
      const [name, fallback] = partition(substitution, ':-')
      const found = lookup(name)
      if (!found || found.value === '') {
        uses.push({ name, outcome: 'default' })
        return fallback
      }
      uses.push({ name, outcome: found.source })
      return found.value
    }
    if (substitution.includes('-')) {
      setError(undefined)
      const [name, fallback] = partition(substitution, '-')
      const found = lookup(name)
      if (!found) {
        uses.push({ name, outcome: 'default' })
        return fallback
      }
      uses.push({ name, outcome: found.source })
      return found.value
    }
    for (const [sep, nonEmpty] of [
      [':?', true],
      ['?', false]
    ] as const) {
      if (!substitution.includes(sep)) continue
      const [name, message] = partition(substitution, sep)
      const found = lookup(name)
      if (!found || (nonEmpty && found.value === '')) {
        uses.push({ name, outcome: 'error' })
        setError(phrase('compose.interpolation.requiredMissing', { name, message }))
        return ''
      }
      setError(undefined)
      uses.push({ name, outcome: found.source })
      return found.value
    }
    setError(undefined)
    const found = lookup(substitution)
    uses.push({ name: substitution, outcome: found ? found.source : 'unset' })
    return found ? found.value : ''
  })
  return error === undefined ? { value, forgottenSaid: forgotten, uses } : wordOnRead({ value, error: '', said: error, forgottenSaid: forgotten, uses }, 'error', error)
}

// ---- casts ----

type Cast = (value: string) => { ok: true; value: RawValue } | { ok: false; message: string; said: Phrase }

const castFailure = (said: Phrase): { ok: false; message: string; said: Phrase } => withWords({ ok: false, message: '', said })

export const castToInt: Cast = (value) => {
  if (!/^[+-]?[0-9]+$/.test(value)) return castFailure(phrase('compose.cast.intSyntax', { value: JSON.stringify(value) }))
  const big = BigInt(value)
  if (big < -(2n ** 63n) || big > 2n ** 63n - 1n) return castFailure(phrase('compose.cast.intRange', { value: JSON.stringify(value) }))
  return { ok: true, value: Number(big) }
}

export const castToFloat: Cast = (value) => {
  const lower = value.toLowerCase()
  if (/^[+-]?(inf|infinity)$/.test(lower)) return { ok: true, value: lower.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY }
  if (/^[+-]?nan$/.test(lower)) return { ok: true, value: Number.NaN }
  if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(value)) return { ok: true, value: Number(value) }
  return castFailure(phrase('compose.cast.floatSyntax', { value: JSON.stringify(value) }))
}

export const castToBool: Cast = (value) => {
  switch (value.toLowerCase()) {
    case 'y':
    case 'yes':
    case 'true':
    case 'on':
      return { ok: true, value: true }
    case 'n':
    case 'no':
    case 'false':
    case 'off':
      return { ok: true, value: false }
    default:
      return castFailure(phrase('compose.cast.bool', { value }))
  }
}

const ANY = '*'
const LIST = '[]'
const servicePath = (...parts: string[]): string[] => ['services', ANY, ...parts]

/** cli/compose/loader/interpolate.go interpolateTypeCastMapping */
const CASTS: { pattern: string[]; cast: Cast }[] = [
  { pattern: servicePath('configs', LIST, 'mode'), cast: castToInt },
  { pattern: servicePath('secrets', LIST, 'mode'), cast: castToInt },
  { pattern: servicePath('healthcheck', 'retries'), cast: castToInt },
  { pattern: servicePath('healthcheck', 'disable'), cast: castToBool },
  { pattern: servicePath('deploy', 'replicas'), cast: castToInt },
  { pattern: servicePath('deploy', 'update_config', 'parallelism'), cast: castToInt },
  { pattern: servicePath('deploy', 'update_config', 'max_failure_ratio'), cast: castToFloat },
  { pattern: servicePath('deploy', 'rollback_config', 'parallelism'), cast: castToInt },
  { pattern: servicePath('deploy', 'rollback_config', 'max_failure_ratio'), cast: castToFloat },
  { pattern: servicePath('deploy', 'restart_policy', 'max_attempts'), cast: castToInt },
  { pattern: servicePath('deploy', 'placement', 'max_replicas_per_node'), cast: castToInt },
  { pattern: servicePath('ports', LIST, 'target'), cast: castToInt },
  { pattern: servicePath('ports', LIST, 'published'), cast: castToInt },
  { pattern: servicePath('ulimits', ANY), cast: castToInt },
  { pattern: servicePath('ulimits', ANY, 'hard'), cast: castToInt },
  { pattern: servicePath('ulimits', ANY, 'soft'), cast: castToInt },
  { pattern: servicePath('privileged'), cast: castToBool },
  { pattern: servicePath('oom_score_adj'), cast: castToInt },
  { pattern: servicePath('read_only'), cast: castToBool },
  { pattern: servicePath('stdin_open'), cast: castToBool },
  { pattern: servicePath('tty'), cast: castToBool },
  { pattern: servicePath('volumes', LIST, 'read_only'), cast: castToBool },
  { pattern: servicePath('volumes', LIST, 'volume', 'nocopy'), cast: castToBool },
  { pattern: ['networks', ANY, 'external'], cast: castToBool },
  { pattern: ['networks', ANY, 'internal'], cast: castToBool },
  { pattern: ['networks', ANY, 'attachable'], cast: castToBool },
  { pattern: ['volumes', ANY, 'external'], cast: castToBool },
  { pattern: ['secrets', ANY, 'external'], cast: castToBool },
  { pattern: ['configs', ANY, 'external'], cast: castToBool }
]

function castFor(matchPath: readonly string[]): Cast | undefined {
  for (const { pattern, cast } of CASTS) {
    if (pattern.length !== matchPath.length) continue
    if (pattern.every((part, i) => part === ANY || part === matchPath[i])) return cast
  }
  return undefined
}

export interface InterpolationIssue {
  path: PathSegment[]
  message: string
  said: Phrase
}

const issue = (path: PathSegment[], said: Phrase): InterpolationIssue => withWords({ path, message: '', said })

export interface InterpolatedVariable extends VariableUse {
  path: PathSegment[]
}

export interface InterpolateResult {
  value: RawMap
  errors: InterpolationIssue[]
  warnings: InterpolationIssue[]
  variables: InterpolatedVariable[]
}

/** interpolation.Interpolate over a whole compose file; collects every error instead of stopping at the first. */
export function interpolateConfig(config: RawMap, lookup: VariableLookup): InterpolateResult {
  const errors: InterpolationIssue[] = []
  const warnings: InterpolationIssue[] = []
  const variables: InterpolatedVariable[] = []

  // `matchPath` uses `[]` for list items, like the CLI's cast patterns; `path` keeps real indexes.
  const walk = (value: RawValue, path: PathSegment[], matchPath: string[]): RawValue => {
    if (typeof value === 'string') {
      const result = substitute(value, lookup)
      for (const use of result.uses) variables.push({ ...use, path })
      for (const forgotten of result.forgottenSaid) warnings.push(issue(path, phrase('compose.interpolation.forgotten', { error: forgotten })))
      if (result.said !== undefined) {
        errors.push(issue(path, result.said))
        return value
      }
      if (result.value === value) return value
      const cast = castFor(matchPath)
      if (!cast) return result.value
      const casted = cast(result.value)
      if (!casted.ok) {
        errors.push(issue(path, phrase('compose.interpolation.cast', { detail: casted.said })))
        return result.value
      }
      return casted.value
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i], [...matchPath, LIST]))
    if (isRawMap(value)) {
      const out: RawMap = {}
      for (const [k, v] of Object.entries(value)) setRaw(out, k, walk(v, [...path, k], [...matchPath, k]))
      return out
    }
    return value
  }
  const out: RawMap = {}
  for (const [k, v] of Object.entries(config)) setRaw(out, k, walk(v, [k], [k]))
  return { value: out, errors, warnings, variables }
}
