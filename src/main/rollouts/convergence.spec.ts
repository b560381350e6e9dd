import { describe, expect, it } from 'vitest'
import { french } from '../../../tests/support/french'
import type { Service, Task } from '../../shared/domain'
import { phrase } from '../../shared/phrase'
import { english } from '../i18n/english'
import { convergenceVerdict, describeTaskError, timedOut, UPDATE_START_GRACE_MS, type ConvergenceGoal, type ConvergenceState } from './convergence'

// The cases of the three tables this verdict replaced (stack deploy --wait, the rotation's
// rollout verdict, the CLI's service wait), each with its goal and the English it printed.

type Status = NonNullable<Service['updateStatus']>
const status = (state: Status['state'], message = ''): Status => ({ state, message, startedAt: null, completedAt: null })

function service(overrides: Partial<Service> = {}, replicas: number | null = 2): Service {
  return {
    id: 's1', version: 10, name: 'shop_web', image: 'web:2', mode: 'replicated', desiredTasks: replicas ?? 0, runningTasks: 0, stack: null, labels: {}, ports: [], constraints: [],
    placement: { replicas, preferences: [], maxReplicasPerNode: 0, reservations: { nanoCpus: 0, memoryBytes: 0 }, limits: { nanoCpus: 0, memoryBytes: 0 }, platforms: [] },
    updateStatus: null, secrets: [{ id: 'NEW', name: 'tok_v2', target: 'tok', uid: '0', gid: '0', mode: 292 }], configs: [], createdAt: '', updatedAt: '',
    ...overrides
  } as Service
}

let n = 0
function task(state: Task['state'], desiredState: Task['desiredState'] = 'running', extra: Partial<Task> = {}): Task {
  n++
  return {
    id: `task${String(n).padStart(21, '0')}`, version: 1, serviceId: 's1', slot: n, nodeId: 'n1', state, desiredState, message: '', error: '', exitCode: null, containerId: null,
    image: 'web:2', createdAt: '', updatedAt: '', timestamp: `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`, secretIds: [], configIds: [], ...extra
  }
}
const onVersion = (version: 'NEW' | 'OLD', state: Task['state'], desired: Task['desiredState'] = 'running', extra: Partial<Task> = {}) => task(state, desired, { secretIds: [version], ...extra })

const verdict = (s: Service | undefined, tasks: Task[], goal: ConvergenceGoal, now = 100_000, seen = true) => convergenceVerdict({ service: s, tasks, goal, now, seen, since: 0 })

