import type { PlacementPlanData } from '../../../../shared/placement'

/**
 * The notes of a plan sorted for display: the pending-tasks warning on its own (with the
 * scheduler's explanation), the constraint issues on their own (they carry suggestions), and
 * whatever other warnings remain. The planner folds the first two into `warnings` too; they are
 * taken out here so nothing is said twice. Pure.
 */

export interface PendingNote {
  count: number
  explanation: string
  /** Not one node is eligible (as opposed to eligible nodes that are full). */
  noneEligible: boolean
}

export interface PlanNotes {
  /** The engine would refuse the service (a constraint syntax error): its first error. */
  refused: string | null
  pending: PendingNote | null
  warnings: string[]
}

const REFUSED_PREFIX = 'The engine will refuse this service: '

export function planNotes(plan: Pick<PlacementPlanData, 'pendingTasks' | 'explanation' | 'eligibleCount' | 'warnings' | 'errors' | 'constraintWarnings'>): PlanNotes {
  const refused = plan.errors[0]?.message ?? null
  const pending =
    plan.pendingTasks > 0 ? { count: plan.pendingTasks, explanation: plan.explanation ?? 'no suitable node', noneEligible: plan.eligibleCount === 0 } : null
  const constraintPrefixes = [...plan.errors, ...plan.constraintWarnings].map((issue) => `constraint ${issue.index + 1} (${issue.expression}): `)
  const warnings = plan.warnings.filter((warning) => {
    if (refused !== null && warning.startsWith(REFUSED_PREFIX)) return false
    if (pending && plan.explanation && warning.includes(plan.explanation) && /will stay pending/.test(warning)) return false
    return !constraintPrefixes.some((prefix) => warning.startsWith(prefix))
  })
  return { refused, pending, warnings }
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
