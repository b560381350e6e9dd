// Compose loader, pure given the file contents: what `docker stack deploy -c a.yml -c b.yml` does
// before it talks to the engine (cli/command/stack/loader.go + cli/compose/loader), with every
// problem returned as a positioned diagnostic instead of the CLI's first error.
//
// Per file, in the CLI's order: YAML (go-yaml scalar rules) -> forbidden fields -> interpolation
// -> JSON schema of the first file's version -> typed loading. Then the files are merged, the
// unsupported/deprecated fields are warned about and every service must have a valid image.
// Beyond the CLI: variables may also come from a `.env` file (off unless `dotEnv` is given), and
// the result lists which variable came from where.
import * as nodePath from 'node:path'
import { withWords } from '../i18n/words'
import { phrase, type Phrase } from '../../shared/phrase'
import type { PlanProblem } from '../../shared/stacks'
import { decodeComposeFile, type DecodeIssue } from './compose-decode'
import { mergeComposeModels } from './compose-merge'
import { composeVersionOf, validateCompose } from './compose-schema'
import type { ComposeModel } from './compose-types'
import { dottedPath, goFormatFloat, hasRaw, isRawMap, parseComposeYaml, pathKey, type ParsedYaml, type PathSegment, type RawMap, type RawValue, type SourcePos } from './compose-yaml'
import { parseDotEnv } from './env-files'
import { interpolateConfig, type LookupResult, type VariableLookup } from './interpolation'
import { imageReferenceProblem } from './image-reference'

export interface Diagnostic {
  file: string
  line: number
  column: number
  /** dotted path of the place in the compose file, e.g. services.web.deploy.replicas */
  path: string
  /** the English of `said`, what the CLI prints after the place */
  message: string
  /** the problem as a phrase, without the place (the app shows the place apart) */
  said: Phrase
}

