// Compose model -> Engine API bodies, field for field what docker/cli's cli/compose/convert builds
// for `docker stack deploy` (names `<stack>_<key>`, stack labels, sorting, defaults, units).
// Pure: no files are read (secrets and configs carry the path to read) and no engine lookups are
// made (SecretID/ConfigID are left empty for the applier to fill in by name).
import { phrase, type Phrase, type PhraseValue } from '../../shared/phrase'
import { withWords } from '../i18n/words'
import type { ComposeModel, FileObjectConfig, NetworkConfig, ServiceConfig, ServiceFileRef, UpdateConfig } from './compose-types'
import { canonicalIP, canonicalPrefix, parseCPUs } from './go-parse'
import { taggedFamiliarImage } from './image-reference'
import { kindWord } from './stack-phrases'
import type {
  ConfigReferenceBody,
  ConfigSpecBody,
  ContainerSpecBody,
  CredentialSpecBody,
  HealthcheckBody,
  Labels,
  MountBody,
  NetworkAttachmentBody,
  NetworkCreateBody,
  PortConfigBody,
  ResourcesBody,
  RestartPolicyBody,
  SecretReferenceBody,
  SecretSpecBody,
  ServiceModeBody,
  ServiceSpecBody,
  UpdateConfigBody
} from '../docker/engine-specs'

export const LABEL_NAMESPACE = 'com.docker.stack.namespace'
export const LABEL_IMAGE = 'com.docker.stack.image'
const DEFAULT_NETWORK = 'default'
const DEFAULT_NETWORK_DRIVER = 'overlay'

export interface Namespace {
  name: string
  scope(key: string): string
  descope(name: string): string
}

export function namespace(stack: string): Namespace {
  return {
    name: stack,
    scope: (key) => `${stack}_${key}`,
    descope: (name) => (name.startsWith(`${stack}_`) ? name.slice(stack.length + 1) : name)
  }
}

/**
 * cli/command/stack/common.go refuses only empty or whitespace-and-quotes names; the engine then
 * refuses `<stack>_default` unless the stack is a DNS name component (swarmkit's
 * validateAnnotations), so such names are refused here before anything is made.
 */
