import { describe, expect, it } from 'vitest'
import type { RotationRecord, RotationStep } from '../../../../shared/secrets'
import { applyProgress, failureHint, initialSteps, serviceProgress, settleSteps, stepCounts, type ProgressStep } from './rotation-progress'

const planSteps: RotationStep[] = [
  { kind: 'create', subject: 'db_v2', cli: 'docker secret create db_v2 -' },
  { kind: 'update', subject: 'api', cli: 'docker service update ... api' },
  { kind: 'converge', subject: 'api', cli: null },
  { kind: 'update', subject: 'web', cli: 'docker service update ... web' },
  { kind: 'converge', subject: 'web', cli: null },
  { kind: 'remove-old', subject: 'db', cli: 'docker secret rm db' }
]

type Event = Parameters<typeof applyProgress>[1]
const ev = (kind: Event['kind'], subject: string, state: Event['state'], message = ''): Event => ({ kind, subject, state, message })
const run = (events: Event[]): ProgressStep[] => events.reduce(applyProgress, initialSteps(planSteps))
const statuses = (steps: ProgressStep[]) => steps.map((s) => `${s.key}=${s.status}${s.message ? `(${s.message})` : ''}`)

describe('applyProgress', () => {
  it('starts with every step pending, with its CLI line', () => {
    const steps = initialSteps(planSteps)
    expect(steps.every((s) => s.status === 'pending')).toBe(true)
    expect(steps[0].cli).toBe('docker secret create db_v2 -')
  })

  it.each([
    ['a start', [ev('create', 'db_v2', 'started')], 'create:db_v2=running'],
    ['convergence detail while waiting', [ev('update', 'api', 'done'), ev('converge', 'api', 'started'), ev('converge', 'api', 'waiting', '2/3 running')], 'converge:api=waiting(2/3 running)'],
    ['done keeps the last detail', [ev('converge', 'api', 'waiting', '3/3 running'), ev('converge', 'api', 'done')], 'converge:api=done(3/3 running)'],
    ['a failure with its error', [ev('converge', 'web', 'failed', 'task failed its health check')], 'converge:web=failed(task failed its health check)'],
    ['a restart clears the old message', [ev('converge', 'web', 'failed', 'x'), ev('converge', 'web', 'started')], 'converge:web=running']
  ])('%s', (_, events, expected) => {
    expect(statuses(run(events))).toContain(expected)
  })

  it('adds rows for steps the plan did not have (a roll back’s reverts), in arrival order', () => {
    const steps = run([ev('converge', 'web', 'failed', 'paused'), ev('revert', 'web', 'started'), ev('revert', 'web', 'done'), ev('remove-new', 'db_v2', 'done')])
    expect(steps.slice(planSteps.length).map((s) => `${s.key}=${s.status}`)).toEqual(['revert:web=done', 'remove-new:db_v2=done'])
  })
})

const record = (log: RotationRecord['log']): Pick<RotationRecord, 'log'> => ({ log })
const line = (kind: RotationStep['kind'], subject: string, state: 'started' | 'done' | 'failed', message = '') => ({ at: '2026-01-01T00:00:00Z', kind, subject, state, message })

describe('settleSteps', () => {
  it('takes what the journal says no event said, and marks the rest skipped', () => {
    const steps = run([ev('create', 'db_v2', 'done'), ev('update', 'api', 'started')])
    const settled = settleSteps(steps, { record: record([line('create', 'db_v2', 'done'), line('update', 'api', 'done'), line('converge', 'api', 'failed', 'rolled back by the engine'), line('revert', 'api', 'done')]) as RotationRecord })
    expect(statuses(settled)).toEqual([
      'create:db_v2=done',
      'update:api=done',
      'converge:api=failed(rolled back by the engine)',
      'update:web=skipped',
      'converge:web=skipped',
      'remove-old:db=skipped',
      'revert:api=done'
    ])
  })
})

describe('serviceProgress', () => {
  it.each([
    ['nothing yet', [], 'pending'],
    ['update sent', [ev('update', 'web', 'started')], 'updating'],
    ['waiting for tasks', [ev('update', 'web', 'done'), ev('converge', 'web', 'waiting', '1/3 running')], 'converging:1/3 running'],
    ['converged', [ev('update', 'web', 'done'), ev('converge', 'web', 'done')], 'converged'],
    ['failed rollout', [ev('update', 'web', 'done'), ev('converge', 'web', 'failed', 'paused: task unhealthy')], 'failed:paused: task unhealthy'],
    ['being reverted', [ev('converge', 'web', 'failed', 'paused'), ev('revert', 'web', 'done'), ev('revert-converge', 'web', 'waiting', '2/3 running')], 'reverting:2/3 running'],
    ['reverted', [ev('converge', 'web', 'failed', 'paused'), ev('revert', 'web', 'done'), ev('revert-converge', 'web', 'done')], 'reverted:paused'],
    ['reverted without failing itself', [ev('converge', 'web', 'done'), ev('revert', 'web', 'done'), ev('revert-converge', 'web', 'done')], 'reverted']
  ])('%s', (_, events, expected) => {
    const [web] = serviceProgress(run(events), ['web'])
    expect(web.detail ? `${web.phase}:${web.detail}` : web.phase).toBe(expected)
  })

  it('a service whose turn never came, once the run is over, reads as never moved (not "waiting its turn")', () => {
    const steps = run([ev('create', 'db_v2', 'done'), ev('update', 'api', 'done'), ev('converge', 'api', 'failed', 'paused'), ev('revert', 'api', 'done'), ev('revert-converge', 'api', 'done')])
    expect(serviceProgress(steps, ['web'])[0].phase).toBe('pending')
    const settled = settleSteps(steps, { record: record([]) as RotationRecord })
    expect(serviceProgress(settled, ['api', 'web']).map((s) => s.phase)).toEqual(['reverted', 'untouched'])
  })

  it('counts finished and failed steps', () => {
    expect(stepCounts(run([ev('create', 'db_v2', 'done'), ev('update', 'api', 'failed', 'x')]))).toEqual({ total: 6, finished: 2, failed: 1 })
  })
})

describe('failureHint', () => {
  it.each([
    ['a task killed as unhealthy', { service: 'seed_api', message: 'the rolling update paused', taskError: 'task abc: failed (task: non-zero exit (137): dockerexec: unhealthy container)' }, 'health-check'],
    ['a health check named in the message', { service: 'seed_api', message: 'update paused due to failure: health check failed', taskError: null }, 'health-check'],
    ['an image that does not exist', { service: 'seed_api', message: 'paused', taskError: 'No such image: x' }, null],
    ['no service (creating the new version failed)', { service: null, message: 'unhealthy', taskError: null }, null]
  ])('%s', (_, failure, expected) => {
    expect(failureHint(failure)).toBe(expected)
  })
  it('nothing when there is no failure', () => expect(failureHint(null)).toBeNull())
})
