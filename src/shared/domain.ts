import { z } from 'zod'
import { taskStates } from './task-states'

/**
 * The live cluster model as the mirror speaks it. These are SwarmDesk's own shapes, normalised
 * from the Engine API in main (src/main/mirror/normalise.ts): no view ever reads a dockerode shape.
 */

const labels = z.record(z.string(), z.string())

export const nodeSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  hostname: z.string(),
  role: z.enum(['manager', 'worker']),
  availability: z.enum(['active', 'pause', 'drain']),
  state: z.enum(['unknown', 'down', 'ready', 'disconnected']),
  stateMessage: z.string(),
  address: z.string(),
  manager: z
    .object({
      leader: z.boolean(),
      reachability: z.enum(['unknown', 'unreachable', 'reachable']),
      address: z.string()
    })
    .nullable(),
  engineVersion: z.string(),
  os: z.string(),
  arch: z.string(),
  nanoCpus: z.number(),
  memoryBytes: z.number(),
  labels,
  engineLabels: labels,
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * Who issued the node's TLS certificate (a digest of Description.TLSInfo's issuer subject and
   * public key) and which root it trusts (a digest of its TrustRoot): the same digests as the
   * swarm's own (SwarmInfo.certIssuer, trustRoot) once a CA rotation reached the node.
   */
  certIssuer: z.string().optional(),
  trustRoot: z.string().optional()
})
export type SwarmNode = z.infer<typeof nodeSchema>

export const updateStatusSchema = z.object({
  state: z.enum(['updating', 'paused', 'completed', 'rollback_started', 'rollback_paused', 'rollback_completed', 'unknown']),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  message: z.string()
})
export type UpdateStatus = z.infer<typeof updateStatusSchema>

export const portSchema = z.object({
  protocol: z.string(),
  targetPort: z.number().int(),
  publishedPort: z.number().int().nullable(),
  publishMode: z.enum(['ingress', 'host'])
})

export const serviceUpdateConfigSchema = z.object({
  parallelism: z.number().int(),
  delayNs: z.number(),
  failureAction: z.string(),
  monitorNs: z.number(),
  maxFailureRatio: z.number(),
  order: z.string()
})
export type ServiceUpdateConfig = z.infer<typeof serviceUpdateConfigSchema>

/** What the scheduler reads from a service's spec (TaskTemplate.Placement and Resources). */
export const servicePlacementSchema = z.object({
  /** Spec.Mode.Replicated.Replicas; null for global services and jobs. */
  replicas: z.number().int().nullable(),
  /** Spread preferences, outermost first (the label descriptor, e.g. `node.labels.zone`). */
  preferences: z.array(z.object({ spread: z.string() })),
  /** Placement.MaxReplicas; 0 means no limit. */
  maxReplicasPerNode: z.number().int(),
  reservations: z.object({ nanoCpus: z.number(), memoryBytes: z.number() }),
  limits: z.object({ nanoCpus: z.number(), memoryBytes: z.number() }),
  platforms: z.array(z.object({ os: z.string(), arch: z.string() }))
})
export type ServicePlacement = z.infer<typeof servicePlacementSchema>

/**
 * A service's reference to a secret or config (TaskTemplate.ContainerSpec.Secrets/Configs): the
 * object and where the task sees it. `target` is the file name (under /run/secrets for a secret
 * with a relative name), or null for a config given to the runtime (credential specs).
 */
export const objectReferenceSchema = z.object({
  id: z.string(),
  name: z.string(),
  target: z.string().nullable(),
  uid: z.string(),
  gid: z.string(),
  mode: z.number().int()
})
export type ObjectReference = z.infer<typeof objectReferenceSchema>

/** A service's attachment to a network (TaskTemplate.Networks[]). */
export const serviceNetworkSchema = z.object({
  /** The network's ID (the engine resolves names at create/update). */
  target: z.string(),
  aliases: z.array(z.string())
})
export type ServiceNetwork = z.infer<typeof serviceNetworkSchema>

/** A mount of the service's containers (ContainerSpec.Mounts[]); `source` is the volume name for type volume. */
export const serviceMountSchema = z.object({
  type: z.enum(['volume', 'bind', 'tmpfs', 'npipe', 'cluster', 'image', 'unknown']),
  source: z.string(),
  target: z.string(),
  readOnly: z.boolean(),
  /** VolumeOptions.DriverConfig.Name, for volumes: `local` when absent. */
  volumeDriver: z.string().nullable()
})
export type ServiceMount = z.infer<typeof serviceMountSchema>

export const serviceSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  image: z.string(),
  mode: z.enum(['replicated', 'global', 'replicated-job', 'global-job']),
  /** Desired tasks: replicas for replicated services, eligible nodes for global ones (engine's count). */
  desiredTasks: z.number().int(),
  runningTasks: z.number().int(),
  /** `com.docker.stack.namespace`, so stacks made by the docker CLI appear as stacks. */
  stack: z.string().nullable(),
  labels,
  ports: z.array(portSchema),
  constraints: z.array(z.string()),
  placement: servicePlacementSchema,
  updateStatus: updateStatusSchema.nullable(),
  /** The secrets and configs the tasks mount, in spec order. */
  secrets: z.array(objectReferenceSchema),
  configs: z.array(objectReferenceSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether `docker service rollback` has a PreviousSpec to go back to (absent: not known). */
  hasPreviousSpec: z.boolean().optional(),
  /** The image of the PreviousSpec: the "old" side of a rolling update. */
  previousImage: z.string().nullable().optional(),
  /**
   * A key of Spec.TaskTemplate (and of PreviousSpec's): a task whose `specKey` equals it runs the
   * current spec. Tells old tasks from new ones when the image did not change (env, secrets, force).
   */
  specKey: z.string().nullable().optional(),
  previousSpecKey: z.string().nullable().optional(),
  /** Spec.UpdateConfig as the rollout runs it (swarmkit's defaults filled in). */
  updateConfig: serviceUpdateConfigSchema.optional(),
  /** The networks the tasks attach to (TaskTemplate.Networks): the engine stores network IDs. */
  networks: z.array(serviceNetworkSchema).optional(),
  /** ContainerSpec.Mounts, in spec order (named volumes, binds, tmpfs). */
  mounts: z.array(serviceMountSchema).optional()
})
export type Service = z.infer<typeof serviceSchema>

