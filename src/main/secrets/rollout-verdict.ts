// Has a service's rollout to a version of a secret or config finished, failed, or is it still
// going? Pure: the waiting loop (rotation-engine.ts) reads the service and its tasks and asks.
import type { StoredKind } from '../../shared/secrets'
import type { JsonObject, LiveService } from '../stacks/live-shapes'
import { countReferences } from './spec-references'

/** A task as GET /tasks returns it, with the parts the verdict reads. */
export interface RolloutTask {
  ID: string
  DesiredState?: string
  Spec?: JsonObject
  NodeID?: string
  Status?: { State?: string; Message?: string; Err?: string; Timestamp?: string; ContainerStatus?: { ExitCode?: number } }
}

export interface RolloutVerdict {
  state: 'converged' | 'failed' | 'waiting'
  running: number
  desired: number
  message: string
  /** the newest error of a task on the new spec (an unhealthy container, an exit code) */
  taskError: string | null
}

const FAILED_TASK_STATES = new Set(['failed', 'rejected'])
/** States a task of a long-running service should never end in during a rollout. */
const ENDED_STATES = new Set(['failed', 'rejected', 'complete', 'shutdown', 'orphaned'])

/**
 * What one task says went wrong. A task whose health check never passes is stopped by swarm
 * before it is ever `running`; the engine then only says `complete`/`finished` (exit 0 when the
 * process handles SIGTERM), so "ended before running" is the useful part.
 */
export function describeTaskError(task: RolloutTask): string {
  const status = task.Status ?? {}
  const exit = typeof status.ContainerStatus?.ExitCode === 'number' ? `, exit code ${status.ContainerStatus.ExitCode}` : ''
  const cause = status.Err || status.Message || ''
  const early = status.State === 'complete' || status.State === 'shutdown' ? ' — it ended before it was running (a health check that never passed, or a process that exits)' : ''
  return `task ${task.ID.slice(0, 12)}: ${status.State ?? 'unknown'}${cause ? ` (${cause})` : ''}${exit}${early}`
}

function usesVersion(task: RolloutTask, kind: StoredKind, objectId: string): boolean {
  return countReferences({ TaskTemplate: task.Spec ?? {} }, kind, objectId) > 0
}

/**
 * Converged: the engine's rolling update is not running (UpdateStatus completed, or none), and
 * every task meant to run is running and mounts the expected version, as many as desired.
 * Failed: the update paused or rolled back (failure_action), or the service is gone.
 */
export function rolloutVerdict(
  service: LiveService | undefined,
  tasks: readonly RolloutTask[],
  expected: { kind: StoredKind; objectId: string }
): RolloutVerdict {
  const onVersion = tasks.filter((t) => usesVersion(t, expected.kind, expected.objectId))
  // The engine names the task that made the update pause; else the newest failed task on the version.
  const named = /task ([a-z0-9]{25})/.exec(service?.UpdateStatus?.Message ?? '')?.[1]
  const culprit =
    (named ? tasks.find((t) => t.ID === named) : undefined) ??
    [...onVersion]
      .filter((t) => FAILED_TASK_STATES.has(t.Status?.State ?? '') || t.Status?.Err)
      .sort((a, b) => ((a.Status?.Timestamp ?? '') < (b.Status?.Timestamp ?? '') ? 1 : -1))[0]
  const newestError = culprit && (ENDED_STATES.has(culprit.Status?.State ?? '') || culprit.Status?.Err) ? describeTaskError(culprit) : null
  if (!service) return { state: 'failed', running: 0, desired: 0, message: 'the service was removed', taskError: newestError }
  const mode = (service.Spec.Mode ?? {}) as JsonObject
  const isJob = 'ReplicatedJob' in mode || 'GlobalJob' in mode
  const replicated = (mode.Replicated ?? null) as JsonObject | null
  const specReplicas = replicated && typeof replicated.Replicas === 'number' ? replicated.Replicas : 1
  const desired = service.ServiceStatus?.DesiredTasks ?? specReplicas
  const active = tasks.filter((t) => t.DesiredState === 'running')
  const running = active.filter((t) => t.Status?.State === 'running' && usesVersion(t, expected.kind, expected.objectId)).length
  const status = service.UpdateStatus?.State
  const statusMessage = service.UpdateStatus?.Message ?? ''
  const detail = `${running}/${desired} running on the new spec`
  if (status === 'paused' || status === 'rollback_paused' || status === 'rollback_started' || status === 'rollback_completed') {
    const what = status === 'paused' ? 'the update paused' : status === 'rollback_paused' ? 'the engine’s rollback paused' : 'the engine rolled the update back'
    return { state: 'failed', running, desired, message: `${what}${statusMessage ? `: ${statusMessage}` : ''}`, taskError: newestError }
  }
  if (status === 'updating') return { state: 'waiting', running, desired, message: `updating: ${detail}`, taskError: newestError }
  // A job's tasks run to completion: nothing stays running; the new spec is in place once no
  // task of the old spec is meant to run.
  if (isJob) {
    const stale = active.filter((t) => !usesVersion(t, expected.kind, expected.objectId)).length
    return stale === 0 ? { state: 'converged', running, desired, message: 'job updated', taskError: null } : { state: 'waiting', running, desired, message: `${stale} task(s) of the old spec`, taskError: null }
  }
  if (running >= desired && active.length === running) return { state: 'converged', running, desired, message: `${running}/${desired} running`, taskError: null }
  return { state: 'waiting', running, desired, message: newestError ? `${detail}; last task error: ${newestError}` : detail, taskError: newestError }
}
