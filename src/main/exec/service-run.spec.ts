import { describe, expect, it } from 'vitest'
import type { Service, Snapshot, SwarmNode, Task } from '../../shared/domain'
import { taskForRun } from './service-run'

const node = (id: string, hostname: string): SwarmNode => ({ id, hostname } as SwarmNode)
const task = (id: string, slot: number, specKey: string, state: Task['state'] = 'running'): Task =>
  ({ id, serviceId: 'db', slot, nodeId: 'n1', state, desiredState: state === 'running' ? 'running' : 'shutdown', containerId: `c-${id}`, specKey } as Task)
const snapshotOf = (tasks: Task[], specKey = 'new'): Snapshot =>
  ({ nodes: [node('n1', 'manager2')], services: [{ id: 'db', name: 'seed_db', specKey } as Service], tasks } as unknown as Snapshot)

describe('taskForRun: the task a before-exec command runs in', () => {
  it.each<[string, Task[], string]>([
    ['the running task on the current spec (the one with the new version mounted)', [task('old', 1, 'old'), task('new', 2, 'new')], 'new'],
    ['else any running task (keys unknown count as current)', [task('a', 1, '')], 'a'],
    ['not a task that ended', [task('gone', 1, 'new', 'shutdown'), task('b', 2, 'old')], 'b']
  ])('%s', (_, tasks, id) => {
    expect(taskForRun(snapshotOf(tasks), 'db')).toBe(id)
  })

  it('says when the service has no running task', () => {
    expect(() => taskForRun(snapshotOf([task('gone', 1, 'new', 'shutdown')]), 'db')).toThrow('seed_db has no running task')
  })
})
