// Several compose files merged like repeated `-c` (cli/compose/loader/merge.go, which uses mergo
// with WithOverride + WithAppendSlice and a few special transformers). The effective rules:
//  - scalars: a non-empty override wins; booleans can only be turned on (false never overrides);
//    numbers override when non-zero;
//  - ordinary lists (cap_add, dns, constraints, extra_hosts, healthcheck.test ...) are appended;
//  - command/entrypoint: replaced when the override is non-empty;
//  - ports by published port, secrets/configs by source, volumes by target: when the base service
//    has the list (even empty), both lists are keyed (duplicates in the base collapse!) and the
//    result is sorted by that key; when the base has none, the override list is taken as is;
//  - labels, sysctls, deploy.labels: key by key, override wins; environment: key by key, but an
//    empty or unset override value does not replace a non-empty base value;
//  - pointer numbers (replicas, parallelism, max_attempts, retries): replaced when set;
//    durations replaced when set and non-zero (a `0s` override keeps the base value);
//  - logging: same driver (or one side empty) merges options, except that options are dropped
//    when the base had none (mergo writes into a copy); different drivers: override replaces;
//  - networks: a base entry with settings keeps its driver_opts, takes the override's aliases
//    (even none) and its addresses when set; a bare base entry is replaced;
//  - ulimits: replaced per name;
//  - top-level networks/volumes/secrets/configs: the later file's entry replaces the key;
//  - services sorted by name.
import type {
  ComposeModel,
  HealthCheckConfig,
  LoggingConfig,
  ServiceConfig,
  ServiceFileRef,
  ServiceNetworkConfig,
  ServicePortConfig,
  ServiceVolumeConfig,
  StringMap,
  UpdateConfig
} from './compose-types'

const str = (dst: string, src: string): string => (src !== '' ? src : dst)
const bool = (dst: boolean, src: boolean): boolean => dst || src
const int = (dst: number, src: number): number => (src !== 0 ? src : dst)
const ptr = <T>(dst: T | null, src: T | null): T | null => (src !== null ? src : dst)
/** *Duration: deepMerge on the pointed-to int64 keeps the base when the override is 0 */
const durationPtr = (dst: number | null, src: number | null): number | null => (dst === null ? src : src !== null && src !== 0 ? src : dst)
const append = <T>(dst: T[], src: T[]): T[] => [...dst, ...src]
const appendNullable = <T>(dst: T[] | null, src: T[] | null): T[] | null => (dst === null && src === null ? null : [...(dst ?? []), ...(src ?? [])])
const overrideMap = (dst: StringMap, src: StringMap): StringMap => ({ ...dst, ...src })

function byKey<T>(dst: T[] | null, src: T[] | null, key: (item: T) => string | number): T[] | null {
  if (dst === null) return src === null ? null : [...src]
  const merged = new Map<string | number, T>()
  for (const item of dst) merged.set(key(item), item)
  for (const item of src ?? []) merged.set(key(item), item)
  return [...merged.values()].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    return ka < kb ? -1 : ka > kb ? 1 : 0
  })
}

function mergeUpdateConfig(dst: UpdateConfig | null, src: UpdateConfig | null): UpdateConfig | null {
  if (dst === null || src === null) return src ?? dst
  return {
    parallelism: ptr(dst.parallelism, src.parallelism),
    delay: int(dst.delay, src.delay),
    failureAction: str(dst.failureAction, src.failureAction),
    monitor: int(dst.monitor, src.monitor),
    maxFailureRatio: int(dst.maxFailureRatio, src.maxFailureRatio),
    order: str(dst.order, src.order)
  }
}

function mergeHealthcheck(dst: HealthCheckConfig | null, src: HealthCheckConfig | null): HealthCheckConfig | null {
  if (dst === null || src === null) return src ?? dst
  return {
    test: appendNullable(dst.test, src.test),
    timeout: durationPtr(dst.timeout, src.timeout),
    interval: durationPtr(dst.interval, src.interval),
    retries: ptr(dst.retries, src.retries),
    startPeriod: durationPtr(dst.startPeriod, src.startPeriod),
    startInterval: durationPtr(dst.startInterval, src.startInterval),
    disable: bool(dst.disable, src.disable)
  }
}

