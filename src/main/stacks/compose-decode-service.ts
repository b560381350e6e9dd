// One compose service, decoded part by part like the CLI's loader: deploy, healthcheck, ports,
// volumes, networks, ulimits, extra hosts, the environment, then the plain fields.
import { phrase } from '../../shared/phrase'
import { isRawMap, type PathSegment, type RawMap } from './compose-yaml'
import { goFormatInt } from './go-parse'
import { parseKeyValueFile } from './env-files'
import { emptyVolumeConfig, parseVolumeSpec, shortPortToConfigs, type ServicePortConfig, type ServiceVolumeConfig } from './port-volume-spec'
import type { DeployConfig, HealthCheckConfig, ServiceConfig, ServiceNetworkConfig, UlimitsConfig } from './compose-types'
import { absPath, isWindowsAbs, issue, issueAt, type Decoding, type Readers } from './compose-decode-readers'

/** deploy: mode, replicas, update and rollback, resources, restart policy, placement */
function decodeDeploy(r: Readers, name: string, s: RawMap): DeployConfig {
  const { str, num, numOrNull, strList, map, mappingOrList, duration, size, updateConfig } = r
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
  return deploy
}

/** healthcheck: a string test runs in the shell */
function decodeHealthcheck(r: Readers, name: string, s: RawMap): HealthCheckConfig | null {
  const { bool, numOrNull, strList, duration } = r
  const p = (...rest: PathSegment[]): PathSegment[] => ['services', name, ...rest]
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
  return healthcheck
}

/** ports: short syntax expanded (a range gives several), long syntax as written */
function decodePorts(decoding: Decoding, r: Readers, name: string, s: RawMap): ServicePortConfig[] | null {
  const { errors, warnings } = decoding
  const { str, num } = r
  const p = (...rest: PathSegment[]): PathSegment[] => ['services', name, ...rest]
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
  return ports
}

/** volumes: short syntax parsed; bind sources made absolute (`~` is $HOME) */
function decodeServiceVolumes(decoding: Decoding, r: Readers, name: string, s: RawMap): ServiceVolumeConfig[] | null {
  const { errors, warnings, input } = decoding
  const { str, bool, size, lookupValue } = r
  const p = (...rest: PathSegment[]): PathSegment[] => ['services', name, ...rest]
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
  return volumes
}

/** networks: a list of keys or a mapping with aliases and driver options */
function decodeServiceNetworks(r: Readers, name: string, s: RawMap): Record<string, ServiceNetworkConfig | null> {
  const { str, strList, stringMap } = r
  const p = (...rest: PathSegment[]): PathSegment[] => ['services', name, ...rest]
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
  return networks
}

/** ulimits: a single number, or soft and hard */
function decodeUlimits(r: Readers, s: RawMap): Record<string, UlimitsConfig> {
  const { num, map } = r
  const ulimits: Record<string, UlimitsConfig> = {}
  for (const [key, value] of Object.entries(map(s.ulimits))) {
    if (typeof value === 'number') ulimits[key] = { single: Math.trunc(value), soft: 0, hard: 0 }
    else if (isRawMap(value)) ulimits[key] = { single: 0, soft: Math.trunc(num(value.soft)), hard: Math.trunc(num(value.hard)) }
  }
  return ulimits
}

/** extra_hosts as `host:ip` (brackets around IPv6 removed) */
function decodeExtraHosts(r: Readers, name: string, s: RawMap): string[] {
  const { sprint } = r
  const p = (...rest: PathSegment[]): PathSegment[] => ['services', name, ...rest]
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
  return extraHosts
}

/** env_file first, then environment; an empty or missing value takes the variable's value */
function decodeEnvironment(decoding: Decoding, r: Readers, name: string, s: RawMap): { environment: Record<string, string | null>; envFile: string[] } {
  const { errors, missingEnvFiles, input } = decoding
  const { stringOrList, mappingWithEquals, lookupValue, updateEnvironment } = r
  const p = (...rest: PathSegment[]): PathSegment[] => ['services', name, ...rest]
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
  return { environment, envFile }
}

/** One service, field for field what the CLI's loader makes of it. */
export function decodeService(decoding: Decoding, r: Readers, name: string, s: RawMap): ServiceConfig {
  const { sprint, str, bool, num, strList, stringOrList, map, stringMap, mappingOrList, fileRefs, duration, shellCommand } = r
  const p = (...rest: PathSegment[]): PathSegment[] => ['services', name, ...rest]
  const deploy = decodeDeploy(r, name, s)
  const healthcheck = decodeHealthcheck(r, name, s)
  const ports = decodePorts(decoding, r, name, s)
  const volumes = decodeServiceVolumes(decoding, r, name, s)
  const networks = decodeServiceNetworks(r, name, s)
  const ulimits = decodeUlimits(r, s)
  const extraHosts = decodeExtraHosts(r, name, s)
  const { environment, envFile } = decodeEnvironment(decoding, r, name, s)
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
