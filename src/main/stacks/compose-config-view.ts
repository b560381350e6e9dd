// The merged model shaped like `docker stack config` prints it (yaml.Marshal of the CLI's
// types.Config, omitempty rules included): for showing users "what the CLI sees", and as the
// test oracle that ties the loader and merge to the real docker client. x-* sections are not kept.
import type { ComposeModel, DeployConfig, External, FileObjectConfig, HealthCheckConfig, ServiceConfig, ServiceFileRef, ServiceVolumeConfig, UpdateConfig } from './compose-types'

type View = Record<string, unknown>

/** time.Duration.String() */
export function goDurationString(ns: number): string {
  if (ns === 0) return '0s'
  const negative = ns < 0
  let u = BigInt(Math.abs(ns))
  const sign = negative ? '-' : ''
  const frac = (value: bigint, digits: number): string => {
    const s = value.toString().padStart(digits, '0').replace(/0+$/, '')
    return s === '' ? '' : `.${s}`
  }
  if (u < 1_000_000_000n) {
    if (u < 1000n) return `${sign}${u}ns`
    if (u < 1_000_000n) return `${sign}${u / 1000n}${frac(u % 1000n, 3)}µs`
    return `${sign}${u / 1_000_000n}${frac(u % 1_000_000n, 6)}ms`
  }
  const secondsFrac = frac(u % 1_000_000_000n, 9)
  u /= 1_000_000_000n
  const s = u % 60n
  u /= 60n
  if (u === 0n) return `${sign}${s}${secondsFrac}s`
  const m = u % 60n
  const h = u / 60n
  return h === 0n ? `${sign}${m}m${s}${secondsFrac}s` : `${sign}${h}h${m}m${s}${secondsFrac}s`
}

function put(view: View, key: string, value: unknown): void {
  if (value === undefined || value === null || value === '' || value === false || value === 0) return
  if (Array.isArray(value) && value.length === 0) return
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0) return
  view[key] = value
}

const duration = (ns: number | null): string | undefined => (ns === null ? undefined : goDurationString(ns))

function externalView(e: External): unknown {
  if (!e.external && e.name === '') return undefined
  return e.name === '' ? e.external : { name: e.name }
}

function updateConfigView(u: UpdateConfig | null): View | undefined {
  if (!u) return undefined
  const v: View = {}
  if (u.parallelism !== null) v.parallelism = u.parallelism
  if (u.delay !== 0) v.delay = goDurationString(u.delay)
  put(v, 'failure_action', u.failureAction)
  if (u.monitor !== 0) v.monitor = goDurationString(u.monitor)
  put(v, 'max_failure_ratio', u.maxFailureRatio)
  put(v, 'order', u.order)
  return v
}

function deployView(d: DeployConfig): View {
  const deploy: View = {}
  put(deploy, 'mode', d.mode)
  if (d.replicas !== null) deploy.replicas = d.replicas
  put(deploy, 'labels', d.labels)
  put(deploy, 'update_config', updateConfigView(d.updateConfig))
  put(deploy, 'rollback_config', updateConfigView(d.rollbackConfig))
  const resources: View = {}
  if (d.resources.limits) {
    const l: View = {}
    put(l, 'cpus', d.resources.limits.nanoCPUs)
    if (d.resources.limits.memoryBytes !== 0) l.memory = String(d.resources.limits.memoryBytes)
    put(l, 'pids', d.resources.limits.pids)
    resources.limits = l
  }
  if (d.resources.reservations) {
    const r: View = {}
    put(r, 'cpus', d.resources.reservations.nanoCPUs)
    if (d.resources.reservations.memoryBytes !== 0) r.memory = String(d.resources.reservations.memoryBytes)
    put(
      r,
      'generic_resources',
      d.resources.reservations.genericResources.map((g) => (g.discreteResourceSpec ? { discrete_resource_spec: { kind: g.discreteResourceSpec.kind, value: g.discreteResourceSpec.value } } : {}))
    )
    resources.reservations = r
  }
  put(deploy, 'resources', resources)
  if (d.restartPolicy) {
    const r: View = {}
    put(r, 'condition', d.restartPolicy.condition)
    put(r, 'delay', duration(d.restartPolicy.delay))
    if (d.restartPolicy.maxAttempts !== null) r.max_attempts = d.restartPolicy.maxAttempts
    put(r, 'window', duration(d.restartPolicy.window))
    deploy.restart_policy = r
  }
  const placement: View = {}
  put(placement, 'constraints', d.placement.constraints)
  put(placement, 'preferences', d.placement.preferences.map((p) => (p.spread ? { spread: p.spread } : {})))
  put(placement, 'max_replicas_per_node', d.placement.maxReplicas)
  put(deploy, 'placement', placement)
  put(deploy, 'endpoint_mode', d.endpointMode)
  return deploy
}