/** A diagnostic worded from its phrase, so that its English and its phrase cannot disagree. */
export function diagnostic(place: { file: string; line: number; column: number; path: string }, said: Phrase): Diagnostic {
  return withWords({ ...place, message: '', said })
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`
}

/** A load diagnostic in a stack plan: the English with its place in front (CLI), the phrase without (the app shows the place apart). */
export function composeProblem(severity: 'error' | 'warning', d: Diagnostic): PlanProblem {
  return {
    severity,
    code: 'compose',
    subject: '',
    message: formatDiagnostic(d),
    said: d.said,
    fix: null,
    fixSaid: null,
    path: d.path || null,
    location: { file: d.file, line: d.line, column: d.column }
  }
}

export type VariableValueSource = 'env' | 'dotenv' | 'default' | 'unset'

export interface VariableReport {
  name: string
  /** where the value used came from; `default` = the `${VAR:-default}` text, `unset` = empty string */
  source: VariableValueSource
  locations: { file: string; line: number; column: number; path: string }[]
}

export interface LoadComposeInput {
  files: { path: string; text: string }[]
  /** the process environment (the only source the CLI uses) */
  env: Record<string, string>
  /** optional `.env` beside the compose file; the process environment wins over it */
  dotEnv?: { path: string; text: string } | null
  /** contents of env_file entries by absolute path (see `missingEnvFiles`) */
  envFiles?: Record<string, string>
  /** defaults to the directory of the first file */
  workingDir?: string
}

export interface LoadComposeResult {
  /** null when there are errors */
  model: ComposeModel | null
  errors: Diagnostic[]
  warnings: Diagnostic[]
  variables: VariableReport[]
  /** env_file paths whose contents were not in `envFiles`: read them and load again */
  missingEnvFiles: string[]
}

/** types.ForbiddenProperties, with the CLI's reason */
export const FORBIDDEN_PROPERTIES: Record<string, Phrase> = {
  extends: phrase('compose.reason.extends'),
  volume_driver: phrase('compose.reason.volumeDriver'),
  volumes_from: phrase('compose.reason.volumesFrom'),
  cpu_quota: phrase('compose.reason.resources'),
  cpu_shares: phrase('compose.reason.resources'),
  cpuset: phrase('compose.reason.resources'),
  mem_limit: phrase('compose.reason.resources'),
  memswap_limit: phrase('compose.reason.resources')
}

/** types.UnsupportedProperties: warned, then ignored */
export const UNSUPPORTED_PROPERTIES = [
  'build',
  'cgroupns_mode',
  'cgroup_parent',
  'devices',
  'domainname',
  'external_links',
  'ipc',
  'links',
  'mac_address',
  'network_mode',
  'pid',
  'privileged',
  'restart',
  'security_opt',
  'shm_size',
  'userns_mode'
]

/** types.DeprecatedProperties */
export const DEPRECATED_PROPERTIES: Record<string, Phrase> = {
  container_name: phrase('compose.reason.containerName'),
  expose: phrase('compose.reason.expose')
}

/** ignored without a word by the CLI; we say so */
const SILENTLY_IGNORED: Record<string, Phrase> = {
  depends_on: phrase('compose.reason.dependsOn'),
  tmpfs: phrase('compose.reason.tmpfs')
}

function sprintScalar(parsed: ParsedYaml, path: PathSegment[]) {
  return (value: RawValue): string => {
    if (typeof value === 'number') return parsed.floats.has(pathKey(path)) ? goFormatFloat(value) : String(value)
    if (value === null) return '<nil>'
    return typeof value === 'string' ? value : String(value)
  }
}

interface FileState {
  path: string
  parsed: ParsedYaml
  raw: RawMap | null
}

/** Where a path is in a file: the key or the value, else the closest enclosing one. */
function positionOf(state: FileState, path: PathSegment[], atKey: boolean): SourcePos {
  const map = atKey ? state.parsed.keyPos : state.parsed.valuePos
  const exact = map.get(pathKey(path)) ?? (atKey ? state.parsed.valuePos.get(pathKey(path)) : undefined)
  if (exact) return exact
  for (let i = path.length - 1; i > 0; i--) {
    const found = state.parsed.valuePos.get(pathKey(path.slice(0, i))) ?? state.parsed.keyPos.get(pathKey(path.slice(0, i)))
    if (found) return found
  }
  return { line: 1, column: 1 }
}
function diag(state: FileState, path: PathSegment[], said: Phrase, atKey = false): Diagnostic {
  const pos = positionOf(state, path, atKey)
  return diagnostic({ file: state.path, line: pos.line, column: pos.column, path: dottedPath(path) }, said)
}

/** Fields `docker stack deploy` refuses (errors) and those it ignores or warns about; the refused paths. */
function checkServiceFields(state: FileState, raw: RawMap, errors: Diagnostic[], warnings: Diagnostic[]): Set<string> {
  const forbiddenPaths = new Set<string>()
  const services = isRawMap(raw.services) ? raw.services : {}
  for (const [name, def] of Object.entries(services)) {
    if (!isRawMap(def)) continue
    for (const [prop, reason] of Object.entries(FORBIDDEN_PROPERTIES)) {
      if (!hasRaw(def, prop)) continue
      forbiddenPaths.add(pathKey(['services', name, prop]))
      errors.push(diag(state, ['services', name, prop], phrase('compose.load.forbidden', { service: name, field: prop, reason }), true))
    }
    // 2b. warnings (the CLI looks at the files before interpolation)
    for (const prop of UNSUPPORTED_PROPERTIES) {
      if (!hasRaw(def, prop)) continue
      const said =
        prop === 'restart' ? phrase('compose.load.unsupportedRestart', { service: name, field: prop }) : phrase('compose.load.unsupported', { service: name, field: prop })
      warnings.push(diag(state, ['services', name, prop], said, true))
    }
    for (const [prop, reason] of Object.entries(DEPRECATED_PROPERTIES)) {
      if (hasRaw(def, prop)) warnings.push(diag(state, ['services', name, prop], phrase('compose.load.deprecated', { service: name, field: prop, reason }), true))
    }
    for (const [prop, reason] of Object.entries(SILENTLY_IGNORED)) {
      if (hasRaw(def, prop)) warnings.push(diag(state, ['services', name, prop], phrase('compose.load.ignored', { service: name, field: prop, reason }), true))
    }
    if (isRawMap(def.networks)) {
      for (const [net, cfg] of Object.entries(def.networks)) {
        if (!isRawMap(cfg)) continue
        for (const field of ['ipv4_address', 'ipv6_address']) {
          if (hasRaw(cfg, field)) warnings.push(diag(state, ['services', name, 'networks', net, field], phrase('compose.load.ignoredAddress', { service: name, network: net, field }), true))
        }
      }
    }
  }
  return forbiddenPaths
}

export function loadCompose(input: LoadComposeInput): LoadComposeResult {
  const errors: Diagnostic[] = []
  const warnings: Diagnostic[] = []
  const fileOrder = new Map(input.files.map((f, i) => [f.path, i]))
  const result = (model: ComposeModel | null, missingEnvFiles: string[] = []): LoadComposeResult => ({
    model: errors.length === 0 ? model : null,
    errors: sortDiagnostics(errors, fileOrder),
    warnings: sortDiagnostics(warnings, fileOrder),
    variables: reportVariables(),
    missingEnvFiles
  })

  if (input.files.length === 0) {
    errors.push(diagnostic({ file: '', line: 1, column: 1, path: '' }, phrase('compose.load.noFiles')))
    return result(null)
  }
  const workingDir = input.workingDir ?? nodePath.dirname(input.files[0].path)

  // Variables: process environment first, then the optional .env.
  const dotEnvValues = new Map<string, string>()
  if (input.dotEnv) {
    const parsed = parseDotEnv(input.dotEnv.text)
    if (!parsed.ok) errors.push(diagnostic({ file: input.dotEnv.path, line: Number(parsed.said.params?.line ?? 1), column: 1, path: '' }, parsed.said))
    else for (const entry of parsed.value) dotEnvValues.set(entry.name, entry.value)
  }
  const lookup: VariableLookup = (name: string): LookupResult | undefined => {
    if (Object.prototype.hasOwnProperty.call(input.env, name)) return { value: input.env[name], source: 'env' }
    if (dotEnvValues.has(name)) return { value: dotEnvValues.get(name) ?? '', source: 'dotenv' }
    return undefined
  }

  const variableUses = new Map<string, VariableReport>()
  const reportVariables = (): VariableReport[] => [...variableUses.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.source < b.source ? -1 : 1))

  const states: FileState[] = input.files.map((file) => {
    const parsed = parseComposeYaml(file.text)
    for (const e of parsed.errors) errors.push(diagnostic({ file: file.path, line: e.pos.line, column: e.pos.column, path: '' }, e.said))
    return { path: file.path, parsed, raw: parsed.value !== undefined && isRawMap(parsed.value) ? parsed.value : null }
  })

  const first = states[0]
  if (!first.raw) return result(null)
  const version = composeVersionOf(first.raw, sprintScalar(first.parsed, ['version']))

  const decoded: ComposeModel[] = []
  const missingEnvFiles: string[] = []
  for (const state of states) {
    if (!state.raw) continue
    const raw = state.raw
    const fileVersion = composeVersionOf(raw, sprintScalar(state.parsed, ['version']))
    if (fileVersion !== version) {
      errors.push(diag(state, ['version'], phrase('compose.load.versionMismatch', { first: version, other: fileVersion })))
      continue
    }

    // 1. forbidden fields (the CLI stops here), and the fields it warns about
    const forbiddenPaths = checkServiceFields(state, raw, errors, warnings)

    // 2. interpolation
    const interpolated = interpolateConfig(raw, lookup)
    const badPaths = new Set<string>()
    for (const e of interpolated.errors) {
      badPaths.add(pathKey(e.path))
      errors.push(diag(state, e.path, phrase('compose.at', { path: dottedPath(e.path), detail: e.said })))
    }
    for (const w of interpolated.warnings) warnings.push(diag(state, w.path, phrase('compose.at', { path: dottedPath(w.path), detail: w.said })))
    for (const use of interpolated.variables) {
      if (use.outcome === 'error') continue
      const key = `${use.name}\u0000${use.outcome}`
      const report = variableUses.get(key) ?? { name: use.name, source: use.outcome, locations: [] }
      const pos = positionOf(state, use.path, false)
      report.locations.push({ file: state.path, line: pos.line, column: pos.column, path: dottedPath(use.path) })
      variableUses.set(key, report)
    }

    // 3. schema of the first file's version
    const validation = validateCompose(interpolated.value, version)
    if ('unsupported' in validation) {
      errors.push(diag(state, ['version'], phrase('compose.load.unsupportedVersion', { version })))
      continue
    }
    let schemaFailed = false
    for (const issue of validation.issues) {
      const key = pathKey(issue.path)
      if (forbiddenPaths.has(key) || badPaths.has(key)) continue
      schemaFailed = true
      errors.push(diag(state, issue.path, issue.said, issue.atKey))
    }
    if (schemaFailed || forbiddenPaths.size > 0 || badPaths.size > 0) continue

    // 4. typed loading
    const typed = decodeComposeFile({
      raw: interpolated.value,
      version,
      workingDir,
      lookup,
      envFiles: input.envFiles ?? {},
      floats: state.parsed.floats
    })
    const toDiag = (issue: DecodeIssue): Diagnostic => diag(state, issue.path, issue.said)
    errors.push(...typed.errors.map(toDiag))
    warnings.push(...typed.warnings.map(toDiag))
    for (const missing of typed.missingEnvFiles) {
      if (!missingEnvFiles.includes(missing)) missingEnvFiles.push(missing)
    }
    decoded.push(typed.model)
  }

  for (const missing of missingEnvFiles) {
    errors.push(diagnostic({ file: missing, line: 1, column: 1, path: '' }, phrase('compose.load.envFileNotRead', { file: missing })))
  }
  if (errors.length > 0 || decoded.length !== states.length) return result(null, missingEnvFiles)

  const model = mergeComposeModels(decoded)

  // Every service needs a valid image reference (checked after the merge, like the CLI).
  for (const service of model.services) {
    const problem = service.image === '' ? phrase('compose.load.noImage') : imageReferenceProblem(service.image)
    if (problem === null) continue
    const path = ['services', service.name, 'image']
    const state = [...states].reverse().find((s) => s.parsed.valuePos.has(pathKey(path))) ?? [...states].reverse().find((s) => s.parsed.keyPos.has(pathKey(['services', service.name]))) ?? states[0]
    errors.push(diag(state, service.image === '' ? ['services', service.name] : path, phrase('compose.load.invalidImage', { service: service.name, problem }), service.image === ''))
  }
  return result(model, missingEnvFiles)
}

function sortDiagnostics(list: Diagnostic[], fileOrder: Map<string, number>): Diagnostic[] {
  const rank = (file: string): number => fileOrder.get(file) ?? fileOrder.size
  return [...list].sort((a, b) => rank(a.file) - rank(b.file) || a.line - b.line || a.column - b.column)
}