describe('a stack deploy waits (voice stack: the engine’s rollback fails the deploy)', () => {
  const goal: ConvergenceGoal = { voice: 'stack', engineRollback: 'fails' }
  it('converges when every desired task runs', () => {
    expect(verdict(service(), [task('running'), task('running'), task('shutdown', 'shutdown')], goal)).toMatchObject({ state: 'converged', running: 2, desired: 2, message: '2/2 running' })
  })
  it('waits for starting tasks and tells the last task error', () => {
    expect(verdict(service(), [task('running'), task('starting'), task('failed', 'shutdown', { error: 'task: non-zero exit (1)' })], goal)).toMatchObject({
      state: 'waiting', running: 1, desired: 2, message: '1/2 running; last task error: task: non-zero exit (1)', lastTaskError: 'task: non-zero exit (1)'
    })
  })
  it.each<[string, Status, Task[], ConvergenceState, string]>([
    ['updating', status('updating', 'update in progress'), [task('running'), task('running')], 'waiting', 'updating: 2/2 running'],
    ['engine rolling back', status('rollback_started'), [task('running')], 'waiting', 'rollback_started: 1/2 running'],
    ['paused', status('paused', 'update paused due to failure'), [], 'paused', 'update paused: update paused due to failure'],
    ['rollback paused', status('rollback_paused', 'rollback paused due to failure'), [], 'paused', 'update rollback_paused: rollback paused due to failure'],
    ['rolled back', status('rollback_completed', 'rolled back'), [], 'rolled-back', 'rolled back: rolled back'],
    ['completed', status('completed'), [task('running'), task('running')], 'converged', '2/2 running']
  ])('follows the rolling update: %s', (_name, update, tasks, state, message) => {
    expect(verdict(service({ updateStatus: update }), tasks, goal)).toMatchObject({ state, message })
  })
  it('does not take the old tasks for converged before swarm starts an expected rolling update', () => {
    const restarting: ConvergenceGoal = { ...goal, startGrace: { since: 1000 } }
    expect(verdict(service(), [task('running'), task('running')], restarting, 1010)).toMatchObject({ state: 'waiting', message: 'update starting: 2/2 running', recheckAt: 1000 + UPDATE_START_GRACE_MS })
    expect(verdict(service(), [task('running'), task('running')], restarting, 1000 + UPDATE_START_GRACE_MS + 1).state).toBe('converged')
  })
  it('fails when the service disappeared; waits for one the mirror has not shown yet (just created)', () => {
    expect(verdict(undefined, [], goal)).toMatchObject({ state: 'failed', message: 'the service disappeared' })
    expect(verdict(undefined, [], goal, 0, false)).toMatchObject({ state: 'waiting', message: 'waiting for the engine to report the change' })
  })
  it('a global service with no task yet is not 0/0 converged until the orchestrator had time to make them', () => {
    const global = service({ mode: 'global', desiredTasks: 0 }, null)
    expect(convergenceVerdict({ service: global, tasks: [], goal, now: 1_000, seen: true, since: 500 })).toMatchObject({ state: 'waiting', message: '0/0 running', recheckAt: 500 + UPDATE_START_GRACE_MS })
    expect(convergenceVerdict({ service: global, tasks: [], goal, now: 500 + UPDATE_START_GRACE_MS, seen: true, since: 500 })).toMatchObject({ state: 'converged', message: '0/0 running' })
    expect(convergenceVerdict({ service: { ...global, desiredTasks: 1 }, tasks: [task('running')], goal, now: 1_000, seen: true, since: 500 }).state).toBe('converged')
  })
  it('waits while the mirror still shows the spec from before the update', () => {
    expect(verdict(service({ version: 10 }), [task('running'), task('running')], { ...goal, afterVersion: 10 })).toMatchObject({ state: 'waiting', message: 'waiting for the engine to report the change' })
    expect(verdict(service({ version: 11 }), [task('running'), task('running')], { ...goal, afterVersion: 10 }).state).toBe('converged')
  })
})