function healthcheckView(healthcheck: HealthCheckConfig): View {
  const h: View = {}
  put(h, 'test', healthcheck.test)
  put(h, 'timeout', duration(healthcheck.timeout))
  put(h, 'interval', duration(healthcheck.interval))
  if (healthcheck.retries !== null) h.retries = healthcheck.retries
  put(h, 'start_period', duration(healthcheck.startPeriod))
  put(h, 'start_interval', duration(healthcheck.startInterval))
  put(h, 'disable', healthcheck.disable)
  return h
}

function serviceNetworksView(serviceNetworks: ServiceConfig['networks']): View {
  const networks: View = {}
  for (const [name, n] of Object.entries(serviceNetworks)) {
    if (n === null) {
      networks[name] = null
      continue
    }
    const nv: View = {}
    put(nv, 'aliases', n.aliases)
    put(nv, 'driver_opts', n.driverOpts)
    put(nv, 'ipv4_address', n.ipv4Address)
    put(nv, 'ipv6_address', n.ipv6Address)
    networks[name] = nv
  }
  return networks
}

function fileRefView(c: ServiceFileRef): View {
  const r: View = {}
  put(r, 'source', c.source)
  put(r, 'target', c.target)
  put(r, 'uid', c.uid)
  put(r, 'gid', c.gid)
  if (c.mode !== null) r.mode = c.mode
  return r
}

function ulimitsView(source: ServiceConfig['ulimits']): View {
  const ulimits: View = {}
  for (const [name, u] of Object.entries(source)) {
    if (u.single !== 0) ulimits[name] = u.single
    else {
      const r: View = {}
      put(r, 'soft', u.soft)
      put(r, 'hard', u.hard)
      ulimits[name] = r
    }
  }
  return ulimits
}

function volumeView(m: ServiceVolumeConfig): View {
  const r: View = {}
  put(r, 'type', m.type)
  put(r, 'source', m.source)
  put(r, 'target', m.target)
  put(r, 'read_only', m.readOnly)
  put(r, 'consistency', m.consistency)
  if (m.bind) {
    const b: View = {}
    put(b, 'propagation', m.bind.propagation)
    r.bind = b
  }
  if (m.volume) {
    const b: View = {}
    put(b, 'nocopy', m.volume.nocopy)
    put(b, 'subpath', m.volume.subpath)
    r.volume = b
  }
  if (m.tmpfs) {
    const b: View = {}
    put(b, 'size', m.tmpfs.size)
    r.tmpfs = b
  }
  return r
}

