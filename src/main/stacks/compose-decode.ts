// Raw (interpolated, schema-valid) compose dict -> typed model for ONE file, like the CLI's
// loadSections: short syntaxes expanded, durations/sizes parsed, env_file + environment resolved,
// bind sources and secret/config files made absolute, external names settled.
import * as nodePath from 'node:path'
import { withWords } from '../i18n/words'
import { phrase, type Phrase } from '../../shared/phrase'
import { dottedPath, goFormatFloat, isRawMap, pathKey, type PathSegment, type RawMap, type RawValue } from './compose-yaml'
import { goFormatInt, parseGoDuration, parseRAMInBytes, shlexSplit } from './go-parse'
import { parseKeyValueFile } from './env-files'
import type { VariableLookup } from './interpolation'
import { emptyVolumeConfig, parseVolumeSpec, shortPortToConfigs, type ServicePortConfig, type ServiceVolumeConfig } from './port-volume-spec'
import type {
  ComposeModel,
  DeployConfig,
  External,
  FileObjectConfig,
  HealthCheckConfig,
  NetworkConfig,
  ServiceConfig,
  ServiceFileRef,
  ServiceNetworkConfig,
  StringMap,
  UlimitsConfig,
  UpdateConfig,
  VolumeConfig
} from './compose-types'

export interface DecodeIssue {
  path: PathSegment[]
  /** the English of `said` */
  message: string
  said: Phrase
}

const issue = (path: PathSegment[], said: Phrase): DecodeIssue => withWords({ path, message: '', said })
/** `services.web.stop_grace_period: <why>`: the place named in front, like the CLI */
const issueAt = (path: PathSegment[], detail: Phrase): DecodeIssue => issue(path, phrase('compose.at', { path: dottedPath(path), detail }))

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