describe('a rotation waits (voice rotation: tasks must mount the new version)', () => {
  const goal: ConvergenceGoal = { voice: 'rotation', version: { kind: 'secret', objectId: 'NEW' }, engineRollback: 'fails-at-once' }
  const cases: [string, Service | undefined, Task[], ConvergenceState][] = [
    ['all tasks running the new version, update completed', service({ updateStatus: status('completed') }), [onVersion('NEW', 'running'), onVersion('NEW', 'running'), onVersion('OLD', 'shutdown', 'shutdown')], 'converged'],
    ['no UpdateStatus (cleared by the spec change) and all new', service(), [onVersion('NEW', 'running'), onVersion('NEW', 'running')], 'converged'],
    ['just written: old tasks still running', service(), [onVersion('OLD', 'running'), onVersion('OLD', 'running')], 'waiting'],
    ['the mirror still shows the spec on the old version', service({ secrets: [] }), [onVersion('NEW', 'running'), onVersion('NEW', 'running')], 'waiting'],
    ['updating', service({ updateStatus: status('updating') }), [onVersion('NEW', 'running'), onVersion('OLD', 'running')], 'waiting'],
    ['start-first overlap: an old one still meant to run', service({ updateStatus: status('completed') }), [onVersion('NEW', 'running'), onVersion('NEW', 'running'), onVersion('OLD', 'running')], 'waiting'],
    ['a new task still starting', service({ updateStatus: status('completed') }), [onVersion('NEW', 'running'), onVersion('NEW', 'starting')], 'waiting'],
    ['paused', service({ updateStatus: status('paused', 'update paused due to failure') }), [onVersion('NEW', 'failed', 'shutdown'), onVersion('OLD', 'running')], 'paused'],
    ['engine rolling back', service({ updateStatus: status('rollback_started') }), [], 'rolled-back'],
    ['engine rolled back', service({ updateStatus: status('rollback_completed') }), [onVersion('OLD', 'running'), onVersion('OLD', 'running')], 'rolled-back'],
    ['service removed', undefined, [], 'failed'],
    ['global: desired from ServiceStatus', service({ mode: 'global', desiredTasks: 3 }, null), [onVersion('NEW', 'running'), onVersion('NEW', 'running'), onVersion('NEW', 'running')], 'converged'],
    ['job: no task of the old spec meant to run', service({ mode: 'replicated-job', desiredTasks: 1 }, null), [onVersion('NEW', 'complete', 'complete')], 'converged'],
    ['job: a task of the old spec still meant to run', service({ mode: 'replicated-job', desiredTasks: 1 }, null), [onVersion('OLD', 'running')], 'waiting']
  ]
  it.each(cases)('%s', (_name, s, tasks, state) => expect(verdict(s, tasks, goal).state).toBe(state))

  it('says its sentences the way the rotation always did', () => {
    expect(verdict(service({ updateStatus: status('updating') }), [onVersion('NEW', 'running'), onVersion('OLD', 'running'), onVersion('NEW', 'failed', 'shutdown', { error: 'boom' })], goal).message).toBe('updating: 1/2 running on the new spec')
    expect(verdict(service(), [onVersion('NEW', 'running'), onVersion('NEW', 'running')], goal).message).toBe('2/2 running')
    expect(verdict(undefined, [], goal).message).toBe('the service was removed')
    expect(verdict(service({ updateStatus: status('rollback_completed', 'rollback completed') }), [], goal).message).toBe('the engine rolled the update back: rollback completed')
    expect(verdict(service({ updateStatus: status('rollback_paused') }), [], goal).message).toBe('the engine’s rollback paused')
    expect(verdict(service({ mode: 'replicated-job', desiredTasks: 1 }, null), [onVersion('NEW', 'complete', 'complete')], goal).message).toBe('job updated')
    expect(verdict(service({ mode: 'replicated-job', desiredTasks: 2 }, null), [onVersion('OLD', 'running'), onVersion('OLD', 'running')], goal).message).toBe('2 task(s) of the old spec')
    const failed = onVersion('NEW', 'failed', 'shutdown', { error: 'task: non-zero exit (1)', exitCode: 1 })
    expect(verdict(service(), [onVersion('NEW', 'running'), failed], goal).message).toBe(`1/2 running on the new spec; last task error: task ${failed.id.slice(0, 12)}: failed (task: non-zero exit (1)), exit code 1`)
  })

  it('names the task the engine blames, and says it never ran when it ended without an error', () => {
    const culprit = onVersion('NEW', 'complete', 'shutdown', { message: 'finished', exitCode: 0 })
    const v = verdict(service({ updateStatus: status('paused', `update paused due to failure or early termination of task ${culprit.id}`) }), [onVersion('OLD', 'running'), culprit], goal)
    expect(v.message).toBe(`the update paused: update paused due to failure or early termination of task ${culprit.id}`)
    expect(v.taskError?.message).toBe(`task ${culprit.id.slice(0, 12)}: complete (finished), exit code 0 — it ended before it was running (a health check that never passed, or a process that exits)`)
  })

  it('otherwise the newest failed task on the new version with its error', () => {
    const v = verdict(service({ updateStatus: status('paused') }), [onVersion('NEW', 'failed', 'shutdown', { error: 'older' }), onVersion('NEW', 'failed', 'shutdown', { error: 'task: non-zero exit (1)', exitCode: 1 })], goal)
    expect(v.message).toBe('the update paused')
    expect(v.taskError?.message).toMatch(/: failed \(task: non-zero exit \(1\)\), exit code 1$/)
  })
})