function serviceView(s: ServiceConfig): View {
  const v: View = {}
  if (s.build) {
    const b: View = {}
    put(b, 'context', s.build.context)
    put(b, 'dockerfile', s.build.dockerfile)
    put(v, 'build', b)
  }
  put(v, 'cap_add', s.capAdd)
  put(v, 'cap_drop', s.capDrop)
  put(v, 'cgroupns_mode', s.cgroupnsMode)
  put(v, 'cgroup_parent', s.cgroupParent)
  put(v, 'command', s.command)
  put(v, 'configs', s.configs?.map(fileRefView))
  put(v, 'container_name', s.containerName)
  const cred: View = {}
  put(cred, 'config', s.credentialSpec.config)
  put(cred, 'file', s.credentialSpec.file)
  put(cred, 'registry', s.credentialSpec.registry)
  put(v, 'credential_spec', cred)
  put(v, 'depends_on', s.dependsOn)

  put(v, 'deploy', deployView(s.deploy))

  put(v, 'devices', s.devices)
  put(v, 'dns', s.dns)
  put(v, 'dns_search', s.dnsSearch)
  put(v, 'domainname', s.domainname)
  put(v, 'entrypoint', s.entrypoint)
  put(v, 'environment', s.environment)
  put(v, 'env_file', s.envFile)
  put(v, 'expose', s.expose)
  put(v, 'external_links', s.externalLinks)
  put(v, 'extra_hosts', s.extraHosts)
  put(v, 'hostname', s.hostname)
  if (s.healthcheck) v.healthcheck = healthcheckView(s.healthcheck)
  put(v, 'image', s.image)
  if (s.init !== null) v.init = s.init
  put(v, 'ipc', s.ipc)
  put(v, 'isolation', s.isolation)
  put(v, 'labels', s.labels)
  put(v, 'links', s.links)
  if (s.logging) {
    const l: View = {}
    put(l, 'driver', s.logging.driver)
    put(l, 'options', s.logging.options)
    v.logging = l
  }
  put(v, 'mac_address', s.macAddress)
  put(v, 'network_mode', s.networkMode)
  put(v, 'networks', serviceNetworksView(s.networks))
  put(v, 'pid', s.pid)
  put(
    v,
    'ports',
    s.ports?.map((p) => {
      const r: View = {}
      put(r, 'mode', p.mode)
      put(r, 'target', p.target)
      put(r, 'published', p.published)
      put(r, 'protocol', p.protocol)
      return r
    })
  )
  put(v, 'privileged', s.privileged)
  put(v, 'read_only', s.readOnly)
  put(v, 'restart', s.restart)
  put(v, 'secrets', s.secrets?.map(fileRefView))
  put(v, 'security_opt', s.securityOpt)
  put(v, 'shm_size', s.shmSize)
  put(v, 'stdin_open', s.stdinOpen)
  put(v, 'stop_grace_period', duration(s.stopGracePeriod))
  put(v, 'stop_signal', s.stopSignal)
  put(v, 'sysctls', s.sysctls)
  put(v, 'tmpfs', s.tmpfs)
  put(v, 'tty', s.tty)
  put(v, 'ulimits', ulimitsView(s.ulimits))
  put(v, 'user', s.user)
  put(v, 'userns_mode', s.usernsMode)
  put(v, 'volumes', s.volumes?.map(volumeView))
  put(v, 'working_dir', s.workingDir)
  return v
}

function fileObjectView(o: FileObjectConfig): View {
  const v: View = {}
  put(v, 'name', o.name)
  put(v, 'file', o.file)
  put(v, 'external', externalView(o.external))
  put(v, 'labels', o.labels)
  put(v, 'driver', o.driver)
  put(v, 'driver_opts', o.driverOpts)
  put(v, 'template_driver', o.templateDriver)
  return v
}

export function composeConfigView(model: ComposeModel): View {
  const view: View = { version: model.version, services: Object.fromEntries(model.services.map((s) => [s.name, serviceView(s)])) }
  const networks = Object.fromEntries(
    Object.entries(model.networks).map(([key, n]) => {
      const v: View = {}
      put(v, 'name', n.name)
      put(v, 'driver', n.driver)
      put(v, 'driver_opts', n.driverOpts)
      const ipam: View = {}
      put(ipam, 'driver', n.ipam.driver)
      put(ipam, 'config', n.ipam.config.map((c) => (c.subnet ? { subnet: c.subnet } : {})))
      put(v, 'ipam', ipam)
      put(v, 'external', externalView(n.external))
      put(v, 'internal', n.internal)
      put(v, 'attachable', n.attachable)
      put(v, 'labels', n.labels)
      return [key, v]
    })
  )
  put(view, 'networks', networks)
  const volumes = Object.fromEntries(
    Object.entries(model.volumes).map(([key, vol]) => {
      const v: View = {}
      put(v, 'name', vol.name)
      put(v, 'driver', vol.driver)
      put(v, 'driver_opts', vol.driverOpts)
      put(v, 'external', externalView(vol.external))
      put(v, 'labels', vol.labels)
      return [key, v]
    })
  )
  put(view, 'volumes', volumes)
  put(view, 'secrets', Object.fromEntries(Object.entries(model.secrets).map(([k, o]) => [k, fileObjectView(o)])))
  put(view, 'configs', Object.fromEntries(Object.entries(model.configs).map(([k, o]) => [k, fileObjectView(o)])))
  return view
}