export interface DecodeResult {
  model: ComposeModel
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

function isWindowsAbs(p: string): boolean {
  return /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\\\')
}

export function decodeComposeFile(input: DecodeInput): DecodeResult {
  const errors: DecodeIssue[] = []
  const warnings: DecodeIssue[] = []
  const missingEnvFiles: string[] = []
  const { raw, floats } = input

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
  const fileRefs = (value: RawValue | undefined): ServiceFileRef[] | null => {
    if (!Array.isArray(value)) return null
    return value.map((entry) => {
      if (typeof entry === 'string') return { source: entry, target: '', uid: '', gid: '', mode: null }
      const m = map(entry)
      return { source: str(m.source), target: str(m.target), uid: str(m.uid), gid: str(m.gid), mode: typeof m.mode === 'number' ? m.mode >>> 0 : null }
    })
  }

  const lookupValue = (name: string): string | undefined => input.lookup(name)?.value

  const updateEnvironment = (environment: Record<string, string | null>, vars: Record<string, string | null>): void => {
    for (const [k, v] of Object.entries(vars)) {
      const fromEnv = lookupValue(k)
      environment[k] = (v === null || v === '') && fromEnv !== undefined ? fromEnv : v
    }
  }

  const decodeService = (name: string, s: RawMap): ServiceConfig => {
    const p = (...rest: PathSegment[]): PathSegment[] => ['services', name, ...rest]
    const deployRaw = map(s.deploy)
    const resourcesRaw = map(deployRaw.resources)
    const limitsRaw = isRawMap(resourcesRaw.limits) ? resourcesRaw.limits : null
    const reservationsRaw = isRawMap(resourcesRaw.reservations) ? resourcesRaw.reservations : null
    const restartRaw = isRawMap(deployRaw.restart_policy) ? deployRaw.restart_policy : null
    const placementRaw = map(deployRaw.placement)
    const deploy: DeployConfig = {
      mode: str(deployRaw.mode),
      replicas: numOrNull(deployRaw.replicas),
      labels: mappingOrList(deployRaw.labels, p('deploy', 'labels')),
      updateConfig: updateConfig(deployRaw.update_config, p('deploy', 'update_config')),
      rollbackConfig: updateConfig(deployRaw.rollback_config, p('deploy', 'rollback_config')),
      resources: {
        limits: limitsRaw
          ? { nanoCPUs: str(limitsRaw.cpus), memoryBytes: size(limitsRaw.memory, p('deploy', 'resources', 'limits', 'memory')), pids: num(limitsRaw.pids) }
          : null,
        reservations: reservationsRaw
          ? {
              nanoCPUs: str(reservationsRaw.cpus),
              memoryBytes: size(reservationsRaw.memory, p('deploy', 'resources', 'reservations', 'memory')),
              genericResources: (Array.isArray(reservationsRaw.generic_resources) ? reservationsRaw.generic_resources : []).map((g) => {
                const spec = map(g).discrete_resource_spec
                return { discreteResourceSpec: isRawMap(spec) ? { kind: str(spec.kind), value: Math.trunc(num(spec.value)) } : null }
              })
            }
          : null
      },
      restartPolicy: restartRaw
        ? {
            condition: str(restartRaw.condition),
            delay: duration(restartRaw.delay, p('deploy', 'restart_policy', 'delay')),
            maxAttempts: numOrNull(restartRaw.max_attempts),
            window: duration(restartRaw.window, p('deploy', 'restart_policy', 'window'))
          }
        : null,
      placement: {
        constraints: strList(placementRaw.constraints, p('deploy', 'placement', 'constraints')),
        preferences: (Array.isArray(placementRaw.preferences) ? placementRaw.preferences : []).map((pref) => ({ spread: str(map(pref).spread) })),
        maxReplicas: num(placementRaw.max_replicas_per_node)
      },
      endpointMode: str(deployRaw.endpoint_mode)
    }

    let healthcheck: HealthCheckConfig | null = null
    if (isRawMap(s.healthcheck)) {
      const h = s.healthcheck
      healthcheck = {
        test: h.test === undefined || h.test === null ? null : typeof h.test === 'string' ? ['CMD-SHELL', h.test] : strList(h.test, p('healthcheck', 'test')),
        timeout: duration(h.timeout, p('healthcheck', 'timeout')),
        interval: duration(h.interval, p('healthcheck', 'interval')),
        retries: numOrNull(h.retries),
        startPeriod: duration(h.start_period, p('healthcheck', 'start_period')),
        startInterval: duration(h.start_interval, p('healthcheck', 'start_interval')),
        disable: bool(h.disable)
      }
    }

    let ports: ServicePortConfig[] | null = null
    if (Array.isArray(s.ports)) {
      ports = []
      s.ports.forEach((entry, i) => {
        if (typeof entry === 'number' || typeof entry === 'string') {
          const spec = typeof entry === 'number' ? goFormatInt(entry) : entry
          const converted = shortPortToConfigs(spec)
          if (!converted.ok) {
            errors.push(issueAt(p('ports', i), converted.said))
            return
          }
          for (const warning of converted.value.warnings) warnings.push(issue(p('ports', i), warning.said))
          ports?.push(...converted.value.ports)
        } else if (isRawMap(entry)) {
          ports?.push({ mode: str(entry.mode), target: num(entry.target) >>> 0, published: num(entry.published) >>> 0, protocol: str(entry.protocol) })
        }
      })
    }

    let volumes: ServiceVolumeConfig[] | null = null
    if (Array.isArray(s.volumes)) {
      volumes = []
      s.volumes.forEach((entry, i) => {
        let volume: ServiceVolumeConfig
        if (typeof entry === 'string') {
          const parsed = parseVolumeSpec(entry)
          if (!parsed.ok) {
            errors.push(issueAt(p('volumes', i), parsed.said))
            return
          }
          volume = parsed.value
        } else if (isRawMap(entry)) {
          volume = emptyVolumeConfig()
          volume.type = str(entry.type)
          volume.source = str(entry.source)
          volume.target = str(entry.target)
          volume.readOnly = bool(entry.read_only)
          volume.consistency = str(entry.consistency)
          if (isRawMap(entry.bind)) volume.bind = { propagation: str(entry.bind.propagation) }
          if (isRawMap(entry.volume)) volume.volume = { nocopy: bool(entry.volume.nocopy), subpath: str(entry.volume.subpath) }
          if (isRawMap(entry.image)) volume.image = { subpath: str(entry.image.subpath) }
          if (isRawMap(entry.tmpfs)) volume.tmpfs = { size: size(entry.tmpfs.size, p('volumes', i, 'tmpfs', 'size')) }
          if (isRawMap(entry.cluster)) volume.cluster = {}
        } else return
        if (volume.type === 'bind') {
          if (volume.source === '') {
            errors.push(issueAt(p('volumes', i), phrase('compose.decode.bindSourceEmpty')))
            return
          }
          let source = volume.source
          if (source.startsWith('~')) {
            const home = lookupValue('HOME')
            if (home === undefined) warnings.push(issue(p('volumes', i), phrase('compose.decode.noHome')))
            else source = source.replace('~', home)
          }
          if (!source.startsWith('/') && !isWindowsAbs(source)) source = absPath(input.workingDir, source)
          volume.source = source
        }
        volumes?.push(volume)
      })
    }

    const networks: Record<string, ServiceNetworkConfig | null> = {}
    if (Array.isArray(s.networks)) {
      for (const n of s.networks) networks[str(n)] = null
    } else if (isRawMap(s.networks)) {
      for (const [key, value] of Object.entries(s.networks)) {
        networks[key] = isRawMap(value)
          ? {
              aliases: Array.isArray(value.aliases) ? strList(value.aliases, p('networks', key, 'aliases')) : null,
              driverOpts: stringMap(value.driver_opts, p('networks', key, 'driver_opts')),
              ipv4Address: str(value.ipv4_address),
              ipv6Address: str(value.ipv6_address)
            }
          : null
      }
    }

    const ulimits: Record<string, UlimitsConfig> = {}
    for (const [key, value] of Object.entries(map(s.ulimits))) {
      if (typeof value === 'number') ulimits[key] = { single: Math.trunc(value), soft: 0, hard: 0 }
      else if (isRawMap(value)) ulimits[key] = { single: 0, soft: Math.trunc(num(value.soft)), hard: Math.trunc(num(value.hard)) }
    }

    // extra_hosts: a mapping (sorted "k:v") or a list of "host=ip" / "host:ip"
    let extraHosts: string[] = []
    if (isRawMap(s.extra_hosts)) {
      extraHosts = Object.entries(s.extra_hosts)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => `${k}:${sprint(v, p('extra_hosts', k))}`)
        .sort()
    } else if (Array.isArray(s.extra_hosts)) {
      s.extra_hosts.forEach((entry, i) => {
        const text = sprint(entry, p('extra_hosts', i))
        for (const sep of ['=', ':']) {
          const at = text.indexOf(sep)
          if (at >= 0) {
            extraHosts.push(`${text.slice(0, at)}:${text.slice(at + 1)}`)
            return
          }
        }
      })
    }
    extraHosts = extraHosts.map((entry) => {
      const at = entry.indexOf(':')
      const host = at < 0 ? entry : entry.slice(0, at)
      let ip = at < 0 ? '' : entry.slice(at + 1)
      if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1)
      return `${host}:${ip}`
    })

