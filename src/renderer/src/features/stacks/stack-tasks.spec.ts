import { describe, expect, it } from 'vitest'
import type { Task } from '../../../../shared/domain'
import { stackTaskRows } from './stack-tasks'

const task = (id: string, serviceId: string, slot: number | null, nodeId: string | null, desiredState: Task['desiredState'] = 'running'): Task =>
  ({ id, serviceId, slot, nodeId, desiredState, state: 'running' }) as unknown as Task
const hostnames: Record<string, string> = { n1: 'worker1', n2: 'manager10', n3: 'manager2' }
const hostnameOf = (nodeId: string | null): string => (nodeId === null ? '' : (hostnames[nodeId] ?? nodeId))
const services = [
  { id: 'w', name: 'shop_web' },
  { id: 'a', name: 'shop_agent' }
]

describe('stackTaskRows', () => {
  it("lists the stack's current tasks like docker stack ps: by service, then slot or node", () => {
    const tasks = {
      t1: task('t1', 'w', 10, 'n1'),
      t2: task('t2', 'w', 2, 'n2'),
      t3: task('t3', 'a', null, 'n2'),
      t4: task('t4', 'a', null, 'n3'),
      t5: task('t5', 'w', 1, null)
    }
    expect(stackTaskRows(services, tasks, hostnameOf).map((r) => [r.name, r.hostname])).toEqual([
      ['shop_agent.manager2', 'manager2'],
      ['shop_agent.manager10', 'manager10'],
      ['shop_web.1', ''],
      ['shop_web.2', 'manager10'],
      ['shop_web.10', 'worker1']
    ])
  })

  it("leaves out the history (tasks desired shut down or removed) and other services' tasks", () => {
    const tasks = { old: task('old', 'w', 1, 'n1', 'shutdown'), gone: task('gone', 'w', 1, 'n1', 'remove'), other: task('other', 'x', 1, 'n1'), now: task('now', 'w', 1, 'n2') }
    expect(stackTaskRows(services, tasks, hostnameOf).map((r) => r.id)).toEqual(['now'])
    expect(stackTaskRows(services, null, hostnameOf)).toEqual([])
  })
})
