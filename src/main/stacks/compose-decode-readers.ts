// The readers of the compose decoder: raw (interpolated, schema-valid) values as the CLI's
// mapstructure decoding reads them (Go's formatting of numbers, nil versus empty, `k=v` lists), and
// the ones that can fail (durations, sizes, shell words), which report where, like the CLI.
import * as nodePath from 'node:path'
import { withWords } from '../i18n/words'
import { phrase, type Phrase } from '../../shared/phrase'
import { dottedPath, goFormatFloat, isRawMap, pathKey, type PathSegment, type RawMap, type RawValue } from './compose-yaml'
import { goFormatInt, parseGoDuration, parseRAMInBytes, shlexSplit } from './go-parse'
import type { VariableLookup } from './interpolation'
import type { External, ServiceFileRef, StringMap, UpdateConfig } from './compose-types'

export interface DecodeIssue {
  path: PathSegment[]
  /** the English of `said` */
  message: string
  said: Phrase
}

export const issue = (path: PathSegment[], said: Phrase): DecodeIssue => withWords({ path, message: '', said })
/** `services.web.stop_grace_period: <why>`: the place named in front, like the CLI */
export const issueAt = (path: PathSegment[], detail: Phrase): DecodeIssue => issue(path, phrase('compose.at', { path: dottedPath(path), detail }))

export interface DecodeInput {
  raw: RawMap
  version: string
  workingDir: string
  lookup: VariableLookup
  /** env_file contents by absolute path; a path not in it is reported in `missingEnvFiles` */
  envFiles: Record<string, string>
  /** paths (pathKey) whose value was a YAML float */
  floats: Set<string>
}

/** One file being decoded: its input and what decoding it found so far. */
export interface Decoding {
  input: DecodeInput
  errors: DecodeIssue[]
  warnings: DecodeIssue[]
  missingEnvFiles: string[]
}

/** versions.GreaterThanOrEqualTo for dotted numbers */
export function versionAtLeast(version: string, than: string): boolean {
  const a = version.split('.').map((p) => Number.parseInt(p, 10) || 0)
  const b = than.split('.').map((p) => Number.parseInt(p, 10) || 0)
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0
    const y = b[i] ?? 0
    if (x !== y) return x > y
  }
  return true
}

const cleanJoin = (base: string, rel: string): string => {
  const joined = nodePath.join(base, rel)
  return joined.length > 1 && (joined.endsWith('/') || joined.endsWith('\\')) && nodePath.parse(joined).root !== joined ? joined.slice(0, -1) : joined
}

/** loader.absPath: absolute paths are kept as written, relative ones joined (and cleaned) with the working dir */
export function absPath(workingDir: string, filePath: string): string {
  return nodePath.isAbsolute(filePath) ? filePath : cleanJoin(workingDir, filePath)
}

export function isWindowsAbs(p: string): boolean {
  return /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\\\')
}

