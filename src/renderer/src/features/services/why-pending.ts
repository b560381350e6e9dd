import type { Task } from '../../../../shared/domain'
import type { PlacementPlanData, PlacementReason } from '../../../../shared/placement'

/**
 * Why a task is not running, from what the engine said (the task's error and message) and, when
 * the scheduler found no node, the placement planner's reason per node. Pure.
 */
export type PendingKind = 'no-suitable-node' | 'resources' | 'image' | 'host-port' | 'starting' | 'failed' | 'none'

export interface PendingExplanation {
  kind: PendingKind
  /** the engine's own words (task error, else message) */
  engine: string
  /** for no-suitable-node / resources: each ineligible node and why (from the planner, as codes: placement-text.ts words them) */
  nodes: { hostname: string; reasons: readonly PlacementReason[] }[]
}

const WAITING_STATES = new Set<Task['state']>(['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting'])

export function whyNotRunning(task: Pick<Task, 'state' | 'desiredState' | 'error' | 'message'>, plan: Pick<PlacementPlanData, 'perNode'> | null): PendingExplanation {
  const engine = task.error || task.message
  const ineligible = (plan?.perNode ?? []).filter((cell) => !cell.eligible).map((cell) => ({ hostname: cell.hostname, reasons: cell.reasons }))
  if (task.state === 'running' || task.state === 'complete') return { kind: 'none', engine, nodes: [] }
  if (/no such image|manifest unknown|pull access denied|not found|failed to resolve reference|repository does not exist|cannot pull|error pulling/i.test(engine)) return { kind: 'image', engine, nodes: [] }
  if (/insufficient resources/i.test(engine)) return { kind: 'resources', engine, nodes: ineligible }
  if (/host-mode port already in use|port .* already in use|address already in use/i.test(engine)) return { kind: 'host-port', engine, nodes: ineligible }
  if (/no suitable node/i.test(engine)) return { kind: 'no-suitable-node', engine, nodes: ineligible }
  if (task.state === 'failed' || task.state === 'rejected' || task.state === 'orphaned') return { kind: 'failed', engine, nodes: [] }
  if (WAITING_STATES.has(task.state) && task.desiredState === 'running') return { kind: task.state === 'pending' ? 'no-suitable-node' : 'starting', engine, nodes: task.state === 'pending' ? ineligible : [] }
  return { kind: 'none', engine, nodes: [] }
}
