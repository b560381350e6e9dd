// Desired stack (compiled compose) vs live objects -> ordered operations and a human diff (pure).
// The order is the CLI's (cli/command/stack/deploy_composefile.go): prune, networks, secrets,
// configs, services. Everything the CLI would only discover half-way through a deploy (a missing
// external network or secret, a secret whose content changed, a mode change swarm refuses, a
// name taken by an object outside the stack) is found here, before anything is sent.
import { phrase, type Phrase, type PhraseValue } from '../../shared/phrase'
import type { FieldChange, PlanProblem, ResolveImageMode, StackOperation, StackPlan } from '../../shared/stacks'
import { withWords, wordOnRead, worded } from '../i18n/words'
import { joinedPhrases } from '../../shared/phrase-list'
import { isUserDefinedNetwork, LABEL_IMAGE, LABEL_NAMESPACE, type CompiledService, type CompiledStack } from './compose-compiler'
import type { NetworkCreateBody, PlacementBody, ServiceSpecBody } from '../docker/engine-specs'
import { isJsonObject, type Json, type JsonObject, type LiveNetwork, type LiveService, type LiveState } from '../docker/live-shapes'
import { compareServiceSpecs, diffJson, formatValue, jsonEqual, type CompareContext, type SpecComparison } from './spec-compare'
import { modePhrase } from '../../shared/service-issue-phrases'
import { kindWord } from './stack-phrases'
import { groupUnresolvedImages, type UnresolvedImage } from './image-warnings'

export type Platform = { Architecture?: string; OS?: string }

/** What `GET /distribution/{image}/json` said about an image (or why it could not be asked: the engine's words, or ours). */
export type ImageResolution = { ok: true; digest: string; platforms: Platform[] } | { ok: false; error: PhraseValue }

/**
 * The content of a secret or config file compared with the object of that name in the swarm.
 * `new`: no such object (the file was read); `same`/`changed`: compared; `unknown`: the engine
 * could not tell; `unreadable`: the file could not be read; `driver`: a secret from a driver.
 */
export type ContentState = 'new' | 'same' | 'changed' | 'unknown' | 'unreadable' | 'driver'
export interface ContentCheck {
  state: ContentState
  detail: string | null
}
export const contentKey = (kind: 'secret' | 'config', name: string): string => `${kind}:${name}`

export interface PlanOptions {
  prune: boolean
  resolveImage: ResolveImageMode
  withRegistryAuth: boolean
}

