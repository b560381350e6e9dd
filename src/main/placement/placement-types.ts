/** The placement planner's input and output shapes (data only). */
import type { PlacementReason, PlacementReasonCode, PlacementWarning, Unsuitable } from '../../shared/placement'
import type { ConstraintIssue } from './constraint-parser'

// ---------------------------------------------------------------------------------------------
// Input

export type NodeState = 'ready' | 'down' | 'unknown' | 'disconnected'
export type NodeAvailability = 'active' | 'pause' | 'drain'
export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job'

export interface Resources {
  nanoCpus: number
  memoryBytes: number
}

/** What one service's tasks hold on one node, as the scheduler counts them. */
export interface ServiceUsage {
  /** Active tasks: assigned..running with desired state up to complete (ActiveTasksCountByService). */
  tasks: number
  /** Reservations of its tasks assigned..running on the node (whatever their desired state). */
  nanoCpus: number
  memoryBytes: number
  /** Host-mode published ports its tasks hold, as `protocol/port` (e.g. `tcp/8080`). */
  hostPorts: readonly string[]
}

export interface PlacementNode {
  id: string
  hostname: string
  role: 'manager' | 'worker'
  state: NodeState
  availability: NodeAvailability
  /** Status.Addr, for node.ip constraints. */
  address: string
  /** As the engine reports them: `linux`, `x86_64` / `aarch64` (uname -m). */
  os: string
  arch: string
  labels: Readonly<Record<string, string>>
  engineLabels: Readonly<Record<string, string>>
  nanoCpus: number
  memoryBytes: number
  /** Reserved by every task assigned..running on the node, this service's included. */
  reserved: Resources
  /** Active tasks of every service on the node (ActiveTasksCount: the scheduler's tie-breaker). */
  activeTasks: number
  /** Host-mode ports held by every task on the node (`tcp/8080`). */
  hostPortsInUse: readonly string[]
  /** The same figures per service id, so a plan can take its own service out or keep it. */
  services: Readonly<Record<string, ServiceUsage>>
}

export interface SpreadPreference {
  /** `node.labels.<key>` or `engine.labels.<key>`; anything else is ignored by the scheduler. */
  spread: string
}

export interface PlatformSpec {
  os: string
  arch: string
}

export interface HostPort {
  protocol: 'tcp' | 'udp' | 'sctp'
  port: number
}

export interface PlacementService {
  /** The live service's id; null for a draft or a stack-file service not deployed yet. */
  id: string | null
  name: string
  mode: ServiceMode
  /** Replicas (replicated), max concurrent (replicated-job); ignored for global modes. */
  replicas: number
  constraints: readonly string[]
  preferences: readonly SpreadPreference[]
  /** 0: no limit. */
  maxReplicasPerNode: number
  reservations: Resources
  /** The image's platforms (Placement.Platforms, filled by the CLI from the registry); empty: any. */
  platforms: readonly PlatformSpec[]
  /** Published ports in host mode (ingress ports do not constrain placement). */
  hostPorts: readonly HostPort[]
}


export interface PlanOptions {
  /**
   * 'keep' (default): the service's current tasks stay where the engine would leave them and only
   * the missing ones are placed; 'ignore': plan as a fresh deployment (its tasks do not exist).
   */
  existing?: 'keep' | 'ignore'
  /** Extra runs with other tie-break orders, for each node's min/max. 0 (default): canonical only. */
  variants?: number
  /** Seed for the variant orders (deterministic). */
  seed?: number
}

// ---------------------------------------------------------------------------------------------
// Output

export type ReasonCode = PlacementReasonCode

/** A code with its values and the same in English (see src/shared/placement.ts). */
export type Reason = PlacementReason

export interface NodePlacement {
  nodeId: string
  hostname: string
  /** The scheduler may put a (first) task of this service here. */
  eligible: boolean
  /** Why not: every failing check, the fixed ones (ready, constraints, platform) then capacity (resources, port). Empty when eligible. */
  reasons: readonly Reason[]
  /** Tasks of this service on the node now (0 with existing: 'ignore'). */
  existingTasks: number
  predictedTasks: number
  /** Across the tie-break variants (equal to predictedTasks without variants). */
  minTasks: number
  maxTasks: number
  /** For an eligible node: what stops it taking one more task once the plan is applied. */
  limitedBy: Reason | null
}

export interface PlacementPlan {
  service: string
  serviceId: string | null
  mode: ServiceMode
  /** Tasks the orchestrator wants: replicas, or one per node the global orchestrator picks. */
  desiredTasks: number
  /** In the order of the input nodes. */
  perNode: NodePlacement[]
  eligibleCount: number
  totalPredicted: number
  pendingTasks: number
  /** No tie-break variant changed any node's count (always true without variants). */
  deterministic: boolean
  /**
   * What swarmkit writes in a pending task's status, "no suitable node (...)": every node counted
   * against the first filter it fails, most failures first. For a global service, a summary over
   * its pending tasks (each one's own status names only its node).
   */
  explanation: string | null
  /** The explanation as codes (null when explanation is). */
  unsuitable: Unsuitable | null
  /** No node is eligible: pending tasks, a global service with no new task, or new replicas that would stay pending. */
  noEligible: 'pending' | 'global' | 'new-tasks' | null
  warnings: PlacementWarning[]
  /** Constraint syntax errors: the engine refuses the service (create or update). */
  errors: ConstraintIssue[]
  /** Constraints the engine accepts that are probably mistakes (unknown key...). */
  constraintWarnings: ConstraintIssue[]
}

/** Nodes indexed once for many plans (see indexCluster). */
export interface PlacementCluster {
  readonly nodes: readonly PlacementNode[]
}