export const taskSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  serviceId: z.string(),
  /** Replicated services have slots; global services have one task per node and no slot. */
  slot: z.number().int().nullable(),
  nodeId: z.string().nullable(),
  state: z.enum(taskStates),
  desiredState: z.enum(taskStates),
  message: z.string(),
  error: z.string(),
  exitCode: z.number().int().nullable(),
  containerId: z.string().nullable(),
  image: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the task entered its current state. */
  timestamp: z.string(),
  /** The secret and config IDs this task's spec mounts: which version of each it runs (a rotation waits on it). */
  secretIds: z.array(z.string()).optional(),
  configIds: z.array(z.string()).optional(),
  /** The key of the spec this task was created from (see Service.specKey). */
  specKey: z.string().nullable().optional()
})
export type Task = z.infer<typeof taskSchema>

export const secretSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  labels,
  stack: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type Secret = z.infer<typeof secretSchema>
/** @alias Configs have exactly the shape of secrets. */
export const configSchema = secretSchema
export type Config = z.infer<typeof configSchema>

export const networkSchema = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  attachable: z.boolean(),
  ingress: z.boolean(),
  internal: z.boolean(),
  subnets: z.array(z.string()),
  labels,
  stack: z.string().nullable(),
  createdAt: z.string(),
  /** IPAM.Config in full (subnets above stay for existing readers). */
  ipam: z.array(z.object({ subnet: z.string(), gateway: z.string(), ipRange: z.string() })).optional(),
  /** Driver options (e.g. `encrypted` for overlay). */
  options: z.record(z.string(), z.string()).optional()
})
export type Network = z.infer<typeof networkSchema>

export const swarmInfoSchema = z.object({
  /** The swarm's own id (Swarm.Cluster.ID), stable across managers: how failover knows it is the same cluster. */
  swarmId: z.string(),
  createdAt: z.string(),
  nodeId: z.string(),
  nodeAddress: z.string(),
  engineVersion: z.string(),
  apiVersion: z.string(),
  engineName: z.string(),
  os: z.string(),
  managers: z.number().int(),
  nodes: z.number().int(),
  defaultAddrPool: z.array(z.string()),
  dataPathPort: z.number().int().nullable(),
  autolock: z.boolean(),
  taskHistoryLimit: z.number().int().nullable(),
  certExpirySeconds: z.number().nullable(),
  /** Swarm.Cluster.RootRotationInProgress: a CA rotation runs until the engine says it is done. */
  rootRotationInProgress: z.boolean().optional(),
  /** digests of the desired issuer (Cluster.TLSInfo) and trust root, to compare with each node's */
  certIssuer: z.string().optional(),
  trustRoot: z.string().optional()
})
export type SwarmInfo = z.infer<typeof swarmInfoSchema>

export const clusterEventSchema = z.object({
  /** Unique within a cluster session: the engine's timeNano plus a counter. */
  key: z.string(),
  time: z.string(),
  type: z.string(),
  action: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  attributes: z.record(z.string(), z.string())
})
export type ClusterEvent = z.infer<typeof clusterEventSchema>

export const snapshotSchema = z.object({
  swarm: swarmInfoSchema,
  nodes: z.array(nodeSchema),
  services: z.array(serviceSchema),
  tasks: z.array(taskSchema),
  /**
   * False while the task list is still being read (a snapshot's first phase: at 100,000 tasks the
   * Engine's answer alone takes seconds); the tasks then arrive as one `tasks` delta.
   */
  tasksLoaded: z.boolean(),
  secrets: z.array(secretSchema),
  configs: z.array(configSchema),
  networks: z.array(networkSchema),
  events: z.array(clusterEventSchema),
  /** Monotonic per cluster session; deltas carry the next numbers so a gap forces a resync. */
  seq: z.number().int(),
  takenAt: z.string()
})
export type Snapshot = z.infer<typeof snapshotSchema>

export const entityKinds = ['node', 'service', 'task', 'secret', 'config', 'network'] as const
export type EntityKind = (typeof entityKinds)[number]

export const deltaSchema = z.union([
  z.object({ op: z.literal('upsert'), kind: z.literal('node'), value: nodeSchema }),
  z.object({ op: z.literal('upsert'), kind: z.literal('service'), value: serviceSchema }),
  z.object({ op: z.literal('upsert'), kind: z.literal('task'), value: taskSchema }),
  z.object({ op: z.literal('upsert'), kind: z.literal('secret'), value: secretSchema }),
  z.object({ op: z.literal('upsert'), kind: z.literal('config'), value: configSchema }),
  z.object({ op: z.literal('upsert'), kind: z.literal('network'), value: networkSchema }),
  z.object({ op: z.literal('remove'), kind: z.enum(entityKinds), id: z.string() }),
  z.object({ op: z.literal('swarm'), value: swarmInfoSchema }),
  /** Every task at once, replacing the model's: the second phase of a snapshot (tasksLoaded false). */
  z.object({ op: z.literal('tasks'), values: z.array(taskSchema) }),
  z.object({ op: z.literal('event'), value: clusterEventSchema })
])
export type Delta = z.infer<typeof deltaSchema>
