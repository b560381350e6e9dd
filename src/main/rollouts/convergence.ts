// Has a service reached what was asked of it? One verdict for the three places that wait: a
// stack deploy (`--wait`), `swarmdesk service scale|update|rollback`, and a secret or config
// rotation. Pure: the mirror's service and its tasks in, a verdict out; the waiting itself (the
// mirror's live updates, a timeout, stability) is convergence-watcher.ts.
//
// The three waits used to decide with three tables; the rules are merged here, and what differs
// is said by the goal: what a task must run to count, whether swarm is expected to start a
// rolling update, whether the engine's own rollback is an end or a failure. Each wait keeps the
// English it printed (`voice`): scripts, logs and tests read it.
import type { Service, Task } from '../../shared/domain'
import { phrase, type Phrase, type Worded } from '../../shared/phrase'
import type { StoredKind } from '../../shared/secrets'
import { english, worded } from '../i18n/english'

export type ConvergenceState = 'converged' | 'waiting' | 'failed' | 'paused' | 'rolled-back'

export interface ConvergenceGoal {
  /** Who waits: each words the same facts the way it always printed them. */
  voice: 'stack' | 'service' | 'rotation'
  /** The change was written at this version index: a service read at or below it predates the change. */
  afterVersion?: number
  /** A rotation: only tasks that mount this version count, and the service must reference it. */
  version?: { kind: StoredKind; objectId: string }
  /**
   * Swarm may start a rolling update a moment after the spec is written: until `since` +
   * UPDATE_START_GRACE_MS, a service without UpdateStatus is not taken for converged.
   */
  startGrace?: { since: number }
  /**
   * The engine's own rollback (failure_action: rollback, or `docker service rollback`):
   * `fails` once completed (a deploy, the rotation's stack file was not applied), `fails-at-once`
   * as soon as it starts (a rotation rolls back itself), `converges` (the docker CLI's wait).
   */
  engineRollback: 'fails' | 'fails-at-once' | 'converges'
}

export interface ConvergenceVerdict {
  state: ConvergenceState
  running: number
  desired: number
  /** the sentence, and its English (what the CLI prints) */
  said: Phrase
  message: string
  /** the engine's newest task error, in its words (`task: non-zero exit (1)`) */
  lastTaskError: string | null
  /** the task that made the rollout fail, described (`task abc: failed (…), exit code 1`) */
  taskError: Worded | null
  /** evaluate again at this time even if nothing changes (a grace period ends) */
  recheckAt: number | null
}

/** After this long without an UpdateStatus, an expected rolling update is taken as not needed. */
export const UPDATE_START_GRACE_MS = 3_000

const FAILED_TASK_STATES = new Set<Task['state']>(['failed', 'rejected'])
/** States a task of a long-running service should never end in during a rollout. */
const ENDED_STATES = new Set<Task['state']>(['failed', 'rejected', 'complete', 'shutdown', 'orphaned'])

const newestFirst = (a: Task, b: Task): number => (a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : 0)

/** A task state as a word of the catalogue (status.json; `ready` is ours). */
export function taskStateWord(state: Task['state'] | 'unknown'): Phrase {
  switch (state) {
    case 'new':
      return phrase('status.new')
    case 'allocated':
      return phrase('status.allocated')
    case 'pending':
      return phrase('status.pending')
    case 'assigned':
      return phrase('status.assigned')
    case 'accepted':
      return phrase('status.accepted')
    case 'preparing':
      return phrase('status.preparing')
    case 'ready':
      return phrase('convergence.task.ready')
    case 'starting':
      return phrase('status.starting')
    case 'running':
      return phrase('status.running')
    case 'complete':
      return phrase('status.complete')
    case 'shutdown':
      return phrase('status.shutdown')
    case 'failed':
      return phrase('convergence.task.failed')
    case 'rejected':
      return phrase('status.rejected')
    case 'remove':
      return phrase('status.remove')
    case 'orphaned':
      return phrase('status.orphaned')
    default:
      return phrase('status.unknown')
  }
}

/**
 * What one task says went wrong. A task whose health check never passes is stopped by swarm
 * before it is ever `running`; the engine then only says `complete`/`finished` (exit 0 when the
 * process handles SIGTERM), so "ended before running" is the useful part.
 */
