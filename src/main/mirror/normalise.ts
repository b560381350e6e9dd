import { createHash } from 'node:crypto'
import type { ClusterEvent, Network, ObjectReference, Secret, Service, ServiceMount, ServiceNetwork, SwarmInfo, SwarmNode, Task, UpdateStatus } from '../../shared/domain'
import { taskStates } from '../../shared/task-states'
import { taskSpecKey } from './task-spec-key'
import type {
  EngineEvent,
  EngineInfo,
  EngineMount,
  EngineNetwork,
  EngineNode,
  EngineObjectReference,
  EngineSecretOrConfig,
  EngineService,
  EngineTask,
  EngineTlsInfo
} from '../docker/engine-shapes'

/** The label the docker CLI puts on every object of a stack (cli/compose/convert). */
export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace'

function pick<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback
}

function labelsOf(labels: Record<string, string> | null | undefined): Record<string, string> {
  return labels ? { ...labels } : {}
}

/** Short digests of a TLSInfo's issuer and trust root: equal digests, same issuer (or root). */
export function tlsDigests(tls: EngineTlsInfo | undefined): { certIssuer?: string; trustRoot?: string } {
  const out: { certIssuer?: string; trustRoot?: string } = {}
  if (tls?.CertIssuerPublicKey) out.certIssuer = digest(`${tls.CertIssuerSubject ?? ''}|${tls.CertIssuerPublicKey}`)
  if (tls?.TrustRoot) out.trustRoot = digest(tls.TrustRoot.trim())
  return out
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}

export function normaliseNode(raw: EngineNode): SwarmNode {
  const manager = raw.ManagerStatus
  return {
    id: raw.ID ?? '',
    version: raw.Version?.Index ?? 0,
    hostname: raw.Description?.Hostname ?? raw.Spec?.Name ?? '',
    role: pick(raw.Spec?.Role, ['manager', 'worker'] as const, 'worker'),
    availability: pick(raw.Spec?.Availability, ['active', 'pause', 'drain'] as const, 'active'),
    state: pick(raw.Status?.State, ['unknown', 'down', 'ready', 'disconnected'] as const, 'unknown'),
    stateMessage: raw.Status?.Message ?? '',
    address: raw.Status?.Addr ?? '',
    manager: manager
      ? {
          leader: manager.Leader === true,
          reachability: pick(manager.Reachability, ['unknown', 'unreachable', 'reachable'] as const, 'unknown'),
          address: manager.Addr ?? ''
        }
      : null,
    engineVersion: raw.Description?.Engine?.EngineVersion ?? '',
    os: raw.Description?.Platform?.OS ?? '',
    arch: raw.Description?.Platform?.Architecture ?? '',
    nanoCpus: raw.Description?.Resources?.NanoCPUs ?? 0,
    memoryBytes: raw.Description?.Resources?.MemoryBytes ?? 0,
    labels: labelsOf(raw.Spec?.Labels),
    engineLabels: labelsOf(raw.Description?.Engine?.Labels),
    createdAt: raw.CreatedAt ?? '',
    updatedAt: raw.UpdatedAt ?? '',
    ...tlsDigests(raw.Description?.TLSInfo)
  }
}

function updateStatusOf(raw: EngineService['UpdateStatus']): UpdateStatus | null {
  if (!raw) return null
  return {
    state: pick(
      raw.State,
      ['updating', 'paused', 'completed', 'rollback_started', 'rollback_paused', 'rollback_completed'] as const,
      'unknown'
    ),
    startedAt: raw.StartedAt ?? null,
    completedAt: raw.CompletedAt ?? null,
    message: raw.Message ?? ''
  }
}

export function modeOf(raw: EngineService): Service['mode'] {
  const mode = raw.Spec?.Mode ?? {}
  if (mode.Global) return 'global'
  if (mode.ReplicatedJob) return 'replicated-job'
  if (mode.GlobalJob) return 'global-job'
  return 'replicated'
}

function placementOf(raw: EngineService, mode: Service['mode']): Service['placement'] {
  const template = raw.Spec?.TaskTemplate
  const placement = template?.Placement
  return {
    replicas: mode === 'replicated' ? raw.Spec?.Mode?.Replicated?.Replicas ?? 1 : null,
    preferences: (placement?.Preferences ?? [])
      .map((p) => p.Spread?.SpreadDescriptor ?? '')
      .filter(Boolean)
      .map((spread) => ({ spread })),
    maxReplicasPerNode: placement?.MaxReplicas ?? 0,
    reservations: { nanoCpus: template?.Resources?.Reservations?.NanoCPUs ?? 0, memoryBytes: template?.Resources?.Reservations?.MemoryBytes ?? 0 },
    limits: { nanoCpus: template?.Resources?.Limits?.NanoCPUs ?? 0, memoryBytes: template?.Resources?.Limits?.MemoryBytes ?? 0 },
    platforms: (placement?.Platforms ?? []).map((p) => ({ os: p.OS ?? '', arch: p.Architecture ?? '' }))
  }
}