function mergeLogging(dst: LoggingConfig | null, src: LoggingConfig | null): LoggingConfig | null {
  if (src === null) return dst
  if (dst === null) return src
  if (dst.driver === src.driver || dst.driver === '' || src.driver === '') {
    return { driver: dst.driver === '' ? src.driver : dst.driver, options: dst.options === null ? null : { ...dst.options, ...(src.options ?? {}) } }
  }
  return src
}

function mergeEnvironment(dst: Record<string, string | null>, src: Record<string, string | null>): Record<string, string | null> {
  const out = { ...dst }
  for (const [key, value] of Object.entries(src)) {
    const base = Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined
    if (base === undefined || base === null || base === '') out[key] = value
    else if (value !== null && value !== '') out[key] = value
  }
  return out
}

function mergeNetworks(dst: Record<string, ServiceNetworkConfig | null>, src: Record<string, ServiceNetworkConfig | null>): Record<string, ServiceNetworkConfig | null> {
  const out = { ...dst }
  for (const [key, value] of Object.entries(src)) {
    const base = Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined
    if (base === undefined || base === null) {
      out[key] = value
    } else if (value !== null) {
      out[key] = {
        aliases: value.aliases,
        driverOpts: base.driverOpts,
        ipv4Address: str(base.ipv4Address, value.ipv4Address),
        ipv6Address: str(base.ipv6Address, value.ipv6Address)
      }
    }
  }
  return out
}

