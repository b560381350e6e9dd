import type { PlacementPlanData, PlacementWarning, Unsuitable } from '../../../../shared/placement'

type ConstraintIssue = PlacementPlanData['errors'][number]

/**
 * The notes of a plan sorted for display: the pending-tasks warning on its own (with the
 * scheduler's explanation) and the no-eligible-node note as codes, the constraint issues on their own (they carry suggestions), and
 * whatever other warnings remain. The planner folds these into `warnings` too (for the CLI); they
 * are taken out here, by kind, so nothing is said twice. Pure.
 */

export interface PendingNote {
  count: number
  /** The scheduler's explanation as codes (worded by placement-text.ts). */
  unsuitable: Unsuitable
  /** Not one node is eligible (as opposed to eligible nodes that are full). */
  noneEligible: boolean
}

export interface PlanNotes {
  /** The engine would refuse the service (a constraint syntax error): its first error. */
  refused: ConstraintIssue | null
  pending: PendingNote | null
  /** No node is eligible yet no task is pending (a global service, or replicas not yet asked for). */
  noEligible: 'global' | 'new-tasks' | null
  warnings: PlacementWarning[]
}

/** Kinds of planner notes the plan view shows its own way (from codes, or with their fixes). */
const SHOWN_APART: ReadonlySet<PlacementWarning['kind']> = new Set(['refused', 'pending', 'no-eligible', 'constraint'])

export function planNotes(
  plan: Pick<PlacementPlanData, 'pendingTasks' | 'unsuitable' | 'noEligible' | 'eligibleCount' | 'warnings' | 'errors'>
): PlanNotes {
  const refused = plan.errors[0] ?? null
  const pending = plan.pendingTasks > 0 ? { count: plan.pendingTasks, unsuitable: plan.unsuitable ?? [], noneEligible: plan.eligibleCount === 0 } : null
  const noEligible = plan.noEligible === 'global' || plan.noEligible === 'new-tasks' ? plan.noEligible : null
  const warnings = plan.warnings.filter((warning) => !SHOWN_APART.has(warning.kind))
  return { refused, pending, noEligible, warnings }
}

export interface NodeDelta {
  eligibleBefore: boolean
  predictedBefore: number
}

/** For a what-if plan: each node of `after` that differs from `before` (matched by node id). */
export function planDeltas(after: PlacementPlanData, before: PlacementPlanData | null): Map<string, NodeDelta> {
  const out = new Map<string, NodeDelta>()
  if (!before) return out
  const old = new Map(before.perNode.map((cell) => [cell.nodeId, cell]))
  for (const cell of after.perNode) {
    const was = old.get(cell.nodeId)
    if (was && (was.eligible !== cell.eligible || was.predictedTasks !== cell.predictedTasks)) out.set(cell.nodeId, { eligibleBefore: was.eligible, predictedBefore: was.predictedTasks })
  }
  return out
}