/** Secret and config references; a File target keeps its uid/gid/mode as the engine stored them. */
export function referencesOf(refs: EngineObjectReference[] | null | undefined, kind: 'secret' | 'config'): ObjectReference[] {
  return (refs ?? []).map((ref) => ({
    id: (kind === 'secret' ? ref.SecretID : ref.ConfigID) ?? '',
    name: (kind === 'secret' ? ref.SecretName : ref.ConfigName) ?? '',
    target: ref.File ? ref.File.Name ?? '' : null,
    uid: ref.File?.UID ?? '0',
    gid: ref.File?.GID ?? '0',
    mode: ref.File?.Mode ?? 0o444
  }))
}

/**
 * What a service's secret and config rows need of it (`swarmdesk secret ls` on 5,000 services):
 * the whole normalisation, with its spec keys, cost ten times as much.
 */
export function serviceRefsOf(raw: EngineService): Pick<Service, 'id' | 'name' | 'stack' | 'secrets' | 'configs'> {
  return {
    id: raw.ID ?? '',
    name: raw.Spec?.Name ?? '',
    stack: raw.Spec?.Labels?.[STACK_NAMESPACE_LABEL] ?? null,
    secrets: referencesOf(raw.Spec?.TaskTemplate?.ContainerSpec?.Secrets, 'secret'),
    configs: referencesOf(raw.Spec?.TaskTemplate?.ContainerSpec?.Configs, 'config')
  }
}

export function normaliseService(raw: EngineService): Service {
  const mode = modeOf(raw)
  // ServiceStatus only comes with `?status=true`; without it, fall back on the spec for replicas.
  const desired = raw.ServiceStatus?.DesiredTasks ?? (mode === 'replicated' ? raw.Spec?.Mode?.Replicated?.Replicas ?? 0 : 0)
  const ports = raw.Endpoint?.Ports ?? raw.Spec?.EndpointSpec?.Ports ?? []
  const labels = labelsOf(raw.Spec?.Labels)
  return {
    ...serviceRefsOf(raw),
    version: raw.Version?.Index ?? 0,
    image: raw.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '',
    mode,
    desiredTasks: desired,
    runningTasks: raw.ServiceStatus?.RunningTasks ?? 0,
    labels,
    ports: ports.map((port) => ({
      protocol: port.Protocol ?? 'tcp',
      targetPort: port.TargetPort ?? 0,
      publishedPort: port.PublishedPort ?? null,
      publishMode: port.PublishMode === 'host' ? 'host' : 'ingress'
    })),
    constraints: [...(raw.Spec?.TaskTemplate?.Placement?.Constraints ?? [])],
    placement: placementOf(raw, mode),
    updateStatus: updateStatusOf(raw.UpdateStatus),
    createdAt: raw.CreatedAt ?? '',
    updatedAt: raw.UpdatedAt ?? '',
    hasPreviousSpec: Boolean(raw.PreviousSpec),
    previousImage: raw.PreviousSpec?.TaskTemplate?.ContainerSpec?.Image ?? null,
    specKey: taskSpecKey(raw.Spec?.TaskTemplate),
    previousSpecKey: taskSpecKey(raw.PreviousSpec?.TaskTemplate),
    updateConfig: updateConfigOf(raw.Spec?.UpdateConfig),
    networks: serviceNetworksOf(raw),
    mounts: (raw.Spec?.TaskTemplate?.ContainerSpec?.Mounts ?? []).map(normaliseMount)
  }
}

function serviceNetworksOf(raw: EngineService): ServiceNetwork[] {
  const attachments = raw.Spec?.TaskTemplate?.Networks?.length ? raw.Spec.TaskTemplate.Networks : raw.Spec?.Networks ?? []
  return attachments.map((n) => ({ target: n.Target ?? '', aliases: [...(n.Aliases ?? [])] })).filter((n) => n.target)
}

const mountTypes = ['volume', 'bind', 'tmpfs', 'npipe', 'cluster', 'image'] as const

export function normaliseMount(raw: EngineMount): ServiceMount {
  const type = pick(raw.Type, mountTypes, 'unknown')
  return {
    type,
    source: raw.Source ?? '',
    target: raw.Target ?? '',
    readOnly: raw.ReadOnly === true,
    volumeDriver: type === 'volume' ? raw.VolumeOptions?.DriverConfig?.Name || 'local' : null
  }
}

/** swarmkit's defaults (api/defaults) where the spec leaves a field out: parallelism 1, pause, 5s monitor, stop-first. */
function updateConfigOf(config: NonNullable<EngineService['Spec']>['UpdateConfig']): Service['updateConfig'] {
  return {
    parallelism: config?.Parallelism ?? 1,
    delayNs: config?.Delay ?? 0,
    failureAction: config?.FailureAction || 'pause',
    monitorNs: config?.Monitor || 5_000_000_000,
    maxFailureRatio: config?.MaxFailureRatio ?? 0,
    order: config?.Order || 'stop-first'
  }
}

