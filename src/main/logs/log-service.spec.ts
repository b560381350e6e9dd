import { describe, expect, it } from 'vitest'
import { describeTasksFrom } from './log-service'

const snapshot = {
  services: [{ id: 'svc1', name: 'web' }, { id: 'svc2', name: 'agent' }],
  nodes: [{ id: 'node1', hostname: 'worker1' }],
  tasks: [
    { id: 't1', serviceId: 'svc1', slot: 2, nodeId: 'node1' },
    { id: 't2', serviceId: 'svc2', slot: null, nodeId: 'node1' },
    { id: 't3', serviceId: 'gone', slot: 1, nodeId: 'node9' },
    { id: 't4', serviceId: 'svc1', slot: 3, nodeId: null }
  ]
} as unknown as Parameters<typeof describeTasksFrom>[0]

describe('describeTasksFrom', () => {
  it('names each asked task by service, slot (null for global) and node hostname', () => {
    expect(describeTasksFrom(snapshot, ['t1', 't2', 't3', 't4', 'unknown'])).toEqual({
      t1: { serviceId: 'svc1', service: 'web', slot: 2, nodeId: 'node1', node: 'worker1' },
      t2: { serviceId: 'svc2', service: 'agent', slot: null, nodeId: 'node1', node: 'worker1' },
      // Unknown to the mirror: ids stand in for names.
      t3: { serviceId: 'gone', service: 'gone', slot: 1, nodeId: 'node9', node: 'node9' },
      t4: { serviceId: 'svc1', service: 'web', slot: 3, nodeId: '', node: '' }
    })
  })
  it('returns only what was asked', () => {
    expect(Object.keys(describeTasksFrom(snapshot, ['t2']))).toEqual(['t2'])
  })
})
