import { isActionableOperation, stackPhases, type PlanProblem, type StackOperation, type StackOperationKind, type StackPlan } from '../../../../shared/stacks'

/** The plan's operations as the screen groups and names them (ideas of the CLI's `stack plan`). Pure. */

export type StackPhase = (typeof stackPhases)[number]
export type ObjectKind = 'service' | 'network' | 'secret' | 'config'
export type OpVerb = 'create' | 'update' | 'update-labels' | 'unchanged' | 'remove' | 'content-changed'

export function objectOf(kind: StackOperationKind): ObjectKind {
  return kind.slice(0, kind.indexOf('.')) as ObjectKind
}

export function verbOf(kind: StackOperationKind): OpVerb {
  return kind.slice(kind.indexOf('.') + 1) as OpVerb
}

/** Operations that send something to the engine (the others are shown, never run). */
export const isActionable = isActionableOperation

/** The tone of an operation: what it does to the cluster. */
export type OpTone = 'create' | 'change' | 'restart' | 'remove' | 'blocked' | 'none'

export function toneOf(op: Pick<StackOperation, 'kind' | 'blocked' | 'restarts'>): OpTone {
  if (op.blocked) return 'blocked'
  const verb = verbOf(op.kind)
  if (verb === 'create') return 'create'
  if (verb === 'remove') return 'remove'
  if (verb === 'update') return op.restarts ? 'restart' : 'change'
  if (verb === 'update-labels') return 'change'
  return 'none'
}

export interface PhaseGroup {
  phase: StackPhase
  operations: StackOperation[]
  /** operations that would change something (not `*.unchanged`) */
  active: number
}

/** In the order a deploy runs them (prune, networks, secrets, configs, services); empty phases left out. */
export function groupOperations(operations: readonly StackOperation[]): PhaseGroup[] {
  return stackPhases
    .map((phase) => {
      const ops = operations.filter((o) => o.phase === phase)
      return { phase, operations: ops, active: ops.filter((o) => verbOf(o.kind) !== 'unchanged').length }
    })
    .filter((g) => g.operations.length > 0)
}

/** The errors that block this operation (their `fix` says what to change in the file). */
export function problemsOf(plan: Pick<StackPlan, 'problems'>, op: Pick<StackOperation, 'name'>): PlanProblem[] {
  return plan.problems.filter((p) => p.severity === 'error' && p.subject !== '' && p.subject === op.name)
}

/** A `before`/`after` value as shown: null (absent) as the given word. */
export function shownValue(value: string | null, absent: string): string {
  return value === null ? absent : value === '' ? '""' : value
}

export interface PlanCounts {
  create: number
  update: number
  unchanged: number
  remove: number
  blocked: number
  errors: number
  warnings: number
  restarting: string[]
}

export function planCounts(plan: StackPlan): PlanCounts {
  return {
    create: plan.summary.create,
    update: plan.summary.update,
    unchanged: plan.summary.unchanged,
    remove: plan.summary.remove,
    blocked: plan.operations.filter((o) => o.blocked).length,
    errors: plan.problems.filter((p) => p.severity === 'error').length,
    warnings: plan.problems.filter((p) => p.severity === 'warning').length,
    restarting: plan.summary.restarting
  }
}

/** Whether a deploy of this plan would change anything at all. */
export function changesSomething(plan: Pick<StackPlan, 'operations'>): boolean {
  return plan.operations.some(isActionable)
}

export type ServicePlacement = StackPlan['placement'][number]
export type PlacementVerdict = 'ok' | 'pending' | 'nowhere'

/** Where a service of the plan would run (main's placement planner over the live cluster), when known. */
export function placementOf(plan: Pick<StackPlan, 'placement'>, op: Pick<StackOperation, 'name' | 'phase'>): ServicePlacement | null {
  if (op.phase !== 'services') return null
  return plan.placement.find((p) => p.name === op.name) ?? null
}

export function placementVerdict(p: Pick<ServicePlacement, 'eligible' | 'pendingTasks'>): PlacementVerdict {
  if (p.eligible.length === 0) return 'nowhere'
  return p.pendingTasks > 0 ? 'pending' : 'ok'
}

/** Services whose tasks would not all find a node. */
export function unplaceable(plan: Pick<StackPlan, 'placement'>): string[] {
  return plan.placement.filter((p) => placementVerdict(p) !== 'ok').map((p) => p.name)
}
