import { describe, expect, it } from 'vitest'
import type { Service, Task } from '../../shared/domain'
import { isServiceSettled, mergePlans, planForEvent, reconcileDelayMs } from './event-plan'

describe('planForEvent', () => {
  const cases: { name: string; event: Parameters<typeof planForEvent>[0]; expected: Partial<ReturnType<typeof planForEvent>> }[] = [
    {
      name: 'service update re-reads the service and follows its tasks',
      event: { Type: 'service', Action: 'update', Actor: { ID: 's1', Attributes: { name: 'web' } }, scope: 'swarm' },
      expected: { fetch: [{ kind: 'service', id: 's1' }], followServices: ['s1'], remove: [], allTasks: false }
    },
    {
      name: 'service remove drops it',
      event: { Type: 'service', Action: 'remove', Actor: { ID: 's1' }, scope: 'swarm' },
      expected: { fetch: [], remove: [{ kind: 'service', id: 's1' }], followServices: [] }
    },
    {
      name: 'node going down re-reads every task and the swarm facts',
      event: { Type: 'node', Action: 'update', Actor: { ID: 'n1', Attributes: { 'state.new': 'down', 'state.old': 'ready' } }, scope: 'swarm' },
      expected: { fetch: [{ kind: 'node', id: 'n1' }], allTasks: true, swarmInfo: true }
    },
    {
      name: 'node label change re-reads the node only',
      event: { Type: 'node', Action: 'update', Actor: { ID: 'n1', Attributes: { name: 'worker1' } }, scope: 'swarm' },
      expected: { fetch: [{ kind: 'node', id: 'n1' }], allTasks: false, swarmInfo: true }
    },
    {
      name: 'secret create re-reads it',
      event: { Type: 'secret', Action: 'create', Actor: { ID: 'x' }, scope: 'swarm' },
      expected: { fetch: [{ kind: 'secret', id: 'x' }] }
    },
    {
      name: 'config remove drops it',
      event: { Type: 'config', Action: 'remove', Actor: { ID: 'c' }, scope: 'swarm' },
      expected: { remove: [{ kind: 'config', id: 'c' }] }
    },
    {
      name: 'overlay network create (swarm scope) is read',
      event: { Type: 'network', Action: 'create', Actor: { ID: 'net' }, scope: 'swarm' },
      expected: { fetch: [{ kind: 'network', id: 'net' }] }
    },
    {
      name: 'local network connect events are ignored',
      event: { Type: 'network', Action: 'connect', Actor: { ID: 'net' }, scope: 'local' },
      expected: { fetch: [], remove: [] }
    },
    {
      name: 'container events are ignored',
      event: { Type: 'container', Action: 'start', Actor: { ID: 'c1' }, scope: 'local' },
      expected: { fetch: [], remove: [], followServices: [] }
    },
    {
      name: 'an event without actor id is ignored',
      event: { Type: 'service', Action: 'update', scope: 'swarm' },
      expected: { fetch: [], followServices: [] }
    }
  ]
  for (const c of cases) {
    it(c.name, () => {
      expect(planForEvent(c.event)).toMatchObject(c.expected)
    })
  }

  it('merges plans', () => {
    const merged = mergePlans(planForEvent({ Type: 'service', Action: 'update', Actor: { ID: 'a' } }), planForEvent({ Type: 'node', Action: 'update', Actor: { ID: 'n', Attributes: { 'availability.new': 'drain' } } }))
    expect(merged.fetch).toEqual([{ kind: 'service', id: 'a' }, { kind: 'node', id: 'n' }])
    expect(merged.allTasks).toBe(true)
  })
})

function service(overrides: Partial<Service>): Service {
  return {
    id: 's', version: 1, name: 'web', image: 'img', mode: 'replicated', desiredTasks: 2, runningTasks: 2, stack: null, labels: {},
    ports: [], constraints: [], updateStatus: null, secrets: [], configs: [], createdAt: '', updatedAt: '',
    placement: { replicas: 2, preferences: [], maxReplicasPerNode: 0, reservations: { nanoCpus: 0, memoryBytes: 0 }, limits: { nanoCpus: 0, memoryBytes: 0 }, platforms: [] },
    ...overrides
  }
}
function task(state: Task['state'], desiredState: Task['desiredState']): Task {
  return {
    id: `${state}-${desiredState}`, version: 1, serviceId: 's', slot: 1, nodeId: 'n', state, desiredState, message: '',
    error: state === 'pending' ? 'no suitable node (scheduling constraints not satisfied on 5 nodes)' : '',
    exitCode: null, containerId: null, image: 'img', createdAt: '', updatedAt: '', timestamp: ''
  }
}

describe('isServiceSettled', () => {
  const cases: [string, Service, Task[], boolean][] = [
    ['all running as desired', service({}), [task('running', 'running'), task('running', 'running')], true],
    ['a task still starting', service({ runningTasks: 1 }), [task('running', 'running'), task('starting', 'running')], false],
    ['old task still shutting down', service({}), [task('running', 'running'), task('running', 'running'), task('running', 'shutdown')], false],
    ['history of failed tasks is fine', service({}), [task('running', 'running'), task('running', 'running'), task('failed', 'shutdown')], true],
    ['rollout in progress', service({ updateStatus: { state: 'updating', startedAt: null, completedAt: null, message: '' } }), [task('running', 'running')], false],
    ['paused rollout with counts met', service({ updateStatus: { state: 'paused', startedAt: null, completedAt: null, message: 'update paused' } }), [task('running', 'running'), task('running', 'running')], true],
    ['engine count short', service({ runningTasks: 1 }), [task('running', 'running')], false],
    ['tasks waiting for a node rest (a node event or the reconcile moves them)', service({ runningTasks: 0 }), [task('pending', 'running'), task('pending', 'running')], true],
    ['one running, one waiting for a node', service({ runningTasks: 1 }), [task('running', 'running'), task('pending', 'running')], true],
    ['a rollout whose new task waits for a node rests', service({ runningTasks: 1, updateStatus: { state: 'updating', startedAt: null, completedAt: null, message: '' } }), [task('running', 'running'), task('pending', 'running'), task('shutdown', 'shutdown')], true],
    ['a rollout waiting for a node while an old task still stops', service({ runningTasks: 1, updateStatus: { state: 'updating', startedAt: null, completedAt: null, message: '' } }), [task('running', 'running'), task('pending', 'running'), task('running', 'shutdown')], false],
    ['a task pending before the scheduler wrote its verdict still moves', service({ runningTasks: 0, desiredTasks: 1 }), [{ ...task('pending', 'running'), error: '' }], false],
    ['a pending task but the engine count short of the rest', service({ runningTasks: 0 }), [task('pending', 'running'), task('assigned', 'running')], false]
  ]
  for (const [name, s, tasks, expected] of cases) {
    it(name, () => expect(isServiceSettled(s, tasks)).toBe(expected))
  }
})

describe('reconcileDelayMs', () => {
  const timing = { taskReconcileMs: 10_000, taskReconcileMaxMs: 120_000, taskReconcileLoadFactor: 20 }
  it.each([
    ['a small cluster: the floor', 40, 10_000],
    ['a pass of 0.5 s: twenty times as long', 500, 10_000],
    ['a pass of 2.5 s (100,000 tasks): 50 s', 2_500, 50_000],
    ['a pass of 10 s: the ceiling', 10_000, 120_000]
  ])('%s', (_name, took, expected) => {
    expect(reconcileDelayMs(took, timing)).toBe(expected)
  })
})
