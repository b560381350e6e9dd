import { describe, expect, it } from 'vitest'
import type { LiveService } from '../stacks/live-shapes'
import { rolloutVerdict, type RolloutTask } from './rollout-verdict'

const service = (status?: { State: string; Message?: string }, desired = 2, mode: Record<string, unknown> = { Replicated: { Replicas: 2 } }): LiveService =>
  ({ ID: 's', Version: { Index: 1 }, Spec: { Name: 'web', Mode: mode }, UpdateStatus: status ?? null, ServiceStatus: { DesiredTasks: desired, RunningTasks: 0 } }) as unknown as LiveService

let n = 0
function task(version: 'NEW' | 'OLD', state: string, desired = 'running', extra: Partial<RolloutTask['Status']> = {}): RolloutTask {
  n++
  const id = `task${String(n).padStart(21, '0')}`
  return { ID: id, DesiredState: desired, Spec: { ContainerSpec: { Secrets: [{ SecretID: version, SecretName: version, File: { Name: 't' } }] } }, Status: { State: state, Timestamp: `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`, ...extra } }
}
const expected = { kind: 'secret' as const, objectId: 'NEW' }

describe('rolloutVerdict', () => {
  const cases: [string, LiveService | undefined, RolloutTask[], 'converged' | 'failed' | 'waiting'][] = [
    ['all tasks running the new version, update completed', service({ State: 'completed' }), [task('NEW', 'running'), task('NEW', 'running'), task('OLD', 'shutdown', 'shutdown')], 'converged'],
    ['no UpdateStatus (cleared by the spec change) and all new', service(), [task('NEW', 'running'), task('NEW', 'running')], 'converged'],
    ['just written: old tasks still running', service(), [task('OLD', 'running'), task('OLD', 'running')], 'waiting'],
    ['updating', service({ State: 'updating' }), [task('NEW', 'running'), task('OLD', 'running')], 'waiting'],
    ['start-first overlap: an old one still meant to run', service({ State: 'completed' }), [task('NEW', 'running'), task('NEW', 'running'), task('OLD', 'running')], 'waiting'],
    ['a new task still starting', service({ State: 'completed' }), [task('NEW', 'running'), task('NEW', 'starting')], 'waiting'],
    ['paused', service({ State: 'paused', Message: 'update paused due to failure' }), [task('NEW', 'failed', 'shutdown'), task('OLD', 'running')], 'failed'],
    ['engine rolling back', service({ State: 'rollback_started' }), [], 'failed'],
    ['engine rolled back', service({ State: 'rollback_completed' }), [task('OLD', 'running'), task('OLD', 'running')], 'failed'],
    ['service removed', undefined, [], 'failed'],
    ['global: desired from ServiceStatus', service(undefined, 3, { Global: {} }), [task('NEW', 'running'), task('NEW', 'running'), task('NEW', 'running')], 'converged'],
    ['job: no task of the old spec meant to run', service(undefined, 1, { ReplicatedJob: {} }), [task('NEW', 'complete', 'complete')], 'converged']
  ]
  for (const [name, s, tasks, state] of cases) {
    it(name, () => expect(rolloutVerdict(s, tasks, expected).state).toBe(state))
  }

  it('names the task the engine blames, and says it never ran when it ended without an error', () => {
    const culprit = task('NEW', 'complete', 'shutdown', { Message: 'finished', ContainerStatus: { ExitCode: 0 } })
    const verdict = rolloutVerdict(service({ State: 'paused', Message: `update paused due to failure or early termination of task ${culprit.ID}` }), [task('OLD', 'running'), culprit], expected)
    expect(verdict.message).toBe(`the update paused: update paused due to failure or early termination of task ${culprit.ID}`)
    expect(verdict.taskError).toBe(`task ${culprit.ID.slice(0, 12)}: complete (finished), exit code 0 — it ended before it was running (a health check that never passed, or a process that exits)`)
  })

  it('otherwise the newest failed task on the new version with its error', () => {
    const verdict = rolloutVerdict(service({ State: 'paused' }), [task('NEW', 'failed', 'shutdown', { Err: 'older' }), task('NEW', 'failed', 'shutdown', { Err: 'task: non-zero exit (1)', ContainerStatus: { ExitCode: 1 } })], expected)
    expect(verdict.taskError).toMatch(/: failed \(task: non-zero exit \(1\)\), exit code 1$/)
  })
})