export interface PlanInput {
  compiled: CompiledStack
  live: LiveState
  options: PlanOptions
  /** by engine image (see imagesToResolve) */
  images: ReadonlyMap<string, ImageResolution>
  /** by contentKey() for every secret and config of the file */
  content: ReadonlyMap<string, ContentCheck>
  files: string[]
  variables: StackPlan['variables']
  /** comparing for drift: the live image label is not trusted (see desiredServiceSpec) */
  drift?: boolean
  /** compose path (services.web.deploy.mode) -> place in the files */
  locate?: (path: string) => { file: string; line: number; column: number } | null
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

// ---------------------------------------------------------------- images

export function hasDigest(image: string): boolean {
  return image.includes('@')
}

export function stripDigest(image: string): string {
  const at = image.indexOf('@')
  return at < 0 ? image : image.slice(0, at)
}

/** imageWithDigestString in the Go client: `name:tag@digest` unless the image already has one. */
export function withDigest(image: string, digest: string): string {
  return hasDigest(image) ? image : `${image}@${digest}`
}

/** The client's platform list from a distribution inspect: no `unknown`, arm without variant, no duplicates. */
export function platformsFromDistribution(platforms: { architecture?: string; os?: string }[] | null | undefined): Platform[] {
  const out: Platform[] = []
  const seen = new Set<string>()
  for (const p of platforms ?? []) {
    const os = p.os ?? ''
    let arch = p.architecture ?? ''
    if (os === 'unknown' || arch === 'unknown') continue
    if (arch.toLowerCase() === 'arm') arch = ''
    const key = `${arch}/${os}`
    if (seen.has(key)) continue
    seen.add(key)
    const platform: Platform = {}
    if (arch !== '') platform.Architecture = arch
    if (os !== '') platform.OS = os
    out.push(platform)
  }
  return out
}

function str(value: Json | undefined): string | null {
  return typeof value === 'string' ? value : null
}

function path(obj: Json | undefined, ...keys: string[]): Json | undefined {
  let at: Json | undefined = obj
  for (const key of keys) {
    if (!isJsonObject(at)) return undefined
    at = at[key]
  }
  return at
}

function labelsOf(spec: JsonObject): Record<string, string> {
  const labels = spec.Labels
  const out: Record<string, string> = {}
  if (isJsonObject(labels)) for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v
  return out
}

/** Should the registry be asked about this service's image (deployServices in the CLI)? */
function queriesRegistry(mode: ResolveImageMode, compiled: CompiledService, live: LiveService | null): boolean {
  if (mode === 'never') return false
  if (mode === 'always' || !live) return true
  return labelsOf(live.Spec)[LABEL_IMAGE] !== compiled.spec.Labels[LABEL_IMAGE]
}

/** The images the planner needs resolved, for this mode and these live services. */
export function imagesToResolve(compiled: CompiledStack, live: LiveState, mode: ResolveImageMode): string[] {
  const byName = new Map(live.services.map((s) => [str(s.Spec.Name) ?? '', s]))
  const images = new Set<string>()
  for (const service of compiled.services) {
    if (hasDigest(service.engineImage)) continue
    if (queriesRegistry(mode, service, stackService(byName.get(service.name), compiled.stack))) images.add(service.engineImage)
  }
  return [...images].sort(byString)
}

function stackService(service: LiveService | undefined, stack: string): LiveService | null {
  return service && labelsOf(service.Spec)[LABEL_NAMESPACE] === stack ? service : null
}

export interface DesiredService {
  /** the body to send (secret/config IDs filled in from the maps given) */
  spec: ServiceSpecBody
  /** the image could not be pinned to a digest (said once per image: image-warnings.ts) */
  unresolved: UnresolvedImage | null
  notes: Phrase[]
}

/**
 * What the CLI would send for this service, given what runs: the image pinned per
 * `--resolve-image`, ForceUpdate carried over, secret and config IDs looked up by name.
 * Beyond the CLI: a tag the live service already runs pinned (`web:1` vs `web:1@sha256:…`)
 * keeps the pinned image and its platforms, so pinning never shows as a change nor restarts
 * tasks (the CLI drops the platforms with `--resolve-image changed|never`, and the pin when the
 * registry cannot be reached).
 */
export function desiredServiceSpec(input: {
  compiled: CompiledService
  live: LiveService | null
  mode: ResolveImageMode
  resolution: ImageResolution | undefined
  secretIds: ReadonlyMap<string, string>
  configIds: ReadonlyMap<string, string>
  /**
   * Comparing for drift, not deploying: the image label is not trusted (an image changed out of
   * band with docker service update --image keeps the old label and must still show), and the
   * platforms, which only a registry lookup sets, are taken as they are.
   */
  drift?: boolean
}): DesiredService {
  const { compiled, live, mode, resolution } = input
  const spec = structuredClone(compiled.spec)
  let unresolved: UnresolvedImage | null = null
  const notes: Phrase[] = []
  const liveImage = live ? str(path(live.Spec, 'TaskTemplate', 'ContainerSpec', 'Image')) : null
  const livePlatforms = live ? path(live.Spec, 'TaskTemplate', 'Placement', 'Platforms') : undefined
  let image = compiled.engineImage
  let platforms: Platform[] | null = null
  let keepLivePlatforms = false

  if (queriesRegistry(mode, compiled, live) && !hasDigest(image)) {
    if (resolution?.ok) {
      image = withDigest(image, resolution.digest)
      if (resolution.platforms.length > 0) platforms = resolution.platforms
    } else {
      unresolved = { image, error: resolution ? resolution.error : null }
    }
  } else if (!input.drift && live && liveImage && labelsOf(live.Spec)[LABEL_IMAGE] === compiled.spec.Labels[LABEL_IMAGE]) {
    image = liveImage
    keepLivePlatforms = true
  }
  if (input.drift) keepLivePlatforms = true
  if (liveImage && !hasDigest(image) && hasDigest(liveImage) && stripDigest(liveImage) === image) {
    if (resolution && !resolution.ok) notes.push(phrase('stacks.said.note.keptDigest', { digest: liveImage.slice(image.length + 1) }))
    image = liveImage
    keepLivePlatforms = true
  }
  spec.TaskTemplate.ContainerSpec.Image = image
  if (platforms) spec.TaskTemplate.Placement = { ...spec.TaskTemplate.Placement, Platforms: platforms }
  else if (keepLivePlatforms && Array.isArray(livePlatforms) && livePlatforms.length > 0 && !spec.TaskTemplate.Placement.Platforms) {
    spec.TaskTemplate.Placement = { ...spec.TaskTemplate.Placement, Platforms: livePlatforms as PlacementBody['Platforms'] }
  }

  const force = live ? path(live.Spec, 'TaskTemplate', 'ForceUpdate') : undefined
  spec.TaskTemplate.ForceUpdate = typeof force === 'number' ? force : 0

  const cs = spec.TaskTemplate.ContainerSpec
  if (cs.Secrets) cs.Secrets = cs.Secrets.map((ref) => ({ ...ref, SecretID: input.secretIds.get(ref.SecretName) ?? '' }))
  if (cs.Configs) cs.Configs = cs.Configs.map((ref) => ({ ...ref, ConfigID: input.configIds.get(ref.ConfigName) ?? '' }))
  if (compiled.credentialSpecConfig !== null && cs.Privileges.CredentialSpec) {
    cs.Privileges = { ...cs.Privileges, CredentialSpec: { ...cs.Privileges.CredentialSpec, Config: input.configIds.get(compiled.credentialSpecConfig) ?? '' } }
  }
  return { spec, unresolved, notes }
}

/**
 * The update body: the desired spec, except that an equivalent TaskTemplate or EndpointSpec is
 * sent exactly as stored, so a change of replicas or labels never replaces a task because of a
 * spelling difference (null vs {}, a name vs an ID).
 */
export function updateBody(desired: ServiceSpecBody, live: LiveService, comparison: SpecComparison): JsonObject {
  const body = JSON.parse(JSON.stringify(desired)) as JsonObject
  if (comparison.taskTemplateEqual && live.Spec.TaskTemplate !== undefined) body.TaskTemplate = live.Spec.TaskTemplate
  if (comparison.endpointEqual && live.Spec.EndpointSpec !== undefined) body.EndpointSpec = live.Spec.EndpointSpec
  return body
}

export function compareContext(live: LiveState): CompareContext {
  return { networkNames: new Map(live.networks.map((n) => [n.Id, n.Name])) }
}

// ---------------------------------------------------------------- CLI equivalents

export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_/.:=@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

function labelFlags(labels: Record<string, string>): string[] {
  return Object.entries(labels)
    .sort(([a], [b]) => byString(a, b))
    .flatMap(([k, v]) => ['--label', shellQuote(`${k}=${v}`)])
}

function networkCli(spec: NetworkCreateBody): string {
  const parts = ['docker', 'network', 'create', '--driver', shellQuote(spec.Driver)]
  if (spec.Internal) parts.push('--internal')
  if (spec.Attachable) parts.push('--attachable')
  for (const [k, v] of Object.entries(spec.Options ?? {})) parts.push('--opt', shellQuote(`${k}=${v}`))
  for (const c of spec.IPAM?.Config ?? []) if (c.Subnet) parts.push('--subnet', c.Subnet)
  return [...parts, ...labelFlags(spec.Labels), shellQuote(spec.Name)].join(' ')
}

export function deployCli(stack: string, files: string[], options: PlanOptions): string {
  const parts = ['docker', 'stack', 'deploy', ...files.flatMap((f) => ['-c', shellQuote(f)])]
  if (options.prune) parts.push('--prune')
  if (options.resolveImage !== 'always') parts.push('--resolve-image', options.resolveImage)
  if (options.withRegistryAuth) parts.push('--with-registry-auth')
  return [...parts, shellQuote(stack)].join(' ')
}

/** `name_v2` -> `name_v3`, else `name_v2`: the usual way to rotate immutable swarm objects. */
export function nextVersionedName(name: string): string {
  const m = /^(.*_v)(\d+)$/.exec(name)
  return m ? `${m[1]}${Number(m[2]) + 1}` : `${name}_v2`
}

// ---------------------------------------------------------------- the plan

type OperationDraft = Pick<StackOperation, 'kind' | 'phase' | 'name' | 'key'> & Partial<Omit<StackOperation, 'notes' | 'blocked'>> & { notes?: Phrase[]; blocked?: Phrase | null }

function operation({ notes = [], blocked = null, ...partial }: OperationDraft): StackOperation {
  return { id: `${partial.kind}:${partial.name}`, changes: [], restarts: false, cli: null, ...partial, notes: notes.map(worded), blocked: blocked ? worded(blocked) : null }
}

function labelChanges(before: Record<string, string>, after: Record<string, string>): FieldChange[] {
  return diffJson({ Labels: before }, { Labels: after }).map((c) => ({
    path: c.path,
    composePath: null,
    before: formatValue(c.schemaPath, c.before),
    after: formatValue(c.schemaPath, c.after),
    effect: 'none' as const
  }))
}

/** Settings an existing network has that differ from the file (the CLI never updates a network). */
function networkDifferences(desired: NetworkCreateBody, live: LiveNetwork): Phrase[] {
  const out: Phrase[] = []
  const none = phrase('stacks.said.none')
  if ((live.Driver ?? '') !== desired.Driver) out.push(phrase('stacks.said.networkDifference.driver', { before: live.Driver ?? '', after: desired.Driver }))
  if ((live.Internal ?? false) !== desired.Internal) out.push(phrase('stacks.said.networkDifference.internal', { before: String(live.Internal ?? false), after: String(desired.Internal) }))
  if ((live.Attachable ?? false) !== desired.Attachable) out.push(phrase('stacks.said.networkDifference.attachable', { before: String(live.Attachable ?? false), after: String(desired.Attachable) }))
  for (const [k, v] of Object.entries(desired.Options ?? {})) if ((live.Options ?? {})[k] !== v) out.push(phrase('stacks.said.networkDifference.option', { option: k, before: (live.Options ?? {})[k] ?? none, after: v }))
  const liveLabels = live.Labels ?? {}
  if (!jsonEqual(liveLabels, desired.Labels)) out.push(phrase('stacks.said.networkDifference.labels', { before: JSON.stringify(liveLabels), after: JSON.stringify(desired.Labels) }))
  const subnets = (desired.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s)
  const liveSubnets = (live.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s)
  if (subnets.length > 0 && !jsonEqual([...subnets].sort(), [...liveSubnets].sort())) out.push(phrase('stacks.said.networkDifference.subnets', { before: liveSubnets.join(',') || none, after: subnets.join(',') }))
  return out
}

/** A secret's or config's content changed: the problem, its fix and the reason the operation is blocked. */
function contentChanged(kind: 'secret' | 'config', values: { file: PhraseValue; name: string; entry: string; versioned: string }): { message: Phrase; fix: Phrase; reason: Phrase } {
  const { file, name, entry, versioned } = values
  if (kind === 'secret') {
    const reason = phrase('stacks.said.blocked.secretContentChanged', { file, name })
    return { reason, message: phrase('stacks.said.problem.secretContentChanged', { entry, reason }), fix: phrase('stacks.said.problem.secretContentChangedFix', { entry, versioned, name }) }
  }
  const reason = phrase('stacks.said.blocked.configContentChanged', { file, name })
  return { reason, message: phrase('stacks.said.problem.configContentChanged', { entry, reason }), fix: phrase('stacks.said.problem.configContentChangedFix', { entry, versioned, name }) }
}

/** What the phases of a plan add to: its operations, and its problems (worded where the plan is made). */
interface PlanOut {
  operations: StackOperation[]
  problem(p: Pick<PlanProblem, 'severity' | 'code' | 'subject'> & { said: Phrase; fixSaid?: Phrase | null; path?: string | null }): void
}

/** 2. networks: created when missing among the stack's labelled networks, never updated; external ones must exist with swarm scope. */
function planNetworks(input: PlanInput, { operations, problem }: PlanOut): void {
  const { compiled, live } = input
  const stack = compiled.stack
  const networksByName = new Map<string, LiveNetwork[]>()
  for (const n of live.networks) networksByName.set(n.Name, [...(networksByName.get(n.Name) ?? []), n])
  for (const network of compiled.networks) {
    const same = networksByName.get(network.name) ?? []
    const mine = same.find((n) => (n.Labels ?? {})[LABEL_NAMESPACE] === stack)
    if (mine) {
      const differences = networkDifferences(network.spec, mine)
      const notes = differences.length ? [phrase('stacks.said.note.networkSettingsDiffer', { differences: joinedPhrases(differences) })] : []
      if (differences.length) {
        problem({
          severity: 'warning',
          code: 'network-settings-differ',
          subject: network.name,
          said: phrase('stacks.said.problem.networkSettingsDiffer', { network: network.name, differences: joinedPhrases(differences) }),
          fixSaid: phrase('stacks.said.problem.networkSettingsDifferFix'),
          path: `networks.${network.key}`
        })
      }
      operations.push(operation({ kind: 'network.unchanged', phase: 'networks', name: network.name, key: network.key, notes }))
      continue
    }
    const op = operation({ kind: 'network.create', phase: 'networks', name: network.name, key: network.key, cli: networkCli(network.spec) })
    if (same.length > 0) {
      op.blocked = worded(phrase('stacks.said.blocked.networkOutsideStack', { network: network.name, stack }))
      problem({
        severity: 'error',
        code: 'network-name-conflict',
        subject: network.name,
        said: phrase('stacks.said.problem.networkNameConflict', { network: network.name, stack, label: LABEL_NAMESPACE }),
        fixSaid: phrase('stacks.said.problem.networkNameConflictFix', { entry: network.key, network: network.name }),
        path: `networks.${network.key}`
      })
    }
    operations.push(op)
  }
  for (const name of compiled.externalNetworks) {
    if (!isUserDefinedNetwork(name)) continue
    const found = networksByName.get(name) ?? []
    if (found.length === 0) {
      problem({
        severity: 'error',
        code: 'external-network-missing',
        subject: name,
        said: phrase('stacks.said.problem.externalNetworkMissing', { network: name }),
        fixSaid: phrase('stacks.said.problem.externalNetworkMissingFix', { command: `docker network create --driver overlay --attachable ${shellQuote(name)}` })
      })
    } else if (!found.some((n) => n.Scope === 'swarm')) {
      problem({
        severity: 'error',
        code: 'external-network-scope',
        subject: name,
        said: phrase('stacks.said.problem.externalNetworkScope', { network: name, scope: found[0].Scope ?? '' }),
        fixSaid: phrase('stacks.said.problem.externalNetworkScopeFix', { network: name })
      })
    }
  }
}

/** 3-4. secrets and configs: created when missing (by name), labels refreshed, content immutable */
function planFileObjects(input: PlanInput, { operations, problem }: PlanOut, kind: 'secret' | 'config'): void {
  const { compiled, live } = input
  const desired = kind === 'secret' ? compiled.secrets : compiled.configs
  const existing = new Map<string, { id: string; labels: Record<string, string> }>(
    (kind === 'secret' ? live.secrets : live.configs).map((o) => [o.Spec.Name, { id: o.ID, labels: o.Spec.Labels ?? {} }])
  )
  const phase = kind === 'secret' ? ('secrets' as const) : ('configs' as const)
  for (const object of desired) {
    const check = input.content.get(contentKey(kind, object.name)) ?? { state: 'unknown' as const, detail: null }
    const found = existing.get(object.name)
    const file = object.dataSource.kind === 'file' ? object.dataSource.path : null
    const fileWord = file ?? phrase('stacks.said.itsFile')
    if (check.state === 'unreadable') {
      const said = phrase('stacks.said.problem.fileUnreadable', { kind: kindWord(kind), entry: object.key, file: fileWord, detail: check.detail ?? phrase('stacks.said.unreadable') })
      problem({ severity: 'error', code: 'file-unreadable', subject: object.name, said, path: `${kind}s.${object.key}.file` })
    }
    if (!found) {
      const cli = ['docker', kind, 'create', ...labelFlags(object.spec.Labels)]
      if ('Driver' in object.spec && object.spec.Driver?.Name) cli.push('--driver', shellQuote(object.spec.Driver.Name))
      if (object.spec.Templating?.Name) cli.push('--template-driver', shellQuote(object.spec.Templating.Name))
      cli.push(shellQuote(object.name))
      if (file) cli.push(shellQuote(file))
      operations.push(operation({ kind: `${kind}.create`, phase, name: object.name, key: object.key, cli: cli.join(' ') }))
      continue
    }
    if (check.state === 'changed') {
      const versioned = nextVersionedName(object.name)
      const said = contentChanged(kind, { file: fileWord, name: object.name, entry: object.key, versioned })
      problem({ severity: 'error', code: kind === 'secret' ? 'secret-content-changed' : 'config-content-changed', subject: object.name, said: said.message, fixSaid: said.fix, path: `${kind}s.${object.key}` })
      operations.push(operation({ kind: `${kind}.content-changed`, phase, name: object.name, key: object.key, blocked: said.reason, notes: [phrase('stacks.said.note.rename', { versioned })] }))
      continue
    }
    const notes: Phrase[] = []
    if (check.state === 'unknown') {
      notes.push(check.detail ? phrase('stacks.said.note.contentNotComparedDetail', { detail: check.detail }) : phrase('stacks.said.note.contentNotCompared'))
      const said = check.detail
        ? phrase('stacks.said.problem.contentUnknownDetail', { kind: kindWord(kind), name: object.name, detail: check.detail })
        : phrase('stacks.said.problem.contentUnknown', { kind: kindWord(kind), name: object.name })
      problem({ severity: 'warning', code: 'content-unknown', subject: object.name, said })
    }
    const changes = labelChanges(found.labels, object.spec.Labels)
    if (changes.length === 0) operations.push(operation({ kind: `${kind}.unchanged`, phase, name: object.name, key: object.key, notes }))
    else operations.push(operation({ kind: `${kind}.update-labels`, phase, name: object.name, key: object.key, changes, notes }))
  }
}

/** External secrets and configs (and any name the services use) must exist. */
function checkExternalObjects(input: PlanInput, { problem }: PlanOut, secretIds: ReadonlyMap<string, string>, configIds: ReadonlyMap<string, string>): void {
  const { compiled } = input
  const createdSecrets = new Set(compiled.secrets.map((s) => s.name))
  const createdConfigs = new Set(compiled.configs.map((c) => c.name))
  const missing = new Set<string>()
  for (const service of compiled.services) {
    for (const ref of service.spec.TaskTemplate.ContainerSpec.Secrets ?? []) {
      if (!createdSecrets.has(ref.SecretName) && !secretIds.has(ref.SecretName) && !missing.has(`s:${ref.SecretName}`)) {
        missing.add(`s:${ref.SecretName}`)
        problem({ severity: 'error', code: 'external-secret-missing', subject: ref.SecretName, said: phrase('stacks.said.problem.externalSecretMissing', { name: ref.SecretName, quoted: shellQuote(ref.SecretName) }) })
      }
    }
    for (const ref of service.spec.TaskTemplate.ContainerSpec.Configs ?? []) {
      if (!createdConfigs.has(ref.ConfigName) && !configIds.has(ref.ConfigName) && !missing.has(`c:${ref.ConfigName}`)) {
        missing.add(`c:${ref.ConfigName}`)
        problem({ severity: 'error', code: 'external-config-missing', subject: ref.ConfigName, said: phrase('stacks.said.problem.externalConfigMissing', { name: ref.ConfigName, quoted: shellQuote(ref.ConfigName) }) })
      }
    }
  }
}

/** 5. services: created, updated (a mode change blocks) or unchanged, by name. */
function planServices(input: PlanInput, { operations, problem }: PlanOut, secretIds: ReadonlyMap<string, string>, configIds: ReadonlyMap<string, string>): void {
  const { compiled, live, options } = input
  const stack = compiled.stack
  const servicesByName = new Map(live.services.map((s) => [str(s.Spec.Name) ?? '', s]))
  const ctx = compareContext(live)
  const unresolved: Parameters<typeof groupUnresolvedImages>[0][number][] = []
  for (const compiledService of [...compiled.services].sort((a, b) => byString(a.name, b.name))) {
    const any = servicesByName.get(compiledService.name)
    const current = stackService(any, stack)
    const resolution = input.images.get(compiledService.engineImage)
    const desired = desiredServiceSpec({ compiled: compiledService, live: current, mode: options.resolveImage, resolution, secretIds, configIds, drift: input.drift })
    if (desired.unresolved) unresolved.push({ service: compiledService.name, key: compiledService.key, unresolved: desired.unresolved })
    const quoted = shellQuote(compiledService.name)
    if (!current) {
      const image = phrase('stacks.said.note.image', { image: desired.spec.TaskTemplate.ContainerSpec.Image ?? '' })
      const op = operation({ kind: 'service.create', phase: 'services', name: compiledService.name, key: compiledService.key, notes: [image, ...desired.notes] })
      if (any) {
        const owner = labelsOf(any.Spec)[LABEL_NAMESPACE]
        op.blocked = worded(phrase('stacks.said.blocked.serviceOutsideStack', { service: compiledService.name, stack }))
        problem({
          severity: 'error',
          code: 'service-name-conflict',
          subject: compiledService.name,
          said: owner
            ? phrase('stacks.said.problem.serviceInOtherStack', { service: compiledService.name, owner })
            : phrase('stacks.said.problem.serviceOutsideStacks', { service: compiledService.name }),
          fixSaid: phrase('stacks.said.problem.serviceNameConflictFix', { quoted }),
          path: `services.${compiledService.key}`
        })
      }
      operations.push(op)
      continue
    }
    const comparison = compareServiceSpecs(compiledService.key, desired.spec, current.Spec, ctx)
    if (comparison.modeChange) {
      const { from, to } = comparison.modeChange
      const reason = phrase('stacks.said.blocked.modeChange', { from: modePhrase(from), to: modePhrase(to) })
      problem({
        severity: 'error',
        code: 'mode-change',
        subject: compiledService.name,
        said: phrase('stacks.said.problem.modeChange', { service: compiledService.name, reason }),
        fixSaid: phrase('stacks.said.problem.modeChangeFix', { quoted }),
        path: `services.${compiledService.key}.deploy.mode`
      })
      operations.push(operation({ kind: 'service.update', phase: 'services', name: compiledService.name, key: compiledService.key, changes: comparison.changes, blocked: reason }))
      continue
    }
    if (comparison.changes.length === 0) {
      operations.push(operation({ kind: 'service.unchanged', phase: 'services', name: compiledService.name, key: compiledService.key, notes: desired.notes }))
      continue
    }
    const notes = [...desired.notes]
    if (comparison.restarts) notes.push(phrase('stacks.said.note.tasksReplaced'))
    else if (comparison.placementOnly) notes.push(phrase('stacks.said.note.placementChange'))
    else notes.push(phrase('stacks.said.note.tasksKept'))
    operations.push(operation({ kind: 'service.update', phase: 'services', name: compiledService.name, key: compiledService.key, changes: comparison.changes, restarts: comparison.restarts, notes }))
  }
  for (const warning of groupUnresolvedImages(unresolved)) {
    problem({ severity: 'warning', code: 'image-unresolved', subject: warning.image, said: warning.said, path: warning.firstKey === null ? null : `services.${warning.firstKey}.image` })
  }
}

export function planStack(input: PlanInput): StackPlan {
  const { compiled, live, options } = input
  const stack = compiled.stack
  const problems: PlanProblem[] = []
  const operations: StackOperation[] = []
  const locate = (p: string | null) => (p && input.locate ? input.locate(p) : null)
  const problem = ({ said, fixSaid = null, path = null, ...p }: Pick<PlanProblem, 'severity' | 'code' | 'subject'> & { said: Phrase; fixSaid?: Phrase | null; path?: string | null }): void => {
    const found = withWords({ ...p, message: '', said, fix: fixSaid ? '' : null, fixSaid, path, location: locate(path) })
    problems.push(fixSaid ? wordOnRead(found, 'fix', fixSaid) : found)
  }
  const out: PlanOut = { operations, problem }

  for (const issue of compiled.errors) problem({ severity: 'error', code: 'compile', subject: issue.subject, said: issue.said, path: issue.path || null })
  for (const issue of compiled.warnings) problem({ severity: 'warning', code: 'compile', subject: issue.subject, said: issue.said, path: issue.path || null })

  const stackServices = live.services.filter((s) => labelsOf(s.Spec)[LABEL_NAMESPACE] === stack)
  const desiredNames = new Set(compiled.services.map((s) => s.name))

  // 1. prune: the stack's services the files no longer have
  const notInFile = stackServices.map((s) => str(s.Spec.Name) ?? s.ID).filter((n) => !desiredNames.has(n)).sort(byString)
  if (options.prune) {
    for (const name of notInFile) operations.push(operation({ kind: 'service.remove', phase: 'prune', name, key: null, cli: `docker service rm ${shellQuote(name)}`, notes: [phrase('stacks.said.note.pruned')] }))
  }

  planNetworks(input, out)
  planFileObjects(input, out, 'secret')
  planFileObjects(input, out, 'config')
  const secretIds = new Map(live.secrets.map((s) => [s.Spec.Name, s.ID]))
  const configIds = new Map(live.configs.map((c) => [c.Spec.Name, c.ID]))
  checkExternalObjects(input, out, secretIds, configIds)
  planServices(input, out, secretIds, configIds)

  const count = (...kinds: StackOperation['kind'][]) => operations.filter((o) => kinds.includes(o.kind)).length
  return {
    stack,
    ok: !problems.some((p) => p.severity === 'error'),
    operations,
    problems,
    // Filled by the stack service from the mirror (the planner here sees no nodes).
    placement: [],
    summary: {
      create: count('network.create', 'secret.create', 'config.create', 'service.create'),
      update: count('secret.update-labels', 'config.update-labels', 'service.update'),
      unchanged: count('network.unchanged', 'secret.unchanged', 'config.unchanged', 'service.unchanged'),
      remove: count('service.remove'),
      restarting: operations.filter((o) => o.restarts).map((o) => o.name),
      notInFile
    },
    options: { ...options },
    variables: input.variables,
    files: input.files,
    cli: deployCli(stack, input.files, options),
    fingerprint: ''
  }
}
