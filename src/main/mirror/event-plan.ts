import type { Service, Task } from '../../shared/domain'
import type { EngineEvent } from '../docker/engine-shapes'

/**
 * What to re-read after an engine event. The /events stream says *that* something changed, not
 * its new state, so each event names the objects to fetch again (or drop). Pure: table-tested.
 */
export type RefetchKind = 'node' | 'service' | 'secret' | 'config' | 'network'

export interface EventPlan {
  fetch: { kind: RefetchKind; id: string }[]
  remove: { kind: RefetchKind; id: string }[]
  /** Services whose tasks should be followed until they settle (tasks have no events of their own). */
  followServices: string[]
  /** Re-read every task (a node went down or came back: the orchestrator moves tasks). */
  allTasks: boolean
  /** The swarm's own facts may have changed (managers count, cluster spec). */
  swarmInfo: boolean
}

const refetchKinds: readonly RefetchKind[] = ['node', 'service', 'secret', 'config', 'network']

export function emptyPlan(): EventPlan {
  return { fetch: [], remove: [], followServices: [], allTasks: false, swarmInfo: false }
}

export function planForEvent(event: EngineEvent): EventPlan {
  const plan = emptyPlan()
  const kind = event.Type as RefetchKind
  const id = event.Actor?.ID ?? ''
  if (!refetchKinds.includes(kind) || !id) return plan
  if (kind === 'network' && event.scope !== 'swarm') return plan
  const action = event.Action ?? ''
  if (action === 'remove' || action === 'destroy') {
    plan.remove.push({ kind, id })
    if (kind === 'node') plan.swarmInfo = true
    return plan
  }
  // Network connect/disconnect events concern containers, not the network object itself.
  if (kind === 'network' && action !== 'create' && action !== 'update') return plan
  plan.fetch.push({ kind, id })
  if (kind === 'service') plan.followServices.push(id)
  if (kind === 'node') {
    plan.swarmInfo = true
    // A node changing state or availability makes the orchestrator move tasks.
    const attributes = event.Actor?.Attributes ?? {}
    if ('state.new' in attributes || 'availability.new' in attributes || 'role.new' in attributes || action === 'create') {
      plan.allTasks = true
    }
  }
  return plan
}

export function mergePlans(into: EventPlan, other: EventPlan): EventPlan {
  into.fetch.push(...other.fetch)
  into.remove.push(...other.remove)
  into.followServices.push(...other.followServices)
  into.allTasks ||= other.allTasks
  into.swarmInfo ||= other.swarmInfo
  return into
}

const terminal = new Set<Task['state']>(['complete', 'shutdown', 'failed', 'rejected', 'orphaned', 'remove'])

/**
 * A service has settled when nothing about it moves without an event: its rollout is not moving,
 * the engine's running count plus the tasks waiting for a node matches the desired count, and every
 * task is where its desired state says it should be — or pending with the scheduler's verdict
 * written (a task is pending first without it; the verdict is a write no event announces). It waits for the
 * scheduler to find a node, which comes with a node event (those re-read every task) or a task
 * ending elsewhere (the slow reconcile); a rollout whose new task is pending waits for the same.
 * Following such services until the follow limit made every service of a storm over unplaceable
 * services a standing read.
 */
/** Pending with the scheduler's verdict written (`no suitable node (…)`): before that, the scheduler has not looked yet. */
const waitsForNode = (task: Task): boolean => task.desiredState === 'running' && task.state === 'pending' && task.error !== ''

export function isServiceSettled(service: Service, tasks: Task[]): boolean {
  const pending = tasks.filter(waitsForNode).length
  const rollout = service.updateStatus?.state
  if ((rollout === 'updating' || rollout === 'rollback_started') && pending === 0) return false
  if (service.mode === 'replicated' || service.mode === 'global') {
    if (service.runningTasks + pending !== service.desiredTasks) return false
  }
  for (const task of tasks) {
    if (task.desiredState === 'running' && task.state !== 'running' && !waitsForNode(task)) return false
    if (task.desiredState !== 'running' && !terminal.has(task.state)) return false
  }
  return true
}

/**
 * The pause before the next full task pass, from how long the last one took: `loadFactor` times
 * its duration, within [minMs, maxMs] (see mirrorTiming.taskReconcileMs for why).
 */
export function reconcileDelayMs(tookMs: number, timing: { taskReconcileMs: number; taskReconcileMaxMs: number; taskReconcileLoadFactor: number }): number {
  return Math.min(timing.taskReconcileMaxMs, Math.max(timing.taskReconcileMs, Math.round(tookMs * timing.taskReconcileLoadFactor)))
}
