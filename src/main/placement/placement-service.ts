import type { PlacementChange, PlacementDraft, PlacementMatrix, PlacementPlanData } from '../../shared/placement'
import { refusal } from '../i18n/words'
import type { Snapshot } from '../../shared/domain'
import { phrase, type Worded } from '../../shared/phrase'
import { fromMirror } from './from-mirror'
import { defineService, indexCluster, planPlacement } from './placement-planner'
import { applyChanges, whatIf, type Change } from './what-if'
import type { PlacementPlan, PlacementService } from './placement-types'

/** The planner's readonly output as plain contract data. */
export function toPlanData(plan: PlacementPlan): PlacementPlanData {
  return {
    ...plan,
    perNode: plan.perNode.map((cell) => ({ ...cell, reasons: [...cell.reasons] })),
    warnings: [...plan.warnings],
    errors: [...plan.errors],
    constraintWarnings: [...plan.constraintWarnings]
  }
}

/** How many tie-break orders a plan explores to give each node a min..max range. */
const VARIANTS = 8

/**
 * A draft as the planner's service. A draft that replaces a live service (its update, a stack
 * redeploy) carries that service's id: its tasks are the ones the new spec replaces, so their
 * host ports, reservations and task counts are its own, not another service's.
 */
function draftService(draft: PlacementDraft, replaces: string | null): PlacementService {
  return defineService({ ...draft, id: replaces })
}

/**
 * The planner over a cluster's live mirror: plans for a live service or a draft, with optional
 * hypothetical changes, and the node x service matrix. No I/O: the snapshot is the input.
 */
export function planFromSnapshot(
  snapshot: Snapshot,
  target: { serviceId: string } | { draft: PlacementDraft; replaces?: string | null },
  changes: readonly PlacementChange[] = []
): { plan: PlacementPlanData; before: PlacementPlanData | null; errors: Worded[] } {
  const { nodes, services } = fromMirror(snapshot.nodes, snapshot.services, snapshot.tasks)
  let service: PlacementService
  if ('serviceId' in target) {
    const found = services.find((s) => s.id === target.serviceId || s.name === target.serviceId)
    if (!found) throw refusal('NOT_FOUND', phrase('placement.said.no-service', { service: target.serviceId }))
    service = found
  } else {
    service = draftService(target.draft, target.replaces ?? null)
  }
  const options = { variants: VARIANTS, existing: 'serviceId' in target ? ('keep' as const) : ('ignore' as const) }
  if (changes.length === 0) return { plan: toPlanData(planPlacement(nodes, service, options)), before: null, errors: [] }
  const changed = applyChanges(nodes, [service], changes as Change[])
  return {
    plan: toPlanData(planPlacement(changed.nodes, changed.services[0], options)),
    before: toPlanData(planPlacement(nodes, service, options)),
    errors: [...changed.errors]
  }
}

export function matrixFromSnapshot(snapshot: Snapshot, changes: readonly PlacementChange[] = []): PlacementMatrix {
  const { nodes, services } = fromMirror(snapshot.nodes, snapshot.services, snapshot.tasks)
  const live = services.filter((s) => s.id !== null)
  const result = changes.length
    ? whatIf(nodes, live, changes as Change[])
    : null
  const cluster = indexCluster(result ? result.nodes : nodes)
  const rows = live.map((service, index) => {
    const impact = result?.services[index] ?? null
    const plan = impact ? impact.after : planPlacement(cluster, service, { existing: 'keep' })
    return {
      serviceId: service.id as string,
      name: service.name,
      mode: service.mode,
      desiredTasks: plan.desiredTasks,
      eligibleCount: plan.eligibleCount,
      pendingTasks: plan.pendingTasks,
      cells: plan.perNode.map((cell) => ({
        eligible: cell.eligible,
        predicted: cell.predictedTasks,
        actual: cell.existingTasks,
        reason: cell.reasons[0]?.message ?? null,
        why: cell.reasons[0] ?? null
      })),
      warnings: [...plan.warnings],
      unsuitable: plan.unsuitable,
      noEligible: plan.noEligible,
      impact: impact
        ? {
            serviceId: impact.serviceId,
            name: impact.name,
            refused: impact.refused,
            refusedSaid: impact.refusedSaid,
            losesAllNodes: impact.losesAllNodes,
            movedTasks: impact.movedTasks,
            newlyPending: impact.newlyPending,
            moves: [...impact.moves],
            changed: impact.changed
          }
        : null
    }
  })
  return {
    nodes: nodes.map((n) => ({ id: n.id, hostname: n.hostname, role: n.role, availability: n.availability, state: n.state })),
    services: rows.sort((a, b) => a.name.localeCompare(b.name)),
    summary: [...(result?.summary ?? [])],
    errors: [...(result?.errors ?? [])]
  }
}
