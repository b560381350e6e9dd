import { describe, expect, it } from 'vitest'
import type { SwarmNode } from '../../../../shared/domain'
import { assessQuorum, managerCounts, type QuorumWarning } from './quorum'

describe('assessQuorum', () => {
  // managers, reachable, quorum, tolerance, margin, hasQuorum, warnings
  const table: [number, number, number, number, number, boolean, QuorumWarning[]][] = [
    [1, 1, 1, 0, 0, true, ['one-failure-from-loss']],
    [1, 0, 1, 0, 0, false, ['quorum-lost']],
    [2, 2, 2, 0, 0, true, ['even-managers', 'one-failure-from-loss']],
    [2, 1, 2, 0, 0, false, ['even-managers', 'quorum-lost']],
    [3, 3, 2, 1, 1, true, []],
    [3, 2, 2, 1, 0, true, ['one-failure-from-loss']],
    [3, 1, 2, 1, 0, false, ['quorum-lost']],
    [4, 4, 3, 1, 1, true, ['even-managers']],
    [4, 3, 3, 1, 0, true, ['even-managers', 'one-failure-from-loss']],
    [5, 5, 3, 2, 2, true, []],
    [5, 4, 3, 2, 1, true, []],
    [5, 3, 3, 2, 0, true, ['one-failure-from-loss']],
    [5, 2, 3, 2, 0, false, ['quorum-lost']],
    [6, 6, 4, 2, 2, true, ['even-managers']],
    [7, 7, 4, 3, 3, true, []],
    [7, 4, 4, 3, 0, true, ['one-failure-from-loss']],
    [8, 8, 5, 3, 3, true, ['even-managers', 'too-many-managers']],
    [9, 9, 5, 4, 4, true, ['too-many-managers']],
    [9, 4, 5, 4, 0, false, ['too-many-managers', 'quorum-lost']],
    [0, 0, 1, 0, 0, false, []]
  ]

  it.each(table)('%i managers, %i reachable', (managers, reachable, quorum, faultTolerance, margin, hasQuorum, warnings) => {
    const result = assessQuorum(managers, reachable)
    expect(result).toEqual({ managers, quorum, faultTolerance, reachable, margin, hasQuorum, warnings })
  })

  it('clamps reachable to the number of managers', () => {
    expect(assessQuorum(3, 5).reachable).toBe(3)
    expect(assessQuorum(3, -1).reachable).toBe(0)
  })
})

describe('managerCounts', () => {
  const node = (hostname: string, manager: SwarmNode['manager']): SwarmNode => ({
    id: hostname,
    version: 1,
    hostname,
    role: manager ? 'manager' : 'worker',
    availability: 'active',
    state: 'ready',
    stateMessage: '',
    address: '10.0.0.1',
    manager,
    engineVersion: '28.0.0',
    os: 'linux',
    arch: 'x86_64',
    nanoCpus: 2e9,
    memoryBytes: 2 ** 30,
    labels: {},
    engineLabels: {},
    createdAt: '',
    updatedAt: ''
  })

  it('counts managers and the reachable ones, ignoring workers', () => {
    const nodes = [
      node('m1', { leader: true, reachability: 'reachable', address: '10.0.0.1:2377' }),
      node('m2', { leader: false, reachability: 'unreachable', address: '10.0.0.2:2377' }),
      node('m3', { leader: false, reachability: 'unknown', address: '10.0.0.3:2377' }),
      node('w1', null)
    ]
    expect(managerCounts(nodes)).toEqual({ managers: 3, reachable: 1 })
  })

  it('never counts a locked manager reachable, even while the mirror still says so', () => {
    const nodes = [
      node('m1', { leader: true, reachability: 'reachable', address: '10.0.0.1:2377' }),
      node('m2', { leader: false, reachability: 'reachable', address: '10.0.0.2:2377' }),
      node('m3', { leader: false, reachability: 'unreachable', address: '10.0.0.3:2377' })
    ]
    expect(managerCounts(nodes, new Set(['m2', 'm3']))).toEqual({ managers: 3, reachable: 1 })
    expect(assessQuorum(3, managerCounts(nodes, new Set(['m2', 'm3'])).reachable).hasQuorum).toBe(false)
  })
})
