import type { PlacementPlanData } from '../../shared/placement'
import { placementReasonPhrase } from '../../shared/placement-phrases'
import { english } from '../i18n/english'
import { formatTable } from './table'

/** The human form of a plan for `swarmdesk placement plan`. Pure. */
export function formatPlan(plan: PlacementPlanData): string {
  const mode = plan.mode === 'replicated' ? `replicated, ${plan.desiredTasks} replica${plan.desiredTasks === 1 ? '' : 's'}` : plan.mode
  const lines = [`SERVICE ${plan.service} (${mode}): ${plan.eligibleCount} of ${plan.perNode.length} nodes eligible`]
  for (const error of plan.errors) lines.push(`error: constraint ${error.index + 1} "${error.expression}": ${error.message}${error.suggestion ? ` (did you mean ${error.suggestion}?)` : ''}`)
  const byHostname = [...plan.perNode].sort((a, b) => a.hostname.localeCompare(b.hostname))
  const rows = byHostname.map((cell) => [
    cell.hostname,
    cell.eligible ? 'yes' : 'no',
    cell.minTasks === cell.maxTasks ? String(cell.predictedTasks) : `${cell.predictedTasks} (${cell.minTasks}-${cell.maxTasks})`,
    cell.reasons.map((reason) => english(placementReasonPhrase(reason))).join('; ')
  ])
  lines.push(formatTable(['NODE', 'ELIGIBLE', 'TASKS', 'WHY NOT'], rows).trimEnd())
  // The planner's warnings already cover pending tasks and suspicious constraints.
  for (const warning of plan.warnings) lines.push(`warning: ${warning.message}`)
  return lines.join('\n') + '\n'
}
