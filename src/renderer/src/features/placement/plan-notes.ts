import type { PlacementPlanData, Unsuitable } from '../../../../shared/placement'

/**
 * The notes of a plan sorted for display: the pending-tasks warning on its own (with the
 * scheduler's explanation) and the no-eligible-node note as codes, the constraint issues on their own (they carry suggestions), and
 * whatever other warnings remain. The planner folds the first two into `warnings` too; they are
 * taken out here so nothing is said twice. Pure.
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
  refused: string | null
  pending: PendingNote | null
  /** No node is eligible yet no task is pending (a global service, or replicas not yet asked for). */
  noEligible: 'global' | 'new-tasks' | null
  warnings: string[]
}

const REFUSED_PREFIX = 'The engine will refuse this service: '
const NO_ELIGIBLE_PREFIX = 'No node is eligible: '

export function planNotes(
  plan: Pick<PlacementPlanData, 'pendingTasks' | 'explanation' | 'unsuitable' | 'noEligible' | 'eligibleCount' | 'warnings' | 'errors' | 'constraintWarnings'>
): PlanNotes {
  const refused = plan.errors[0]?.message ?? null
  const pending = plan.pendingTasks > 0 ? { count: plan.pendingTasks, unsuitable: plan.unsuitable ?? [], noneEligible: plan.eligibleCount === 0 } : null
  const noEligible = plan.noEligible === 'global' || plan.noEligible === 'new-tasks' ? plan.noEligible : null
  const constraintPrefixes = [...plan.errors, ...plan.constraintWarnings].map((issue) => `constraint ${issue.index + 1} (${issue.expression}): `)
  const warnings = plan.warnings.filter((warning) => {
    if (refused !== null && warning.startsWith(REFUSED_PREFIX)) return false
    if (pending && plan.explanation && warning.includes(plan.explanation) && /will stay pending/.test(warning)) return false
    if (noEligible !== null && warning.startsWith(NO_ELIGIBLE_PREFIX)) return false
    return !constraintPrefixes.some((prefix) => warning.startsWith(prefix))
  })
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