export function describeTaskError(task: Task): Phrase {
  const cause = task.error || task.message
  return phrase('convergence.task.error', {
    task: task.id.slice(0, 12),
    state: taskStateWord(task.state),
    cause: cause ? phrase('convergence.task.cause', { cause }) : '',
    exit: task.exitCode !== null ? phrase('convergence.task.exit', { code: task.exitCode }) : '',
    early: task.state === 'complete' || task.state === 'shutdown' ? phrase('convergence.task.early') : ''
  })
}

function onGoalVersion(task: Task, goal: ConvergenceGoal): boolean {
  if (!goal.version) return true
  const ids = goal.version.kind === 'secret' ? task.secretIds : task.configIds
  return (ids ?? []).includes(goal.version.objectId)
}

/**
 * The task was created from the service's current spec (its TaskTemplate), whatever changed:
 * an env-only or secret-only rollout keeps the image, so the image cannot tell old from new.
 * Unknown keys (data from before keys existed) count as current.
 */
export function onCurrentSpec(task: Task, service: Service): boolean {
  if (!task.specKey || !service.specKey) return true
  return task.specKey === service.specKey
}

/** The service's spec is the one the goal is about (the mirror may still hold the spec before the write). */
function specSeen(service: Service, goal: ConvergenceGoal): boolean {
  if (goal.afterVersion !== undefined && service.version <= goal.afterVersion) return false
  if (goal.version) {
    const references = goal.version.kind === 'secret' ? service.secrets : service.configs
    return references.some((r) => r.id === goal.version?.objectId)
  }
  return true
}

const verdictOf = (state: ConvergenceState, running: number, desired: number, said: Phrase, extra: Partial<ConvergenceVerdict> = {}): ConvergenceVerdict => ({
  state,
  running,
  desired,
  said,
  message: english(said),
  lastTaskError: null,
  taskError: null,
  recheckAt: null,
  ...extra
})

/**
 * The verdict. `seen`: the wait has seen this service in the mirror (a service the mirror has
 * not shown yet was just created; one that was seen and is gone was removed). `since`: when the
 * wait began.
 */
