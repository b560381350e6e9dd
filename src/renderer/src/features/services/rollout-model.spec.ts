import { describe, expect, it } from 'vitest'
import type { Service, Task } from '../../../../shared/domain'
import { rolloutView } from './rollout-model'

const service = (overrides: Partial<Service>): Service =>
  ({
    id: 's', version: 5, name: 'web', image: 'web:2', previousImage: 'web:1', hasPreviousSpec: true, mode: 'replicated', desiredTasks: 4, runningTasks: 4, stack: null, labels: {}, ports: [], constraints: [],
    placement: { replicas: 4, preferences: [], maxReplicasPerNode: 0, reservations: { nanoCpus: 0, memoryBytes: 0 }, limits: { nanoCpus: 0, memoryBytes: 0 }, platforms: [] },
    updateStatus: { state: 'updating', startedAt: null, completedAt: null, message: 'update in progress' }, createdAt: '', updatedAt: '', ...overrides
  }) as Service
let n = 0
const task = (slot: number | null, image: string, state: Task['state'], desiredState: Task['desiredState'] = 'running', error = '', createdAt = `2026-01-01T00:00:0${n++ % 10}Z`, nodeId = 'n1'): Task => ({
  id: `t${n}`, version: 1, serviceId: 's', slot, nodeId, state, desiredState, message: '', error, exitCode: null, containerId: null, image, createdAt, updatedAt: createdAt, timestamp: createdAt
})

describe('rolloutView', () => {
  it('counts slots on the new image, newest task per slot, old ones marked old', () => {
    const tasks = [
      task(1, 'web:1', 'shutdown', 'shutdown', '', '2026-01-01T00:00:00Z'),
      task(1, 'web:2', 'running', 'running', '', '2026-01-01T00:00:05Z'),
      task(2, 'web:2', 'starting', 'running', '', '2026-01-01T00:00:05Z'),
      task(3, 'web:1', 'running'),
      task(4, 'web:1', 'running')
    ]
    const view = rolloutView(service({}), tasks, () => '')
    expect(view.slots.map((s) => [s.key, s.side, s.state])).toEqual([
      ['web.1', 'new', 'running'],
      ['web.2', 'new', 'starting'],
      ['web.3', 'old', 'running'],
      ['web.4', 'old', 'running']
    ])
    expect(view).toMatchObject({ state: 'updating', updated: 1, total: 4, failure: null, newImage: 'web:2', oldImage: 'web:1' })
  })

  it('a paused update names the failing task and its error', () => {
    const tasks = [
      task(1, 'web:nope', 'rejected', 'shutdown', 'No such image: web:nope', '2026-01-01T00:00:03Z'),
      task(1, 'web:nope', 'rejected', 'running', 'No such image: web:nope', '2026-01-01T00:00:09Z'),
      task(2, 'web:1', 'running')
    ]
    const view = rolloutView(service({ image: 'web:nope', previousImage: 'web:1', updateStatus: { state: 'paused', startedAt: null, completedAt: null, message: 'update paused due to failure or early termination of task x' } }), tasks, () => '')
    expect(view.failure).toEqual({ taskId: tasks[1].id, error: 'No such image: web:nope', slot: 'web.1' })
    expect(view.state).toBe('paused')
    expect(view.updated).toBe(0)
  })

  it('global services are keyed by node', () => {
    const tasks = [task(null, 'agent:2', 'running', 'running', '', '2026-01-01T00:00:01Z', 'n2'), task(null, 'agent:1', 'running', 'running', '', '2026-01-01T00:00:01Z', 'n1')]
    const view = rolloutView(service({ mode: 'global', image: 'agent:2', previousImage: 'agent:1', desiredTasks: 2, placement: { ...service({}).placement, replicas: null } }), tasks, (id) => (id === 'n1' ? 'worker1' : 'worker2'))
    expect(view.slots.map((s) => [s.key, s.side])).toEqual([['worker1', 'old'], ['worker2', 'new']])
    expect(view.total).toBe(2)
  })

  it('an env-only rollout (same image) tells old tasks from new by their spec, not their image', () => {
    const env = (slot: number, key: string, state: Task['state'], createdAt: string): Task => ({ ...task(slot, 'web:1', state, 'running', '', createdAt), specKey: key })
    const tasks = [env(1, 'v2', 'running', '2026-01-01T00:01:00Z'), env(2, 'v2', 'starting', '2026-01-01T00:01:00Z'), env(3, 'v1', 'running', '2026-01-01T00:00:00Z'), env(4, 'v1', 'running', '2026-01-01T00:00:00Z')]
    const view = rolloutView(service({ image: 'web:1', previousImage: 'web:1', specKey: 'v2', previousSpecKey: 'v1' }), tasks, () => '')
    expect(view.slots.map((s) => [s.key, s.side])).toEqual([
      ['web.1', 'new'],
      ['web.2', 'new'],
      ['web.3', 'old'],
      ['web.4', 'old']
    ])
    expect(view.updated).toBe(1)
  })
})