describe('`swarmdesk service` waits (voice service: the service’s image; the engine’s rollback converges)', () => {
  const goal: ConvergenceGoal = { voice: 'service', afterVersion: 1, startGrace: { since: 0 }, engineRollback: 'converges' }
  it.each<[string, Partial<Service>, Task[], ConvergenceState, RegExp]>([
    ['all running on the new image', {}, [task('running'), task('running')], 'converged', /^2\/2 running$/],
    ['one still on the old spec, same image (an env-only update)', { specKey: 'new' }, [task('running', 'running', { specKey: 'new' }), task('running', 'running', { specKey: 'old' })], 'waiting', /^1\/2 running$/],
    ['all on the new spec', { specKey: 'new' }, [task('running', 'running', { specKey: 'new' }), task('running', 'running', { specKey: 'new' })], 'converged', /^2\/2 running$/],
    ['rolling', { updateStatus: status('updating') }, [task('running')], 'waiting', /^updating: 1\/2/],
    ['paused with the task error', { updateStatus: status('paused', 'update paused due to failure') }, [task('rejected', 'running', { error: 'No such image: web:2' })], 'paused', /^update paused: update paused due to failure \(task error: No such image: web:2\)$/],
    ['rolled back and running', { updateStatus: status('rollback_completed') }, [task('running'), task('running')], 'converged', /^2\/2 running \(rolled back\)$/],
    ['pending tasks', {}, [task('pending', 'running', { error: 'no suitable node' }), task('running')], 'waiting', /^1\/2 running; last task error: no suitable node$/],
    ['the engine has not reported the change yet', { version: 1 }, [task('running'), task('running')], 'waiting', /^waiting for the engine to report the change$/]
  ])('%s', (_name, overrides, tasks, state, message) => {
    const v = verdict(service(overrides), tasks, goal)
    expect(v.state).toBe(state)
    expect(v.message).toMatch(message)
  })
  it('a converged look right after the change waits for the grace period, with the same sentence', () => {
    expect(verdict(service(), [task('running'), task('running')], { ...goal, startGrace: { since: 99_000 } })).toMatchObject({ state: 'waiting', message: '2/2 running', recheckAt: 99_000 + UPDATE_START_GRACE_MS })
  })
  it('a removed service fails', () => {
    expect(verdict(undefined, [], goal).state).toBe('failed')
  })
})

describe('old and new tasks are told apart by their spec, not their image, in every wait', () => {
  // An env-only rollout: same image, the service's TaskTemplate key changed; before the engine
  // reports UpdateStatus, and while it reports `completed` with an old task still meant to run.
  const oldAndNew = [task('running', 'running', { specKey: 'new' }), task('running', 'running', { specKey: 'old' })]
  it.each<[string, ConvergenceGoal]>([
    ['stack deploy --wait', { voice: 'stack', engineRollback: 'fails' }],
    ['service update', { voice: 'service', afterVersion: 1, engineRollback: 'converges' }],
    ['rotation', { voice: 'rotation', engineRollback: 'fails-at-once' }]
  ])('%s does not count an old task as running on the new spec', (_name, goal) => {
    for (const update of [null, status('completed')]) {
      const v = verdict(service({ specKey: 'new', secrets: [], updateStatus: update }), oldAndNew, goal)
      expect(v.state).toBe('waiting')
      expect(v.running).toBe(1)
    }
  })
  it('a job is updated only once no task of the old spec is meant to run', () => {
    const job = service({ mode: 'replicated-job', specKey: 'new', secrets: [] })
    expect(verdict(job, [task('running', 'running', { specKey: 'old' })], { voice: 'stack', engineRollback: 'fails' })).toMatchObject({ state: 'waiting', message: '1 task(s) of the old spec' })
  })
})

describe('the sentences in French (the app shows them)', () => {
  it('words the counts, the rollout and a task error', () => {
    expect(french(phrase('convergence.running', { running: 3, desired: 3 }))).toBe("3/3 en cours d'exécution")
    const rotation: ConvergenceGoal = { voice: 'rotation', version: { kind: 'secret', objectId: 'NEW' }, engineRollback: 'fails-at-once' }
    const updating = verdict(service({ updateStatus: status('updating') }, 4), [onVersion('NEW', 'running'), onVersion('NEW', 'running'), onVersion('OLD', 'running')], rotation)
    expect(french(updating.said)).toBe("mise à jour : 2/4 en cours d'exécution sur la nouvelle spec")
    const failed = task('failed', 'shutdown', { id: 'abcdef0123456789abcdef012', error: 'task: non-zero exit (1)', exitCode: 1 })
    expect(english(describeTaskError(failed))).toBe('task abcdef012345: failed (task: non-zero exit (1)), exit code 1')
    expect(french(describeTaskError(failed))).toBe('tâche abcdef012345 : échouée (task: non-zero exit (1)), code de sortie 1')
    const timeout = timedOut(verdict(service(), [task('running'), task('starting')], { voice: 'stack', engineRollback: 'fails' }), 120_000)
    expect(english(timeout)).toBe('not converged after 120s: 1/2 running')
    expect(french(timeout)).toBe("toujours pas convergé après 120 s : 1/2 en cours d'exécution")
    expect(french(phrase('convergence.old-spec-tasks', { count: 1 }))).toBe("1 tâche de l'ancienne spec")
    expect(french(phrase('convergence.old-spec-tasks', { count: 2 }))).toBe("2 tâches de l'ancienne spec")
  })
})