/** Readers that cannot fail. `floats`: the paths whose value was a YAML float (Go prints them as floats). */
function valueReaders(floats: Set<string>) {
  const sprint = (value: RawValue, path: PathSegment[]): string => {
    if (typeof value === 'string') return value
    if (typeof value === 'number') return floats.has(pathKey(path)) ? goFormatFloat(value) : Number.isInteger(value) ? goFormatInt(value) : goFormatFloat(value)
    if (typeof value === 'boolean') return value ? 'true' : 'false'
    if (value === null) return '<nil>'
    return JSON.stringify(value)
  }
  const str = (value: RawValue | undefined): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value))
  const bool = (value: RawValue | undefined): boolean => value === true
  const num = (value: RawValue | undefined): number => (typeof value === 'number' ? value : 0)
  const numOrNull = (value: RawValue | undefined): number | null => (typeof value === 'number' ? (value < 0 ? value : Math.trunc(value)) : null)
  const strList = (value: RawValue | undefined, path: PathSegment[]): string[] => (Array.isArray(value) ? value.map((v, i) => sprint(v, [...path, i])) : [])
  const stringOrList = (value: RawValue | undefined, path: PathSegment[]): string[] => (typeof value === 'string' ? [value] : strList(value, path))
  const map = (value: RawValue | undefined): RawMap => (isRawMap(value) ? value : {})

  /** map[string]string from a mapping whose values are strings or numbers (driver_opts, logging options) */
  const stringMap = (value: RawValue | undefined, path: PathSegment[]): StringMap | null => {
    if (!isRawMap(value)) return null
    const out: StringMap = {}
    for (const [k, v] of Object.entries(value)) out[k] = v === null ? '' : sprint(v, [...path, k])
    return out
  }
  /** Labels/Mapping: a mapping or a `k=v` list; missing values become "" */
  const mappingOrList = (value: RawValue | undefined, path: PathSegment[]): StringMap => {
    const out: StringMap = {}
    if (isRawMap(value)) {
      for (const [k, v] of Object.entries(value)) out[k] = v === null ? '' : sprint(v, [...path, k])
    } else if (Array.isArray(value)) {
      for (const entry of value) {
        const text = str(entry)
        const at = text.indexOf('=')
        if (at < 0) out[text] = ''
        else out[text.slice(0, at)] = text.slice(at + 1)
      }
    }
    return out
  }
  /** MappingWithEquals (environment): a bare key is nil */
  const mappingWithEquals = (value: RawValue | undefined, path: PathSegment[]): Record<string, string | null> => {
    const out: Record<string, string | null> = {}
    if (isRawMap(value)) {
      for (const [k, v] of Object.entries(value)) out[k] = v === null ? null : sprint(v, [...path, k])
    } else if (Array.isArray(value)) {
      for (const entry of value) {
        const text = str(entry)
        const at = text.indexOf('=')
        if (at < 0) out[text] = null
        else out[text.slice(0, at)] = text.slice(at + 1)
      }
    }
    return out
  }
  const external = (value: RawValue | undefined): External => {
    if (typeof value === 'boolean') return { external: value, name: '' }
    if (isRawMap(value)) return { external: true, name: str(value.name) }
    return { external: false, name: '' }
  }
  const fileRefs = (value: RawValue | undefined): ServiceFileRef[] | null => {
    if (!Array.isArray(value)) return null
    return value.map((entry) => {
      if (typeof entry === 'string') return { source: entry, target: '', uid: '', gid: '', mode: null }
      const m = map(entry)
      return { source: str(m.source), target: str(m.target), uid: str(m.uid), gid: str(m.gid), mode: typeof m.mode === 'number' ? m.mode >>> 0 : null }
    })
  }

  return { sprint, str, bool, num, numOrNull, strList, stringOrList, map, stringMap, mappingOrList, mappingWithEquals, external, fileRefs }
}

/** Readers that can fail (the issue goes to the file's errors) or that read variables. */
function checkedReaders(decoding: Decoding, values: ValueReaders) {
  const { errors, input } = decoding
  const { str, num, numOrNull, strList } = values
  const duration = (value: RawValue | undefined, path: PathSegment[]): number | null => {
    if (value === undefined || value === null) return null
    if (typeof value !== 'string') {
      errors.push(issueAt(path, phrase('compose.decode.durationType', { type: typeof value })))
      return null
    }
    const parsed = parseGoDuration(value)
    if (!parsed.ok) {
      errors.push(issueAt(path, parsed.said))
      return null
    }
    return parsed.value
  }
  const size = (value: RawValue | undefined, path: PathSegment[]): number => {
    if (value === undefined || value === null) return 0
    if (typeof value === 'number') return Math.trunc(value)
    const parsed = parseRAMInBytes(str(value))
    if (!parsed.ok) {
      errors.push(issueAt(path, parsed.said))
      return 0
    }
    return parsed.value
  }
  const shellCommand = (value: RawValue | undefined, path: PathSegment[]): string[] | null => {
    if (value === undefined || value === null) return null
    if (typeof value === 'string') {
      const split = shlexSplit(value)
      if (!split.ok) {
        errors.push(issueAt(path, split.said))
        return null
      }
      return split.value
    }
    return strList(value, path)
  }
  const updateConfig = (value: RawValue | undefined, path: PathSegment[]): UpdateConfig | null => {
    if (!isRawMap(value)) return null
    return {
      parallelism: numOrNull(value.parallelism),
      delay: duration(value.delay, [...path, 'delay']) ?? 0,
      failureAction: str(value.failure_action),
      monitor: duration(value.monitor, [...path, 'monitor']) ?? 0,
      maxFailureRatio: num(value.max_failure_ratio),
      order: str(value.order)
    }
  }
  const lookupValue = (name: string): string | undefined => input.lookup(name)?.value

  const updateEnvironment = (environment: Record<string, string | null>, vars: Record<string, string | null>): void => {
    for (const [k, v] of Object.entries(vars)) {
      const fromEnv = lookupValue(k)
      environment[k] = (v === null || v === '') && fromEnv !== undefined ? fromEnv : v
    }
  }

  return { duration, size, shellCommand, updateConfig, lookupValue, updateEnvironment }
}

type ValueReaders = ReturnType<typeof valueReaders>
export type Readers = ValueReaders & ReturnType<typeof checkedReaders>

export function readersOf(decoding: Decoding): Readers {
  const values = valueReaders(decoding.input.floats)
  return { ...values, ...checkedReaders(decoding, values) }
}