export function validateStackName(stack: string): Phrase | null {
  if (/^[\s"']*$/u.test(stack)) return phrase('stacks.said.stackName.blank', { name: JSON.stringify(stack) })
  if (!DNS_COMPONENT.test(stack)) return phrase('stacks.said.stackName.dns', { name: JSON.stringify(stack), stack })
  return null
}

/** swarmkit controlapi: isValidDNSName, for services and networks */
const DNS_COMPONENT = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/
/** swarmkit controlapi: validateSecretOrConfigName */
const SECRET_OR_CONFIG_NAME = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/

/** What the engine would answer when creating an object of that name (null: it accepts the name). */
export function objectNameProblem(kind: 'service' | 'network' | 'secret' | 'config', name: string): Phrase | null {
  if (kind === 'secret' || kind === 'config') {
    if (name.length > 64) return phrase('stacks.said.objectName.tooLong', { kind: kindWord(kind), name, length: name.length, max: 64 })
    return SECRET_OR_CONFIG_NAME.test(name) ? null : phrase('stacks.said.objectName.secretOrConfig', { kind: kindWord(kind), name: JSON.stringify(name) })
  }
  if (!DNS_COMPONENT.test(name)) return phrase('stacks.said.objectName.dns', { kind: kindWord(kind), name: JSON.stringify(name) })
  if (name.length > 63) return phrase('stacks.said.objectName.tooLong', { kind: kindWord(kind), name, length: name.length, max: 63 })
  return null
}

/** container.NetworkMode(name).IsUserDefined() on Linux */
export function isUserDefinedNetwork(name: string): boolean {
  return !['default', 'bridge', 'host', 'none'].includes(name) && !name.startsWith('container:')
}

export interface CompileIssue {
  /** compose key of the service, network, secret or config concerned ('' for the stack) */
  subject: string
  /** dotted path into the compose model, e.g. services.web.deploy.mode */
  path: string
  /** in English, for the CLI and logs */
  message: string
  /** `message` as a phrase, for the app in the user's language */
  said: Phrase
}

function compileIssue(subject: string, path: string, said: Phrase): CompileIssue {
  return withWords({ subject, path, message: '', said })
}

export type FileDataSource = { kind: 'file'; path: string } | { kind: 'driver' }

export interface CompiledNetwork {
  key: string
  name: string
  spec: NetworkCreateBody
}

export interface CompiledSecret {
  key: string
  name: string
  spec: SecretSpecBody
  dataSource: FileDataSource
}

export interface CompiledConfig {
  key: string
  name: string
  spec: ConfigSpecBody
  dataSource: { kind: 'file'; path: string }
}

export interface CompiledService {
  key: string
  name: string
  spec: ServiceSpecBody
  /** ContainerSpec.Image as the Go client sends it when nothing is resolved (`nginx` -> `nginx:latest`) */
  engineImage: string
  /** credential_spec.config names the config whose ID goes into Privileges.CredentialSpec.Config */
  credentialSpecConfig: string | null
}

export interface CompiledStack {
  stack: string
  /** networks to create when missing, sorted by name */
  networks: CompiledNetwork[]
  /** external networks referenced by services: they must exist with swarm scope (see isUserDefinedNetwork) */
  externalNetworks: string[]
  secrets: CompiledSecret[]
  configs: CompiledConfig[]
  services: CompiledService[]
  errors: CompileIssue[]
  warnings: CompileIssue[]
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function withStackLabel(ns: Namespace, labels: Labels | null | undefined): Labels {
  return { ...(labels ?? {}), [LABEL_NAMESPACE]: ns.name }
}

const nonEmpty = <T>(list: T[] | null | undefined): T[] | undefined => (list && list.length > 0 ? list : undefined)
const nonEmptyMap = (map: Record<string, string> | null | undefined): Record<string, string> | undefined => (map && Object.keys(map).length > 0 ? map : undefined)

function convertNetwork(ns: Namespace, key: string, nw: NetworkConfig | undefined): NetworkCreateBody {
  const config = nw ?? null
  let ipam: NetworkCreateBody['IPAM'] = null
  if (config && (config.ipam.driver !== '' || config.ipam.config.length > 0)) {
    const entries = config.ipam.config.map((c) => {
      const subnet = canonicalPrefix(c.subnet)
      return subnet ? { Subnet: subnet } : {}
    })
    ipam = { Driver: config.ipam.driver, Options: null, Config: entries.length > 0 ? entries : null }
  }
  return {
    Name: config && config.name !== '' ? config.name : ns.scope(key),
    Driver: config && config.driver !== '' ? config.driver : DEFAULT_NETWORK_DRIVER,
    Scope: '',
    IPAM: ipam,
    Internal: config?.internal ?? false,
    Attachable: config?.attachable ?? false,
    Ingress: false,
    ConfigOnly: false,
    ConfigFrom: null,
    Options: config?.driverOpts ?? null,
    Labels: withStackLabel(ns, config?.labels)
  }
}

function fileObjectName(ns: Namespace, key: string, obj: FileObjectConfig): string {
  return obj.name !== '' ? obj.name : ns.scope(key)
}

function convertUpdateConfig(source: UpdateConfig | null): UpdateConfigBody | undefined {
  if (source === null) return undefined
  const body: UpdateConfigBody = { Parallelism: source.parallelism ?? 1, MaxFailureRatio: source.maxFailureRatio, Order: source.order }
  if (source.delay !== 0) body.Delay = source.delay
  if (source.failureAction !== '') body.FailureAction = source.failureAction
  if (source.monitor !== 0) body.Monitor = source.monitor
  return body
}

/** opts.EffectiveCapAddCapDrop */
export function effectiveCapabilities(add: string[], drop: string[]): { add: string[]; drop: string[] } {
  const normalize = (c: string): string => {
    const up = c.trim().toUpperCase()
    return up === 'ALL' || up === 'RESET' || up.startsWith('CAP_') ? up : `CAP_${up}`
  }
  let addSet = new Set(add.map(normalize))
  let dropSet = new Set(drop.map(normalize))
  if (addSet.has('ALL')) addSet = new Set(['ALL'])
  if (dropSet.has('ALL')) dropSet = new Set(['ALL'])
  const outDrop = [...dropSet].filter((c) => !addSet.has(c) && c !== 'RESET').sort(byString)
  const outAdd = [...addSet].filter((c) => c !== 'RESET').sort(byString)
  return { add: outAdd, drop: outDrop }
}

function comparePorts(a: PortConfigBody, b: PortConfigBody): number {
  return (
    (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0) ||
    (a.TargetPort ?? 0) - (b.TargetPort ?? 0) ||
    byString(a.Protocol ?? '', b.Protocol ?? '') ||
    byString(a.PublishMode ?? '', b.PublishMode ?? '')
  )
}

/** opts.ParseRestartPolicy + convertRestartPolicy's fallback for the legacy `restart:` field */
function legacyRestartPolicy(restart: string): { policy: RestartPolicyBody | undefined } | { error: Phrase } {
  if (restart === '') return { policy: undefined }
  const colon = restart.indexOf(':')
  const name = colon < 0 ? restart : restart.slice(0, colon)
  const count = colon < 0 ? '' : restart.slice(colon + 1)
  if (colon >= 0 && name === '') return { error: phrase('stacks.said.compile.restartNoPolicy') }
  let retries = 0
  if (count !== '') {
    if (!/^[+-]?[0-9]+$/.test(count)) return { error: phrase('stacks.said.compile.restartCountInteger') }
    retries = Number(count)
  }
  if (retries < 0) return { error: phrase('stacks.said.compile.restartCountNegative') }
  const withAttempts = (condition: string): RestartPolicyBody => (retries > 0 ? { Condition: condition, MaxAttempts: retries } : { Condition: condition })
  switch (name) {
    case 'no':
    case '':
      return { policy: undefined }
    case 'always':
    case 'unless-stopped':
      return { policy: withAttempts('any') }
    case 'on-failure':
      return { policy: withAttempts('on-failure') }
    default:
      return { error: phrase('stacks.said.compile.restartUnknown', { policy: name }) }
  }
}

export interface CompileOptions {
  /** not used yet; reserved for engine-version specific output */
  apiVersion?: string
}

export function compileStack(stack: string, model: ComposeModel, _options: CompileOptions = {}): CompiledStack {
  const ns = namespace(stack)
  const errors: CompileIssue[] = []
  const warnings: CompileIssue[] = []
  const stackNameProblem = validateStackName(stack)
  if (stackNameProblem) errors.push(compileIssue('', '', stackNameProblem))

  // Networks: only those some service uses; a service without networks uses `default`.
  const used = new Set<string>()
  for (const service of model.services) {
    const keys = Object.keys(service.networks)
    if (keys.length === 0) used.add(DEFAULT_NETWORK)
    for (const key of keys) used.add(key)
  }
  const networks: CompiledNetwork[] = []
  const externalNetworks: string[] = []
  for (const key of [...used].sort(byString)) {
    const nw = Object.prototype.hasOwnProperty.call(model.networks, key) ? model.networks[key] : undefined
    if (nw?.external.external) {
      externalNetworks.push(nw.name)
      continue
    }
    const spec = convertNetwork(ns, key, nw)
    networks.push({ key, name: spec.Name, spec })
  }
  networks.sort((a, b) => byString(a.name, b.name))
  for (const [key, nw] of Object.entries(model.networks)) {
    if (!used.has(key) && !nw.external.external) {
      warnings.push(compileIssue(key, `networks.${key}`, phrase('stacks.said.compile.networkUnused', { network: key })))
    }
  }

  const secrets: CompiledSecret[] = []
  for (const [key, secret] of Object.entries(model.secrets).sort(([a], [b]) => byString(a, b))) {
    if (secret.external.external) continue
    const name = fileObjectName(ns, key, secret)
    const spec: SecretSpecBody = { Name: name, Labels: withStackLabel(ns, secret.labels) }
    if (secret.driver !== '') {
      spec.Driver = { Name: secret.driver }
      const opts = nonEmptyMap(secret.driverOpts)
      if (opts) spec.Driver.Options = opts
    }
    if (secret.templateDriver !== '') spec.Templating = { Name: secret.templateDriver }
    secrets.push({ key, name, spec, dataSource: secret.driver !== '' ? { kind: 'driver' } : { kind: 'file', path: secret.file } })
  }

  const configs: CompiledConfig[] = []
  for (const [key, config] of Object.entries(model.configs).sort(([a], [b]) => byString(a, b))) {
    if (config.external.external) continue
    const name = fileObjectName(ns, key, config)
    const spec: ConfigSpecBody = { Name: name, Labels: withStackLabel(ns, config.labels) }
    if (config.templateDriver !== '') spec.Templating = { Name: config.templateDriver }
    configs.push({ key, name, spec, dataSource: { kind: 'file', path: config.file } })
  }

  const services = model.services.map((service) => compileService(ns, model, service, errors, warnings))
  // names the engine would refuse, once the stack name itself is known to be fine
  if (!stackNameProblem) {
    const named: Array<['service' | 'network' | 'secret' | 'config', string, string]> = [
      ...networks.map((n) => ['network', n.name, `networks.${n.key}`] as ['network', string, string]),
      ...secrets.map((o) => ['secret', o.name, `secrets.${o.key}`] as ['secret', string, string]),
      ...configs.map((o) => ['config', o.name, `configs.${o.key}`] as ['config', string, string]),
      ...services.map((o) => ['service', o.name, `services.${o.key}`] as ['service', string, string])
    ]
    for (const [kind, name, path] of named) {
      const problem = objectNameProblem(kind, name)
      if (problem) errors.push(compileIssue(name, path, problem))
    }
  }
  return { stack, networks, externalNetworks, secrets, configs, services, errors, warnings }
}

function fileReference(
  ns: Namespace,
  ref: ServiceFileRef,
  objects: Record<string, FileObjectConfig>
): { name: string; target: FileTargetLike } | { error: string } {
  if (!Object.prototype.hasOwnProperty.call(objects, ref.source)) return { error: '' }
  const obj = objects[ref.source]
  return {
    name: obj.name !== '' ? obj.name : ns.scope(ref.source),
    target: { Name: ref.target !== '' ? ref.target : ref.source, UID: ref.uid !== '' ? ref.uid : '0', GID: ref.gid !== '' ? ref.gid : '0', Mode: ref.mode ?? 0o444 }
  }
}

interface FileTargetLike {
  Name: string
  UID: string
  GID: string
  Mode: number
}

function compileService(ns: Namespace, model: ComposeModel, service: ServiceConfig, errors: CompileIssue[], warnings: CompileIssue[]): CompiledService {
  const key = service.name
  const serviceIssue = (path: string, problem: PhraseValue): CompileIssue =>
    compileIssue(key, `services.${key}${path ? '.' + path : ''}`, phrase('stacks.said.compile.service', { service: key, problem }))
  const fail = (path: string, problem: PhraseValue): void => {
    errors.push(serviceIssue(path, problem))
  }

  // secrets: undefined ones, duplicate targets, sorted by name
  const secretRefs: SecretReferenceBody[] = []
  const secretTargets = new Set<string>()
  ;(service.secrets ?? []).forEach((ref, i) => {
    const resolved = fileReference(ns, ref, model.secrets)
    if ('error' in resolved) return fail(`secrets.${i}`, phrase('stacks.said.compile.undefinedSecret', { name: ref.source }))
    if (secretTargets.has(resolved.target.Name)) return fail(`secrets.${i}`, phrase('stacks.said.compile.duplicateSecretTarget', { name: resolved.name }))
    secretTargets.add(resolved.target.Name)
    secretRefs.push({ File: resolved.target, SecretID: '', SecretName: resolved.name })
  })
  // sort.Slice by name only; for the few references a service has it is an insertion sort, stable,
  // so references to the same secret keep their file order (the recorded CLI bodies show it)
  secretRefs.sort((a, b) => byString(a.SecretName, b.SecretName))

  // configs, plus a Runtime reference for credential_spec.config
  const fileConfigRefs: ConfigReferenceBody[] = []
  const configTargets = new Set<string>()
  ;(service.configs ?? []).forEach((ref, i) => {
    const resolved = fileReference(ns, ref, model.configs)
    if ('error' in resolved) return fail(`configs.${i}`, phrase('stacks.said.compile.undefinedConfig', { name: ref.source }))
    if (configTargets.has(resolved.target.Name)) return fail(`configs.${i}`, phrase('stacks.said.compile.duplicateConfigTarget', { name: resolved.name }))
    configTargets.add(resolved.target.Name)
    fileConfigRefs.push({ File: resolved.target, ConfigID: '', ConfigName: resolved.name })
  })
  const runtimeRefs: ConfigReferenceBody[] = []
  const cred = service.credentialSpec
  if (cred.config !== '') {
    if (!Object.prototype.hasOwnProperty.call(model.configs, cred.config)) fail('credential_spec.config', phrase('stacks.said.compile.undefinedConfig', { name: cred.config }))
    else {
      const obj = model.configs[cred.config]
      runtimeRefs.push({ Runtime: {}, ConfigID: '', ConfigName: obj.name !== '' ? obj.name : ns.scope(cred.config) })
    }
  }
  fileConfigRefs.sort((a, b) => byString(a.ConfigName, b.ConfigName))
  const configRefs = [...fileConfigRefs, ...runtimeRefs].sort((a, b) => byString(a.ConfigName, b.ConfigName))

  // endpoint
  const ports: PortConfigBody[] = (service.ports ?? []).map((p) => {
    const body: PortConfigBody = {}
    if (p.protocol !== '') body.Protocol = p.protocol
    if (p.target !== 0) body.TargetPort = p.target
    if (p.published !== 0) body.PublishedPort = p.published
    if (p.mode !== '') body.PublishMode = p.mode
    return body
  })
  ports.sort(comparePorts)
  const endpointSpec: ServiceSpecBody['EndpointSpec'] = {}
  if (service.deploy.endpointMode !== '') endpointSpec.Mode = service.deploy.endpointMode.toLowerCase()
  if (ports.length > 0) endpointSpec.Ports = ports

  // mode
  const replicas = service.deploy.replicas
  if (replicas !== null && replicas < 0) fail('deploy.replicas', phrase('stacks.said.compile.replicasNegative', { replicas }))
  let mode: ServiceModeBody = { Replicated: {} }
  switch (service.deploy.mode) {
    case 'global-job':
    case 'global':
      if (replicas !== null) fail('deploy.replicas', phrase('stacks.said.compile.replicasWithGlobal'))
      mode = service.deploy.mode === 'global' ? { Global: {} } : { GlobalJob: {} }
      break
    case 'replicated-job':
      mode = { ReplicatedJob: replicas === null ? {} : { MaxConcurrent: replicas, TotalCompletions: replicas } }
      break
    case 'replicated':
    case '':
      mode = { Replicated: replicas === null ? {} : { Replicas: replicas } }
      break
    default:
      fail('deploy.mode', phrase('stacks.said.compile.unknownMode', { mode: service.deploy.mode }))
  }

  // mounts, in compose order
  const mounts: MountBody[] = []
  ;(service.volumes ?? []).forEach((volume, i) => {
    const at = `volumes.${i}`
    const base = (): MountBody => {
      const m: MountBody = {}
      if (volume.type !== '') m.Type = volume.type
      if (volume.source !== '') m.Source = volume.source
      if (volume.target !== '') m.Target = volume.target
      if (volume.readOnly) m.ReadOnly = true
      if (volume.consistency !== '') m.Consistency = volume.consistency
      return m
    }
    const incompatible = (opts: ('bind' | 'volume' | 'image' | 'tmpfs' | 'cluster')[], type: string): boolean => {
      const names: Record<string, string> = { bind: 'bind', volume: 'volume', image: type === 'volume' ? 'images' : 'image', tmpfs: 'tmpfs', cluster: 'cluster' }
      for (const opt of opts) {
        if (volume[opt] !== null) {
          fail(at, phrase('stacks.said.compile.mountOptionsIncompatible', { option: names[opt], type }))
          return true
        }
      }
      return false
    }
    switch (volume.type) {
      case 'volume':
      case '': {
        if (incompatible(['image', 'tmpfs', 'bind', 'cluster'], 'volume')) return
        const m = base()
        if (volume.source === '') {
          mounts.push(m)
          return
        }
        if (!Object.prototype.hasOwnProperty.call(model.volumes, volume.source)) return fail(at, phrase('stacks.said.compile.undefinedVolume', { name: volume.source }))
        const stackVolume = model.volumes[volume.source]
        m.Source = stackVolume.name !== '' ? stackVolume.name : ns.scope(volume.source)
        const options: NonNullable<MountBody['VolumeOptions']> = {}
        if (volume.volume?.nocopy) options.NoCopy = true
        if (volume.volume && volume.volume.subpath !== '') options.Subpath = volume.volume.subpath
        if (!stackVolume.external.external) {
          options.Labels = withStackLabel(ns, stackVolume.labels)
          if (stackVolume.driver !== '' || stackVolume.driverOpts !== null) {
            const driver: NonNullable<typeof options.DriverConfig> = {}
            if (stackVolume.driver !== '') driver.Name = stackVolume.driver
            const opts = nonEmptyMap(stackVolume.driverOpts)
            if (opts) driver.Options = opts
            options.DriverConfig = driver
          }
        }
        m.VolumeOptions = options
        mounts.push(m)
        return
      }
      case 'image': {
        if (volume.source === '') return fail(at, phrase('stacks.said.compile.mountSourceEmpty', { type: 'image' }))
        if (incompatible(['volume', 'bind', 'tmpfs', 'cluster'], 'image')) return
        const m = base()
        if (volume.image) m.ImageOptions = volume.image.subpath !== '' ? { Subpath: volume.image.subpath } : {}
        mounts.push(m)
        return
      }
      case 'bind': {
        if (volume.source === '') return fail(at, phrase('stacks.said.compile.mountSourceEmpty', { type: 'bind' }))
        if (incompatible(['volume', 'image', 'tmpfs', 'cluster'], 'bind')) return
        const m = base()
        if (volume.bind) m.BindOptions = volume.bind.propagation !== '' ? { Propagation: volume.bind.propagation } : {}
        mounts.push(m)
        return
      }
      case 'tmpfs': {
        if (volume.source !== '') return fail(at, phrase('stacks.said.compile.tmpfsSourceSet'))
        if (incompatible(['bind', 'volume', 'image', 'cluster'], 'tmpfs')) return
        const m = base()
        if (volume.tmpfs) m.TmpfsOptions = volume.tmpfs.size !== 0 ? { SizeBytes: volume.tmpfs.size } : {}
        mounts.push(m)
        return
      }
      case 'npipe': {
        if (volume.source === '') return fail(at, phrase('stacks.said.compile.mountSourceEmpty', { type: 'npipe' }))
        if (incompatible(['volume', 'image', 'tmpfs'], 'npipe')) return
        const m = base()
        if (volume.bind) m.BindOptions = volume.bind.propagation !== '' ? { Propagation: volume.bind.propagation } : {}
        mounts.push(m)
        return
      }
      case 'cluster': {
        if (volume.source === '') return fail(at, phrase('stacks.said.compile.mountSourceEmpty', { type: 'cluster' }))
        if (incompatible(['tmpfs', 'bind', 'volume'], 'cluster')) return
        const m = base()
        m.ClusterOptions = {}
        if (!volume.source.startsWith('group:')) {
          if (!Object.prototype.hasOwnProperty.call(model.volumes, volume.source)) return fail(at, phrase('stacks.said.compile.undefinedVolume', { name: volume.source }))
          const stackVolume = model.volumes[volume.source]
          m.Source = stackVolume.name !== '' ? stackVolume.name : ns.scope(volume.source)
        }
        mounts.push(m)
        return
      }
      default:
        fail(at, phrase('stacks.said.compile.volumeType'))
    }
  })

  // resources
  const resources: ResourcesBody = {}
  const cpus = (value: string, path: string): number => {
    if (value === '') return 0
    const parsed = parseCPUs(value)
    if (!parsed.ok) {
      fail(path, parsed.said)
      return 0
    }
    return parsed.value
  }
  // swarmkit's validateResources: the engine refuses these only at service create, after the
  // stack's networks, secrets and configs were made; refused here so nothing is made
  const engineMinimums = (nano: number, memory: number, kind: 'limits' | 'reservations'): void => {
    if (nano !== 0 && nano < 1e6) fail(`deploy.resources.${kind}.cpus`, phrase('stacks.said.compile.cpusMinimum', { section: kind, cpus: String(nano / 1e9) }))
    if (memory !== 0 && memory < 4 * 1024 * 1024) fail(`deploy.resources.${kind}.memory`, phrase('stacks.said.compile.memoryMinimum', { section: kind, bytes: String(memory) }))
  }
  const { limits, reservations } = service.deploy.resources
  if (limits) {
    const body: NonNullable<ResourcesBody['Limits']> = {}
    const nano = cpus(limits.nanoCPUs, 'deploy.resources.limits.cpus')
    if (nano !== 0) body.NanoCPUs = nano
    if (limits.memoryBytes !== 0) body.MemoryBytes = limits.memoryBytes
    engineMinimums(nano, limits.memoryBytes, 'limits')
    if (limits.pids !== 0) body.Pids = limits.pids
    resources.Limits = body
  }
  if (reservations) {
    const body: NonNullable<ResourcesBody['Reservations']> = {}
    const nano = cpus(reservations.nanoCPUs, 'deploy.resources.reservations.cpus')
    if (nano !== 0) body.NanoCPUs = nano
    if (reservations.memoryBytes !== 0) body.MemoryBytes = reservations.memoryBytes
    engineMinimums(nano, reservations.memoryBytes, 'reservations')
    const generic = reservations.genericResources.map((g) => {
      if (!g.discreteResourceSpec) return {}
      const spec: { Kind?: string; Value?: number } = {}
      if (g.discreteResourceSpec.kind !== '') spec.Kind = g.discreteResourceSpec.kind
      if (g.discreteResourceSpec.value !== 0) spec.Value = g.discreteResourceSpec.value
      return { DiscreteResourceSpec: spec }
    })
    if (generic.length > 0) body.GenericResources = generic
    resources.Reservations = body
  }

  // restart policy: deploy.restart_policy, else the legacy `restart:`
  let restartPolicy: RestartPolicyBody | undefined
  const rp = service.deploy.restartPolicy
  if (rp) {
    restartPolicy = {}
    // the schema takes any string; the engine refuses the service after the networks were made
    if (!['', 'none', 'on-failure', 'any'].includes(rp.condition)) {
      fail('deploy.restart_policy.condition', phrase('stacks.said.compile.restartCondition', { condition: JSON.stringify(rp.condition) }))
    }
    if (rp.condition !== '') restartPolicy.Condition = rp.condition
    if (rp.delay !== null) restartPolicy.Delay = rp.delay
    if (rp.maxAttempts !== null) restartPolicy.MaxAttempts = rp.maxAttempts
    if (rp.window !== null) restartPolicy.Window = rp.window
  } else {
    const legacy = legacyRestartPolicy(service.restart)
    if ('error' in legacy) fail('restart', legacy.error)
    else restartPolicy = legacy.policy
  }

  // healthcheck
  let healthcheck: HealthcheckBody | undefined
  const hc = service.healthcheck
  if (hc) {
    if (hc.disable) {
      if (hc.test && hc.test.length > 0) fail('healthcheck', phrase('stacks.said.compile.healthcheckTestAndDisable'))
      healthcheck = { Test: ['NONE'] }
    } else {
      healthcheck = {}
      if (hc.test && hc.test.length > 0) healthcheck.Test = hc.test
      if (hc.interval) healthcheck.Interval = hc.interval
      if (hc.timeout) healthcheck.Timeout = hc.timeout
      if (hc.startPeriod) healthcheck.StartPeriod = hc.startPeriod
      if (hc.startInterval) healthcheck.StartInterval = hc.startInterval
      if (hc.retries) healthcheck.Retries = hc.retries
    }
  }

  // networks: default when none, aliases + service key on user-defined networks, sorted by target
  const attachments: NetworkAttachmentBody[] = []
  const serviceNetworks = Object.keys(service.networks).length > 0 ? service.networks : { [DEFAULT_NETWORK]: null }
  for (const [networkKey, cfg] of Object.entries(serviceNetworks)) {
    const declared = Object.prototype.hasOwnProperty.call(model.networks, networkKey) ? model.networks[networkKey] : undefined
    if (!declared && networkKey !== DEFAULT_NETWORK) {
      fail(`networks.${networkKey}`, phrase('stacks.said.compile.undefinedNetwork', { name: networkKey }))
      continue
    }
    const target = declared && declared.name !== '' ? declared.name : ns.scope(networkKey)
    const aliases = [...(cfg?.aliases ?? [])]
    if (isUserDefinedNetwork(target)) aliases.push(key)
    const attachment: NetworkAttachmentBody = { Target: target }
    if (aliases.length > 0) attachment.Aliases = aliases
    const driverOpts = nonEmptyMap(cfg?.driverOpts)
    if (driverOpts) attachment.DriverOpts = driverOpts
    attachments.push(attachment)
  }
  attachments.sort((a, b) => byString(a.Target ?? '', b.Target ?? ''))

  // DNS: invalid nameservers are dropped silently by the CLI; we warn.
  let dnsConfig: ContainerSpecBody['DNSConfig']
  if (service.dns.length > 0 || service.dnsSearch.length > 0) {
    const nameservers: string[] = []
    for (const ip of service.dns) {
      const canonical = canonicalIP(ip)
      if (canonical === null) warnings.push(serviceIssue('dns', phrase('stacks.said.compile.dnsNotIp', { entry: JSON.stringify(ip) })))
      else nameservers.push(canonical)
    }
    dnsConfig = {}
    if (nameservers.length > 0) dnsConfig.Nameservers = nameservers
    if (service.dnsSearch.length > 0) dnsConfig.Search = service.dnsSearch
  }

  // credential spec
  let credentialSpec: CredentialSpecBody | null = null
  const credFields = [cred.config !== '' ? '"Config"' : '', cred.file !== '' ? '"File"' : '', cred.registry !== '' ? '"Registry"' : ''].filter((f) => f !== '')
  if (credFields.length === 2) fail('credential_spec', phrase('stacks.said.compile.credentialSpecTwo', { first: credFields[0], second: credFields[1] }))
  else if (credFields.length > 2) fail('credential_spec', phrase('stacks.said.compile.credentialSpecMore', { first: credFields.slice(0, -1).join(', '), last: credFields[credFields.length - 1] }))
  else if (credFields.length === 1) {
    credentialSpec = { Config: cred.config !== '' ? (runtimeRefs[0]?.ConfigName ?? cred.config) : '', File: cred.file, Registry: cred.registry }
  }

  const extraHosts = service.extraHosts.filter((h) => h.includes(':')).map((h) => {
    const at = h.indexOf(':')
    return `${h.slice(at + 1)} ${h.slice(0, at)}`
  })

  const env = Object.entries(service.environment)
    .map(([name, value]) => (value === null ? name : `${name}=${value}`))
    .sort(byString)

  const caps = effectiveCapabilities(service.capAdd, service.capDrop)
  const ulimits = Object.entries(service.ulimits)
    .map(([name, u]) => (u.single !== 0 ? { Name: name, Hard: u.single, Soft: u.single } : { Name: name, Hard: u.hard, Soft: u.soft }))
    .sort((a, b) => byString(a.Name, b.Name))

  const containerSpec: ContainerSpecBody = {
    Privileges: { CredentialSpec: credentialSpec, SELinuxContext: null, NoNewPrivileges: false }
  }
  if (service.image !== '') containerSpec.Image = service.image
  containerSpec.Labels = withStackLabel(ns, service.labels)
  if (service.entrypoint && service.entrypoint.length > 0) containerSpec.Command = service.entrypoint
  if (service.command && service.command.length > 0) containerSpec.Args = service.command
  if (service.hostname !== '') containerSpec.Hostname = service.hostname
  if (env.length > 0) containerSpec.Env = env
  if (service.workingDir !== '') containerSpec.Dir = service.workingDir
  if (service.user !== '') containerSpec.User = service.user
  if (service.init !== null) containerSpec.Init = service.init
  if (service.stopSignal !== '') containerSpec.StopSignal = service.stopSignal
  if (service.tty) containerSpec.TTY = true
  if (service.stdinOpen) containerSpec.OpenStdin = true
  if (service.readOnly) containerSpec.ReadOnly = true
  if (mounts.length > 0) containerSpec.Mounts = mounts
  if (service.stopGracePeriod !== null) containerSpec.StopGracePeriod = service.stopGracePeriod
  if (healthcheck) containerSpec.Healthcheck = healthcheck
  if (extraHosts.length > 0) containerSpec.Hosts = extraHosts
  if (dnsConfig) containerSpec.DNSConfig = dnsConfig
  if (secretRefs.length > 0) containerSpec.Secrets = secretRefs
  if (configRefs.length > 0) containerSpec.Configs = configRefs
  if (service.isolation !== '') containerSpec.Isolation = service.isolation
  const sysctls = nonEmptyMap(service.sysctls)
  if (sysctls) containerSpec.Sysctls = sysctls
  if (caps.add.length > 0) containerSpec.CapabilityAdd = caps.add
  if (caps.drop.length > 0) containerSpec.CapabilityDrop = caps.drop
  if (ulimits.length > 0) containerSpec.Ulimits = ulimits
  if (service.oomScoreAdj !== 0) containerSpec.OomScoreAdj = service.oomScoreAdj

  const placement: ServiceSpecBody['TaskTemplate']['Placement'] = {}
  const constraints = nonEmpty(service.deploy.placement.constraints)
  if (constraints) placement.Constraints = constraints
  if (service.deploy.placement.preferences.length > 0) placement.Preferences = service.deploy.placement.preferences.map((p) => ({ Spread: { SpreadDescriptor: p.spread } }))
  // mapstructure decodes it into a uint: the CLI fails on a negative number before anything is made
  if (service.deploy.placement.maxReplicas < 0) fail('deploy.placement.max_replicas_per_node', phrase('stacks.said.compile.maxReplicasNegative', { value: service.deploy.placement.maxReplicas }))
  if (service.deploy.placement.maxReplicas !== 0) placement.MaxReplicas = service.deploy.placement.maxReplicas

  const taskTemplate: ServiceSpecBody['TaskTemplate'] = { ContainerSpec: containerSpec, Resources: resources, Placement: placement, ForceUpdate: 0 }
  if (restartPolicy) taskTemplate.RestartPolicy = restartPolicy
  if (attachments.length > 0) taskTemplate.Networks = attachments
  if (service.logging) {
    const driver: NonNullable<ServiceSpecBody['TaskTemplate']['LogDriver']> = {}
    if (service.logging.driver !== '') driver.Name = service.logging.driver
    const opts = nonEmptyMap(service.logging.options)
    if (opts) driver.Options = opts
    taskTemplate.LogDriver = driver
  }

  const spec: ServiceSpecBody = {
    Name: ns.scope(key),
    Labels: { ...withStackLabel(ns, service.deploy.labels), [LABEL_IMAGE]: service.image },
    TaskTemplate: taskTemplate,
    Mode: mode,
    EndpointSpec: endpointSpec
  }
  const update = convertUpdateConfig(service.deploy.updateConfig)
  if (update) spec.UpdateConfig = update
  const rollback = convertUpdateConfig(service.deploy.rollbackConfig)
  if (rollback) spec.RollbackConfig = rollback

  return { key, name: spec.Name, spec, engineImage: taggedFamiliarImage(service.image), credentialSpecConfig: runtimeRefs[0]?.ConfigName ?? null }
}
