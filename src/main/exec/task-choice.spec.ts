import { describe, expect, it } from 'vitest'
import type { Service, Snapshot, SwarmNode, Task } from '../../shared/domain'
import { chooseTask, type TaskTarget } from './task-choice'

const node = (id: string, hostname: string): SwarmNode => ({ id, hostname } as SwarmNode)
const service = (id: string, name: string): Service => ({ id, name } as Service)
const task = (id: string, serviceId: string, slot: number | null, nodeId: string, state: Task['state'] = 'running'): Task =>
  ({ id, serviceId, slot, nodeId, state, desiredState: state === 'running' ? 'running' : 'shutdown', containerId: `c-${id}` } as Task)
const snapshot = {
  nodes: [node('n1', 'worker1'), node('n2', 'worker2')],
  services: [service('s1', 'web'), service('s2', 'agent')],
  tasks: [task('t3', 's1', 3, 'n1'), task('t1', 's1', 1, 'n2'), task('t1old', 's1', 1, 'n1', 'shutdown'), task('g2', 's2', null, 'n2'), task('g1', 's2', null, 'n1')]
} as unknown as Snapshot

describe('chooseTask', () => {
  it.each<[TaskTarget, string]>([
    [{ target: 'web', task: null }, 't1'],
    [{ target: 'web.3', task: null }, 't3'],
    [{ target: 's1', task: null }, 't1'],
    [{ target: 'agent', task: null }, 'g1'],
    [{ target: null, task: 't1old' }, 't1old']
  ])('%j -> %s', (args, id) => {
    expect(chooseTask(snapshot, args).id).toBe(id)
  })

  it('says what is missing', () => {
    expect(() => chooseTask(snapshot, { target: 'nope', task: null })).toThrow('no service "nope"')
    expect(() => chooseTask(snapshot, { target: 'web.9', task: null })).toThrow('web.9 has no running task')
    expect(() => chooseTask(snapshot, { target: null, task: 'zzzz' })).toThrow('no task "zzzz"')
  })
})