export function mergeService(dst: ServiceConfig, src: ServiceConfig): ServiceConfig {
  const d = dst.deploy
  const s = src.deploy
  return {
    name: str(dst.name, src.name),
    build: dst.build === null || src.build === null ? (src.build ?? dst.build) : { context: str(dst.build.context, src.build.context), dockerfile: str(dst.build.dockerfile, src.build.dockerfile) },
    capAdd: append(dst.capAdd, src.capAdd),
    capDrop: append(dst.capDrop, src.capDrop),
    cgroupnsMode: str(dst.cgroupnsMode, src.cgroupnsMode),
    cgroupParent: str(dst.cgroupParent, src.cgroupParent),
    command: src.command !== null && src.command.length > 0 ? src.command : dst.command,
    configs: byKey<ServiceFileRef>(dst.configs, src.configs, (c) => c.source),
    containerName: str(dst.containerName, src.containerName),
    credentialSpec: {
      config: str(dst.credentialSpec.config, src.credentialSpec.config),
      file: str(dst.credentialSpec.file, src.credentialSpec.file),
      registry: str(dst.credentialSpec.registry, src.credentialSpec.registry)
    },
    dependsOn: append(dst.dependsOn, src.dependsOn),
    deploy: {
      mode: str(d.mode, s.mode),
      replicas: ptr(d.replicas, s.replicas),
      labels: overrideMap(d.labels, s.labels),
      updateConfig: mergeUpdateConfig(d.updateConfig, s.updateConfig),
      rollbackConfig: mergeUpdateConfig(d.rollbackConfig, s.rollbackConfig),
      resources: {
        limits:
          d.resources.limits === null || s.resources.limits === null
            ? (s.resources.limits ?? d.resources.limits)
            : {
                nanoCPUs: str(d.resources.limits.nanoCPUs, s.resources.limits.nanoCPUs),
                memoryBytes: int(d.resources.limits.memoryBytes, s.resources.limits.memoryBytes),
                pids: int(d.resources.limits.pids, s.resources.limits.pids)
              },
        reservations:
          d.resources.reservations === null || s.resources.reservations === null
            ? (s.resources.reservations ?? d.resources.reservations)
            : {
                nanoCPUs: str(d.resources.reservations.nanoCPUs, s.resources.reservations.nanoCPUs),
                memoryBytes: int(d.resources.reservations.memoryBytes, s.resources.reservations.memoryBytes),
                genericResources: append(d.resources.reservations.genericResources, s.resources.reservations.genericResources)
              }
      },
      restartPolicy:
        d.restartPolicy === null || s.restartPolicy === null
          ? (s.restartPolicy ?? d.restartPolicy)
          : {
              condition: str(d.restartPolicy.condition, s.restartPolicy.condition),
              delay: durationPtr(d.restartPolicy.delay, s.restartPolicy.delay),
              maxAttempts: ptr(d.restartPolicy.maxAttempts, s.restartPolicy.maxAttempts),
              window: durationPtr(d.restartPolicy.window, s.restartPolicy.window)
            },
      placement: {
        constraints: append(d.placement.constraints, s.placement.constraints),
        preferences: append(d.placement.preferences, s.placement.preferences),
        maxReplicas: int(d.placement.maxReplicas, s.placement.maxReplicas)
      },
      endpointMode: str(d.endpointMode, s.endpointMode)
    },
    devices: append(dst.devices, src.devices),
    dns: append(dst.dns, src.dns),
    dnsSearch: append(dst.dnsSearch, src.dnsSearch),
    domainname: str(dst.domainname, src.domainname),
    entrypoint: src.entrypoint !== null && src.entrypoint.length > 0 ? src.entrypoint : dst.entrypoint,
    environment: mergeEnvironment(dst.environment, src.environment),
    envFile: append(dst.envFile, src.envFile),
    expose: append(dst.expose, src.expose),
    externalLinks: append(dst.externalLinks, src.externalLinks),
    extraHosts: append(dst.extraHosts, src.extraHosts),
    hostname: str(dst.hostname, src.hostname),
    healthcheck: mergeHealthcheck(dst.healthcheck, src.healthcheck),
    image: str(dst.image, src.image),
    init: dst.init === null || src.init === null ? (src.init ?? dst.init) : dst.init || src.init,
    ipc: str(dst.ipc, src.ipc),
    isolation: str(dst.isolation, src.isolation),
    labels: overrideMap(dst.labels, src.labels),
    links: append(dst.links, src.links),
    logging: mergeLogging(dst.logging, src.logging),
    macAddress: str(dst.macAddress, src.macAddress),
    networkMode: str(dst.networkMode, src.networkMode),
    networks: mergeNetworks(dst.networks, src.networks),
    pid: str(dst.pid, src.pid),
    ports: byKey<ServicePortConfig>(dst.ports, src.ports, (p) => p.published),
    privileged: bool(dst.privileged, src.privileged),
    readOnly: bool(dst.readOnly, src.readOnly),
    restart: str(dst.restart, src.restart),
    secrets: byKey<ServiceFileRef>(dst.secrets, src.secrets, (c) => c.source),
    securityOpt: append(dst.securityOpt, src.securityOpt),
    shmSize: str(dst.shmSize, src.shmSize),
    stdinOpen: bool(dst.stdinOpen, src.stdinOpen),
    stopGracePeriod: durationPtr(dst.stopGracePeriod, src.stopGracePeriod),
    stopSignal: str(dst.stopSignal, src.stopSignal),
    sysctls: overrideMap(dst.sysctls, src.sysctls),
    tmpfs: append(dst.tmpfs, src.tmpfs),
    tty: bool(dst.tty, src.tty),
    ulimits: { ...dst.ulimits, ...src.ulimits },
    user: str(dst.user, src.user),
    oomScoreAdj: int(dst.oomScoreAdj, src.oomScoreAdj),
    usernsMode: str(dst.usernsMode, src.usernsMode),
    volumes: byKey<ServiceVolumeConfig>(dst.volumes, src.volumes, (v) => v.target),
    workingDir: str(dst.workingDir, src.workingDir)
  }
}

/** loader.merge: the first model is the base, each later one overrides it. */
export function mergeComposeModels(models: ComposeModel[]): ComposeModel {
  if (models.length === 0) throw new Error('no compose models to merge')
  let base = models[0]
  for (const override of models.slice(1)) {
    const services = new Map(base.services.map((s) => [s.name, s]))
    for (const service of override.services) {
      const existing = services.get(service.name)
      services.set(service.name, existing ? mergeService(existing, service) : service)
    }
    base = {
      version: base.version,
      workingDir: base.workingDir,
      services: [...services.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      networks: { ...base.networks, ...override.networks },
      volumes: { ...base.volumes, ...override.volumes },
      secrets: { ...base.secrets, ...override.secrets },
      configs: { ...base.configs, ...override.configs }
    }
  }
  return base
}
