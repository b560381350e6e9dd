import { describe, expect, it } from 'vitest'
import type { LiveService, LiveTask } from './live-shapes'
import { serviceVerdict, UPDATE_START_GRACE_MS, type WaitTarget } from './stack-convergence'

const service = (extra: Partial<LiveService> = {}, replicas = 2): LiveService => ({
  ID: 's1',
  Version: { Index: 10 },
  Spec: { Name: 'shop_web', Mode: { Replicated: { Replicas: replicas } } },
  ServiceStatus: { RunningTasks: 0, DesiredTasks: replicas },
  ...extra
})
const task = (state: string, desired = 'running', err?: string): LiveTask => ({ ID: `t-${state}-${Math.random()}`, ServiceID: 's1', DesiredState: desired, Status: { State: state, Err: err, Timestamp: '2026-01-01T00:00:00Z' } })
const target: WaitTarget = { id: 's1', name: 'shop_web', restarts: false, writtenAt: 1000 }

describe('serviceVerdict', () => {
  it('converges when every desired task runs', () => {
    expect(serviceVerdict(service(), [task('running'), task('running'), task('shutdown', 'shutdown')], target, 2000)).toMatchObject({ state: 'converged', running: 2, desired: 2 })
  })

  it('waits for starting tasks and tells the last task error', () => {
    expect(serviceVerdict(service(), [task('running'), task('starting'), task('failed', 'shutdown', 'task: non-zero exit (1)')], target, 2000)).toEqual({
      state: 'waiting',
      running: 1,
      desired: 2,
      message: '1/2 running; last task error: task: non-zero exit (1)'
    })
  })

  it('follows the rolling update and fails on pause or rollback', () => {
    const updating = service({ UpdateStatus: { State: 'updating', Message: 'update in progress' } })
    expect(serviceVerdict(updating, [task('running'), task('running')], target, 2000).state).toBe('waiting')
    expect(serviceVerdict(service({ UpdateStatus: { State: 'paused', Message: 'update paused due to failure' } }), [], target, 2000)).toMatchObject({ state: 'failed', message: 'update paused: update paused due to failure' })
    expect(serviceVerdict(service({ UpdateStatus: { State: 'rollback_completed', Message: 'rolled back' } }), [], target, 2000).state).toBe('failed')
    expect(serviceVerdict(service({ UpdateStatus: { State: 'completed' } }), [task('running'), task('running')], target, 2000).state).toBe('converged')
  })

  it('does not take the old tasks for converged before swarm starts an expected rolling update', () => {
    const restarting = { ...target, restarts: true }
    expect(serviceVerdict(service(), [task('running'), task('running')], restarting, target.writtenAt + 10).state).toBe('waiting')
    expect(serviceVerdict(service(), [task('running'), task('running')], restarting, target.writtenAt + UPDATE_START_GRACE_MS + 1).state).toBe('converged')
  })

  it('fails when the service disappeared', () => {
    expect(serviceVerdict(undefined, [], target, 0).state).toBe('failed')
  })
})