export function normaliseTask(raw: EngineTask): Task {
  const container = raw.Status?.ContainerStatus
  return {
    id: raw.ID ?? '',
    version: raw.Version?.Index ?? 0,
    serviceId: raw.ServiceID ?? '',
    slot: typeof raw.Slot === 'number' && raw.Slot > 0 ? raw.Slot : null,
    nodeId: raw.NodeID || null,
    state: pick(raw.Status?.State, taskStates, 'new'),
    desiredState: pick(raw.DesiredState, taskStates, 'new'),
    message: raw.Status?.Message ?? '',
    error: raw.Status?.Err ?? '',
    exitCode: typeof container?.ExitCode === 'number' ? container.ExitCode : null,
    containerId: container?.ContainerID || null,
    image: raw.Spec?.ContainerSpec?.Image ?? '',
    createdAt: raw.CreatedAt ?? '',
    updatedAt: raw.UpdatedAt ?? '',
    timestamp: raw.Status?.Timestamp ?? raw.UpdatedAt ?? '',
    secretIds: (raw.Spec?.ContainerSpec?.Secrets ?? []).map((r) => r.SecretID ?? '').filter(Boolean),
    configIds: (raw.Spec?.ContainerSpec?.Configs ?? []).map((r) => r.ConfigID ?? '').filter(Boolean),
    specKey: taskSpecKey(raw.Spec)
  }
}

export function normaliseSecret(raw: EngineSecretOrConfig): Secret {
  const labels = labelsOf(raw.Spec?.Labels)
  return {
    id: raw.ID ?? '',
    version: raw.Version?.Index ?? 0,
    name: raw.Spec?.Name ?? '',
    labels,
    stack: labels[STACK_NAMESPACE_LABEL] ?? null,
    createdAt: raw.CreatedAt ?? '',
    updatedAt: raw.UpdatedAt ?? ''
  }
}

export function normaliseNetwork(raw: EngineNetwork): Network {
  const labels = labelsOf(raw.Labels)
  return {
    id: raw.Id ?? '',
    name: raw.Name ?? '',
    driver: raw.Driver ?? '',
    scope: raw.Scope ?? '',
    attachable: raw.Attachable === true,
    ingress: raw.Ingress === true,
    internal: raw.Internal === true,
    subnets: (raw.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean),
    labels,
    stack: labels[STACK_NAMESPACE_LABEL] ?? null,
    createdAt: raw.Created ?? '',
    ipam: (raw.IPAM?.Config ?? []).map((c) => ({ subnet: c.Subnet ?? '', gateway: c.Gateway ?? '', ipRange: c.IPRange ?? '' })),
    options: { ...(raw.Options ?? {}) }
  }
}

/** Swarm facts from `GET /info`; null when the engine is not a manager of an active swarm. */
export function normaliseSwarmInfo(raw: EngineInfo, apiVersion = ''): SwarmInfo | null {
  const swarm = raw.Swarm
  if (!swarm || swarm.LocalNodeState !== 'active' || !swarm.ControlAvailable || !swarm.Cluster) return null
  const cluster = swarm.Cluster
  const expiryNs = cluster.Spec?.CAConfig?.NodeCertExpiry
  return {
    swarmId: cluster.ID ?? '',
    createdAt: cluster.CreatedAt ?? '',
    nodeId: swarm.NodeID ?? '',
    nodeAddress: swarm.NodeAddr ?? '',
    engineVersion: raw.ServerVersion ?? '',
    apiVersion,
    engineName: raw.Name ?? '',
    os: raw.OperatingSystem ?? '',
    managers: swarm.Managers ?? 0,
    nodes: swarm.Nodes ?? 0,
    defaultAddrPool: [...(cluster.DefaultAddrPool ?? [])],
    dataPathPort: cluster.DataPathPort ?? null,
    autolock: cluster.Spec?.EncryptionConfig?.AutoLockManagers === true,
    taskHistoryLimit: cluster.Spec?.Orchestration?.TaskHistoryRetentionLimit ?? null,
    certExpirySeconds: typeof expiryNs === 'number' ? expiryNs / 1e9 : null,
    rootRotationInProgress: cluster.RootRotationInProgress === true,
    ...tlsDigests(cluster.TLSInfo)
  }
}

/** The key is derived from the event itself, so the same event read twice (history and live stream) is kept once. */
export function normaliseEvent(raw: EngineEvent): ClusterEvent {
  const nanos = raw.timeNano ?? (raw.time ?? 0) * 1e9
  const attributes = { ...(raw.Actor?.Attributes ?? {}) }
  return {
    key: `${nanos}-${raw.Type ?? ''}-${raw.Action ?? ''}-${raw.Actor?.ID ?? ''}`,
    time: new Date(Math.floor(nanos / 1e6)).toISOString(),
    type: raw.Type ?? '',
    action: raw.Action ?? '',
    actorId: raw.Actor?.ID ?? '',
    actorName: attributes.name ?? '',
    attributes
  }
}
