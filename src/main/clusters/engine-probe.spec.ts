import { describe, expect, it } from 'vitest'
import { classifyEngine, reconnectDelayMs } from './engine-probe'

describe('classifyEngine', () => {
  it.each([
    ['no Swarm section', {}, { kind: 'no-swarm' }],
    ['inactive', { Swarm: { LocalNodeState: 'inactive' } }, { kind: 'no-swarm' }],
    ['locked', { Swarm: { LocalNodeState: 'locked' } }, { kind: 'locked' }],
    ['pending with error', { Swarm: { LocalNodeState: 'pending', Error: 'timeout' } }, { kind: 'pending', state: 'pending', error: 'timeout' }],
    ['manager', { Swarm: { LocalNodeState: 'active', ControlAvailable: true, NodeID: 'n1', Cluster: { ID: 'c1' } } }, { kind: 'manager', swarmId: 'c1', nodeId: 'n1' }],
    // a manager cut off from its quorum answers /info without the cluster: not "another swarm"
    ['manager without a leader', { Swarm: { LocalNodeState: 'active', ControlAvailable: true, NodeID: 'n1', Cluster: { ID: '' } } }, { kind: 'no-leader' }],
    ['manager with no Cluster section', { Swarm: { LocalNodeState: 'active', ControlAvailable: true, NodeID: 'n1' } }, { kind: 'no-leader' }],
    [
      'worker lists its managers',
      { Swarm: { LocalNodeState: 'active', ControlAvailable: false, RemoteManagers: [{ NodeID: 'a', Addr: '10.0.0.1:2377' }, { NodeID: 'b', Addr: '10.0.0.2:2377' }] } },
      { kind: 'worker', managers: ['10.0.0.1:2377', '10.0.0.2:2377'] }
    ]
  ])('%s', (_name, info, expected) => {
    expect(classifyEngine(info)).toEqual(expected)
  })
})

describe('reconnectDelayMs', () => {
  it('doubles from 250 ms and caps at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(reconnectDelayMs)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000])
  })
})
