// The typed compose model, field for field what the docker CLI loads (cli/compose/types), after
// interpolation, schema validation, short-syntax expansion and env resolution. `null` marks a Go
// nil pointer/slice/map where nil and empty behave differently (merge rules, omitempty, Options).
import type { ServicePortConfig, ServiceVolumeConfig } from './port-volume-spec'

export type { ServicePortConfig, ServiceVolumeConfig } from './port-volume-spec'

export type StringMap = Record<string, string>

export interface External {
  external: boolean
  /** deprecated `external.name`; moved to `name` by the loader */
  name: string
}

export interface UpdateConfig {
  parallelism: number | null
  /** ns */
  delay: number
  failureAction: string
  /** ns */
  monitor: number
  maxFailureRatio: number
  order: string
}

export interface RestartPolicy {
  condition: string
  delay: number | null
  maxAttempts: number | null
  window: number | null
}

export interface GenericResource {
  discreteResourceSpec: { kind: string; value: number } | null
}

export interface Resources {
  limits: { nanoCPUs: string; memoryBytes: number; pids: number } | null
  reservations: { nanoCPUs: string; memoryBytes: number; genericResources: GenericResource[] } | null
}

export interface Placement {
  constraints: string[]
  preferences: { spread: string }[]
  maxReplicas: number
}

export interface DeployConfig {
  mode: string
  replicas: number | null
  labels: StringMap
  updateConfig: UpdateConfig | null
  rollbackConfig: UpdateConfig | null
  resources: Resources
  restartPolicy: RestartPolicy | null
  placement: Placement
  endpointMode: string
}

export interface HealthCheckConfig {
  test: string[] | null
  timeout: number | null
  interval: number | null
  retries: number | null
  startPeriod: number | null
  startInterval: number | null
  disable: boolean
}

export interface ServiceFileRef {
  source: string
  target: string
  uid: string
  gid: string
  mode: number | null
}

export interface ServiceNetworkConfig {
  aliases: string[] | null
  driverOpts: StringMap | null
  ipv4Address: string
  ipv6Address: string
}

export interface UlimitsConfig {
  single: number
  soft: number
  hard: number
}

export interface LoggingConfig {
  driver: string
  options: StringMap | null
}

export interface ServiceConfig {
  name: string
  build: { context: string; dockerfile: string } | null
  capAdd: string[]
  capDrop: string[]
  cgroupnsMode: string
  cgroupParent: string
  command: string[] | null
  configs: ServiceFileRef[] | null
  containerName: string
  credentialSpec: { config: string; file: string; registry: string }
  dependsOn: string[]
  deploy: DeployConfig
  devices: string[]
  dns: string[]
  dnsSearch: string[]
  domainname: string
  entrypoint: string[] | null
  /** null value: a bare `KEY` the environment did not have */
  environment: Record<string, string | null>
  /** as written (relative to the working dir); their contents are already in `environment` */
  envFile: string[]
  expose: string[]
  externalLinks: string[]
  /** `host:ip` entries, brackets around IPv6 removed */
  extraHosts: string[]
  hostname: string
  healthcheck: HealthCheckConfig | null
  image: string
  init: boolean | null
  ipc: string
  isolation: string
  labels: StringMap
  links: string[]
  logging: LoggingConfig | null
  macAddress: string
  networkMode: string
  networks: Record<string, ServiceNetworkConfig | null>
  pid: string
  ports: ServicePortConfig[] | null
  privileged: boolean
  readOnly: boolean
  restart: string
  secrets: ServiceFileRef[] | null
  securityOpt: string[]
  shmSize: string
  stdinOpen: boolean
  stopGracePeriod: number | null
  stopSignal: string
  sysctls: StringMap
  tmpfs: string[]
  tty: boolean
  ulimits: Record<string, UlimitsConfig>
  user: string
  oomScoreAdj: number
  usernsMode: string
  volumes: ServiceVolumeConfig[] | null
  workingDir: string
}

export interface NetworkConfig {
  name: string
  driver: string
  driverOpts: StringMap | null
  ipam: { driver: string; config: { subnet: string }[] }
  external: External
  internal: boolean
  attachable: boolean
  labels: StringMap
}

export interface VolumeConfig {
  name: string
  driver: string
  driverOpts: StringMap | null
  external: External
  labels: StringMap
}

/** secrets and configs (configs never have driver/driverOpts) */
export interface FileObjectConfig {
  name: string
  /** absolute path (resolved against the working dir), empty for external or driver objects */
  file: string
  external: External
  labels: StringMap
  driver: string
  driverOpts: StringMap | null
  templateDriver: string
}

export interface ComposeModel {
  version: string
  /** directory of the first compose file: relative paths were resolved against it */
  workingDir: string
  /** sorted by name */
  services: ServiceConfig[]
  networks: Record<string, NetworkConfig>
  volumes: Record<string, VolumeConfig>
  secrets: Record<string, FileObjectConfig>
  configs: Record<string, FileObjectConfig>
}