    // env_file first, then environment; an empty or missing value takes the variable's value.
    const environment: Record<string, string | null> = {}
    const envFile = stringOrList(s.env_file, p('env_file'))
    if (envFile.length > 0) {
      const fileVars: Record<string, string | null> = {}
      for (const file of envFile.map((f) => absPath(input.workingDir, f))) {
        const text = input.envFiles[file]
        if (text === undefined) {
          if (!missingEnvFiles.includes(file)) missingEnvFiles.push(file)
          continue
        }
        const parsed = parseKeyValueFile(text, lookupValue)
        if (!parsed.ok) {
          errors.push(issue(p('env_file'), phrase('compose.decode.envFile', { file, detail: parsed.said })))
          continue
        }
        for (const line of parsed.value) {
          const at = line.indexOf('=')
          fileVars[line.slice(0, at)] = line.slice(at + 1)
        }
      }
      updateEnvironment(environment, fileVars)
    }
    updateEnvironment(environment, mappingWithEquals(s.environment, p('environment')))

    const credentialRaw = map(s.credential_spec)
    const buildRaw = s.build
    return {
      name,
      build: typeof buildRaw === 'string' ? { context: buildRaw, dockerfile: '' } : isRawMap(buildRaw) ? { context: str(buildRaw.context), dockerfile: str(buildRaw.dockerfile) } : null,
      capAdd: strList(s.cap_add, p('cap_add')),
      capDrop: strList(s.cap_drop, p('cap_drop')),
      cgroupnsMode: str(s.cgroupns_mode),
      cgroupParent: str(s.cgroup_parent),
      command: shellCommand(s.command, p('command')),
      configs: fileRefs(s.configs),
      containerName: str(s.container_name),
      credentialSpec: { config: str(credentialRaw.config), file: str(credentialRaw.file), registry: str(credentialRaw.registry) },
      dependsOn: strList(s.depends_on, p('depends_on')),
      deploy,
      devices: strList(s.devices, p('devices')),
      dns: stringOrList(s.dns, p('dns')),
      dnsSearch: stringOrList(s.dns_search, p('dns_search')),
      domainname: str(s.domainname),
      entrypoint: shellCommand(s.entrypoint, p('entrypoint')),
      environment,
      envFile,
      expose: strList(s.expose, p('expose')),
      externalLinks: strList(s.external_links, p('external_links')),
      extraHosts,
      hostname: str(s.hostname),
      healthcheck,
      image: str(s.image),
      init: typeof s.init === 'boolean' ? s.init : null,
      ipc: str(s.ipc),
      isolation: str(s.isolation),
      labels: mappingOrList(s.labels, p('labels')),
      links: strList(s.links, p('links')),
      logging: isRawMap(s.logging) ? { driver: str(s.logging.driver), options: stringMap(s.logging.options, p('logging', 'options')) } : null,
      macAddress: str(s.mac_address),
      networkMode: str(s.network_mode),
      networks,
      pid: str(s.pid),
      ports,
      privileged: bool(s.privileged),
      readOnly: bool(s.read_only),
      restart: str(s.restart),
      secrets: fileRefs(s.secrets),
      securityOpt: strList(s.security_opt, p('security_opt')),
      shmSize: s.shm_size === undefined || s.shm_size === null ? '' : sprint(s.shm_size, p('shm_size')),
      stdinOpen: bool(s.stdin_open),
      stopGracePeriod: duration(s.stop_grace_period, p('stop_grace_period')),
      stopSignal: str(s.stop_signal),
      sysctls: mappingOrList(s.sysctls, p('sysctls')),
      tmpfs: stringOrList(s.tmpfs, p('tmpfs')),
      tty: bool(s.tty),
      ulimits,
      user: str(s.user),
      oomScoreAdj: Math.trunc(num(s.oom_score_adj)),
      usernsMode: str(s.userns_mode),
      volumes,
      workingDir: str(s.working_dir)
    }
  }

  const services: ServiceConfig[] = Object.entries(map(raw.services))
    .map(([name, def]) => decodeService(name, map(def)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

  const networks: Record<string, NetworkConfig> = {}
  for (const [key, value] of Object.entries(map(raw.networks))) {
    const n = map(value)
    const ipam = map(n.ipam)
    const nw: NetworkConfig = {
      name: str(n.name),
      driver: str(n.driver),
      driverOpts: stringMap(n.driver_opts, ['networks', key, 'driver_opts']),
      ipam: { driver: str(ipam.driver), config: (Array.isArray(ipam.config) ? ipam.config : []).map((c) => ({ subnet: str(map(c).subnet) })) },
      external: external(n.external),
      internal: bool(n.internal),
      attachable: bool(n.attachable),
      labels: mappingOrList(n.labels, ['networks', key, 'labels'])
    }
    if (nw.external.external) {
      if (nw.external.name !== '') {
        if (nw.name !== '') errors.push(issue(['networks', key], phrase('compose.decode.externalNameConflict', { object: phrase('compose.object.network'), name: key, kind: 'network' })))
        else if (versionAtLeast(input.version, '3.5')) warnings.push(issue(['networks', key, 'external', 'name'], phrase('compose.decode.externalNameDeprecated', { object: phrase('compose.object.network'), name: key, kind: 'network' })))
        nw.name = nw.external.name
        nw.external.name = ''
      } else if (nw.name === '') nw.name = key
    }
    networks[key] = nw
  }

  const volumes: Record<string, VolumeConfig> = {}
  for (const [key, value] of Object.entries(map(raw.volumes))) {
    const v = map(value)
    const vol: VolumeConfig = {
      name: str(v.name),
      driver: str(v.driver),
      driverOpts: stringMap(v.driver_opts, ['volumes', key, 'driver_opts']),
      external: external(v.external),
      labels: mappingOrList(v.labels, ['volumes', key, 'labels'])
    }
    if (vol.external.external) {
      const conflict = (field: string): void => {
        errors.push(issue(['volumes', key], phrase('compose.decode.externalConflict', { field, name: key })))
      }
      if (vol.driver !== '') conflict('driver')
      else if (vol.driverOpts && Object.keys(vol.driverOpts).length > 0) conflict('driver_opts')
      else if (Object.keys(vol.labels).length > 0) conflict('labels')
      else if (vol.external.name !== '') {
        if (vol.name !== '') errors.push(issue(['volumes', key], phrase('compose.decode.externalNameConflict', { object: phrase('compose.object.volume'), name: key, kind: 'volume' })))
        else if (versionAtLeast(input.version, '3.4')) warnings.push(issue(['volumes', key, 'external', 'name'], phrase('compose.decode.externalNameDeprecated', { object: phrase('compose.object.volume'), name: key, kind: 'volume' })))
        vol.name = vol.external.name
        vol.external.name = ''
      } else if (vol.name === '') vol.name = key
    }
    volumes[key] = vol
  }

  const fileObjects = (section: 'secrets' | 'configs'): Record<string, FileObjectConfig> => {
    const objType = section === 'secrets' ? 'secret' : 'config'
    const object = section === 'secrets' ? phrase('compose.object.secret') : phrase('compose.object.config')
    const out: Record<string, FileObjectConfig> = {}
    for (const [key, value] of Object.entries(map(raw[section]))) {
      const o = map(value)
      const obj: FileObjectConfig = {
        name: str(o.name),
        file: str(o.file),
        external: external(o.external),
        labels: mappingOrList(o.labels, [section, key, 'labels']),
        driver: str(o.driver),
        driverOpts: stringMap(o.driver_opts, [section, key, 'driver_opts']),
        templateDriver: str(o.template_driver)
      }
      if (obj.external.external) {
        if (obj.external.name !== '') {
          if (obj.name !== '') errors.push(issue([section, key], phrase('compose.decode.externalNameConflict', { object, name: key, kind: objType })))
          else if (versionAtLeast(input.version, '3.5')) warnings.push(issue([section, key, 'external', 'name'], phrase('compose.decode.externalNameDeprecated', { object, name: key, kind: objType })))
          obj.name = obj.external.name
          obj.external.name = ''
        } else if (obj.name === '') obj.name = key
      } else if (obj.driver !== '') {
        if (obj.file !== '') errors.push(issue([section, key], phrase('compose.decode.driverFileConflict', { object, name: key, kind: objType })))
      } else {
        obj.file = absPath(input.workingDir, obj.file)
      }
      out[key] = obj
    }
    return out
  }

  return {
    model: {
      version: input.version,
      workingDir: input.workingDir,
      services,
      networks,
      volumes,
      secrets: fileObjects('secrets'),
      configs: fileObjects('configs')
    },
    errors,
    warnings,
    missingEnvFiles
  }
}