export function convergenceVerdict(input: { service: Service | undefined; tasks: readonly Task[]; goal: ConvergenceGoal; now: number; seen: boolean; since: number }): ConvergenceVerdict {
  const { service, goal, now } = input
  const tasks = service ? input.tasks.filter((t) => t.serviceId === service.id) : []
  if (!service) {
    if (!input.seen) return verdictOf('waiting', 0, 0, phrase('convergence.not-seen'))
    return verdictOf('failed', 0, 0, goal.voice === 'rotation' ? phrase('convergence.service-removed') : phrase('convergence.service-disappeared'))
  }
  const desired = service.mode === 'replicated' ? service.placement.replicas ?? service.desiredTasks : service.desiredTasks
  if (!specSeen(service, goal)) return verdictOf('waiting', 0, desired, phrase('convergence.not-seen'))

  const onVersion = tasks.filter((t) => onGoalVersion(t, goal))
  const active = tasks.filter((t) => t.desiredState === 'running')
  // Only tasks on the current spec count: during a rolling update the old ones still run.
  const running = active.filter((t) => t.state === 'running' && onGoalVersion(t, goal) && onCurrentSpec(t, service)).length
  const lastTaskError = [...tasks].filter((t) => t.error).sort(newestFirst)[0]?.error ?? null
  // The engine names the task that made the update pause; else the newest failed task on the goal's spec.
  const update = service.updateStatus
  const named = /task ([a-z0-9]{25})/.exec(update?.message ?? '')?.[1]
  const culprit = (named ? tasks.find((t) => t.id === named) : undefined) ?? [...onVersion].filter((t) => FAILED_TASK_STATES.has(t.state) || t.error).sort(newestFirst)[0]
  const taskError = culprit && (ENDED_STATES.has(culprit.state) || culprit.error) ? worded(describeTaskError(culprit)) : null
  const facts = { lastTaskError, taskError }

  // The sentence of the counts, each wait its own way.
  const counts = goal.version ? phrase('convergence.running-new-spec', { running, desired }) : phrase('convergence.running', { running, desired })
  const showError = goal.voice === 'rotation' ? taskError?.said ?? null : goal.voice === 'service' ? (lastTaskError && running < desired ? lastTaskError : null) : lastTaskError
  const detail = showError ? phrase('convergence.with-task-error', { detail: counts, error: showError }) : counts
  // A rotation says the task error once the rolling update stopped moving, not while it moves.
  const rollingDetail = goal.voice === 'rotation' ? counts : detail
  const waiting = (said: Phrase, extra: Partial<ConvergenceVerdict> = {}) => verdictOf('waiting', running, desired, said, { ...facts, ...extra })
  const message = update?.message ?? ''

  switch (update?.state) {
    case 'paused':
    case 'rollback_paused': {
      const said =
        goal.voice === 'rotation'
          ? update.state === 'paused'
            ? message
              ? phrase('convergence.rollout.paused-because', { message })
              : phrase('convergence.rollout.paused')
            : message
              ? phrase('convergence.rollout.rollback-paused-because', { message })
              : phrase('convergence.rollout.rollback-paused')
          : update.state === 'paused'
            ? phrase('convergence.update.paused', { message })
            : phrase('convergence.update.rollback-paused', { message })
      const withError = goal.voice === 'service' && lastTaskError ? phrase('convergence.with-task-error-aside', { detail: said, error: lastTaskError }) : said
      return verdictOf('paused', running, desired, withError, facts)
    }
    case 'rollback_started':
      if (goal.engineRollback === 'fails-at-once') {
        return verdictOf('rolled-back', running, desired, message ? phrase('convergence.rollout.rolled-back-because', { message }) : phrase('convergence.rollout.rolled-back'), facts)
      }
      return waiting(phrase('convergence.update.rollback-started', { detail: rollingDetail }))
    case 'rollback_completed':
      if (goal.engineRollback === 'fails-at-once') {
        return verdictOf('rolled-back', running, desired, message ? phrase('convergence.rollout.rolled-back-because', { message }) : phrase('convergence.rollout.rolled-back'), facts)
      }
      if (goal.engineRollback === 'fails') return verdictOf('rolled-back', running, desired, phrase('convergence.update.rolled-back', { message }), facts)
      break
    case 'updating':
      return waiting(phrase('convergence.update.updating', { detail: rollingDetail }))
    default:
      break
  }

  // A rolling update expected but not reported yet: the old tasks running are not the answer.
  const graceEnds = goal.startGrace && !update ? goal.startGrace.since + UPDATE_START_GRACE_MS : null
  const inGrace = graceEnds !== null && now < graceEnds
  if (inGrace && goal.voice === 'stack') return waiting(phrase('convergence.update-starting', { detail }), { recheckAt: graceEnds })

  // A job's tasks run to completion: nothing stays running; the new spec is in place once no
  // task of the old spec is meant to run.
  if (service.mode === 'replicated-job' || service.mode === 'global-job') {
    const stale = active.filter((t) => !onGoalVersion(t, goal) || !onCurrentSpec(t, service)).length
    return stale === 0 ? verdictOf('converged', running, desired, phrase('convergence.job-updated')) : waiting(phrase('convergence.old-spec-tasks', { count: stale }), { taskError: null })
  }

  // A global service's desired count is the engine's count of its tasks: read right after it was
  // created or changed, before the orchestrator made any, it would look converged at 0/0.
  const noTaskYetEnds = service.mode === 'global' && tasks.length === 0 ? input.since + UPDATE_START_GRACE_MS : null
  if (noTaskYetEnds !== null && now < noTaskYetEnds) return waiting(detail, { recheckAt: noTaskYetEnds })

  if (running >= desired && active.length === running) {
    const said = update?.state === 'rollback_completed' ? phrase('convergence.running-rolled-back', { running, desired }) : phrase('convergence.running', { running, desired })
    if (inGrace) return waiting(said, { recheckAt: graceEnds })
    return verdictOf('converged', running, desired, said, { lastTaskError, taskError: null })
  }
  return waiting(detail, inGrace ? { recheckAt: graceEnds } : {})
}

/** A wait that ran out of time, with where it stood. */
export function timedOut(verdict: ConvergenceVerdict, timeoutMs: number): Phrase {
  return phrase('convergence.timeout', { seconds: Math.round(timeoutMs / 1000), detail: verdict.said })
}
