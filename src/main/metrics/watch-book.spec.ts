import { describe, expect, it } from 'vitest'
import type { SwarmNode, Task } from '../../shared/domain'
import { WatchBook, wantedSamples, type Watch } from './watch-book'

const node = (id: string, hostname: string) => ({ id, hostname }) as SwarmNode
const task = (id: string, serviceId: string, nodeId: string | null, state: Task['state'] = 'running', containerId: string | null = `c-${id}`) =>
  ({ id, serviceId, nodeId, state, containerId }) as Task
const snapshot = {
  nodes: [node('n1', 'manager1'), node('n2', 'worker1'), node('n3', 'worker2')],
  tasks: [task('t1', 'web', 'n2'), task('t2', 'web', 'n3'), task('t3', 'web', 'n3', 'shutdown'), task('t4', 'web', null, 'pending', null), task('t5', 'db', 'n1')]
}
const watch = (watchId: string, target: Watch['target']): Watch => ({ watchId, clusterId: 'c', target })
const plain = (wanted: ReturnType<typeof wantedSamples>) => Object.fromEntries([...wanted].map(([id, w]) => [id, { node: w.node, tasks: w.tasks.map((t) => t.taskId) }]))

describe('what the watches want of each node', () => {
  it.each([
    ['nothing watched', [], {}],
    ['nodes by ID or hostname; unknown ones ignored', [watch('a', { nodeIds: ['n1', 'worker1', 'gone'] })], { n1: { node: true, tasks: [] }, n2: { node: true, tasks: [] } }],
    ['a service: its running tasks, on their nodes only', [watch('a', { serviceId: 'web' })], { n2: { node: false, tasks: ['t1'] }, n3: { node: false, tasks: ['t2'] } }],
    [
      'nodes and a service together share the node',
      [watch('a', { nodeIds: ['n2'] }), watch('b', { serviceId: 'web' })],
      { n2: { node: true, tasks: ['t1'] }, n3: { node: false, tasks: ['t2'] } }
    ],
    ['two watches of the same service read each task once', [watch('a', { serviceId: 'db' }), watch('b', { serviceId: 'db' })], { n1: { node: false, tasks: ['t5'] } }]
  ])('%s', (_name, watches, expected) => {
    expect(plain(wantedSamples(watches, snapshot))).toEqual(expected)
  })
})

describe('WatchBook', () => {
  it('keeps watches per cluster and calls a watch release once when it goes', () => {
    const book = new WatchBook()
    const released: string[] = []
    book.add({ watchId: 'a', clusterId: 'c1', target: { nodeIds: ['n1'] } }, () => released.push('a'))
    book.add({ watchId: 'b', clusterId: 'c2', target: { serviceId: 's' } }, () => released.push('b'))
    expect(book.ofCluster('c1').map((w) => w.watchId)).toEqual(['a'])
    expect([...book.clusters()]).toEqual(['c1', 'c2'])
    expect(book.remove('a')?.watchId).toBe('a')
    expect(book.remove('a')).toBeNull()
    expect(released).toEqual(['a'])
    expect(book.ids()).toEqual(['b'])
    expect(book.size).toBe(1)
  })
})
