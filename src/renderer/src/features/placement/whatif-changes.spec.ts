import { describe, expect, it } from 'vitest'
import {
  changesCli,
  isAlreadyLive,
  labelApplyGroups,
  nodeEdits,
  pruneChanges,
  taskShifts,
  withChange,
  withoutChangeAt,
  type NodeFacts,
  type ServiceFacts,
  type WhatIfChange
} from './whatif-changes'

const nodes: Record<string, NodeFacts> = {
  n1: { id: 'n1', hostname: 'worker1', labels: { zone: 'east', 'e2e.pl': 'yes' }, availability: 'active', state: 'ready' },
  n2: { id: 'n2', hostname: 'worker2', labels: { 'e2e.pl': 'yes' }, availability: 'active', state: 'ready' },
  n3: { id: 'n3', hostname: 'manager1', labels: {}, availability: 'drain', state: 'ready' }
}
const services: Record<string, ServiceFacts> = {
  s1: { id: 's1', name: 'web', constraints: ['node.role == worker'] }
}

describe('withChange', () => {
  const add: WhatIfChange = { kind: 'labelAdd', nodeId: 'n1', key: 'ssd', value: 'yes' }
  it.each<[string, WhatIfChange[], WhatIfChange, WhatIfChange[]]>([
    ['appends', [], add, [add]],
    [
      'a removal replaces the addition of the same key, in place',
      [add, { kind: 'availability', nodeId: 'n1', availability: 'drain' }],
      { kind: 'labelRemove', nodeId: 'n1', key: 'ssd' },
      [{ kind: 'labelRemove', nodeId: 'n1', key: 'ssd' }, { kind: 'availability', nodeId: 'n1', availability: 'drain' }]
    ],
    ['another node is another target', [add], { ...add, nodeId: 'n2' }, [add, { ...add, nodeId: 'n2' }]],
    [
      'the last availability wins',
      [{ kind: 'availability', nodeId: 'n1', availability: 'drain' }],
      { kind: 'availability', nodeId: 'n1', availability: 'pause' },
      [{ kind: 'availability', nodeId: 'n1', availability: 'pause' }]
    ],
    [
      'the last constraint edit of a service wins',
      [{ kind: 'constraints', service: 's1', constraints: ['a == b'] }],
      { kind: 'constraints', service: 's1', constraints: [] },
      [{ kind: 'constraints', service: 's1', constraints: [] }]
    ]
  ])('%s', (_name, list, change, expected) => {
    expect(withChange(list, change)).toEqual(expected)
  })

  it('removes by index', () => {
    expect(withoutChangeAt([add, { ...add, nodeId: 'n2' }], 0)).toEqual([{ ...add, nodeId: 'n2' }])
  })

  it('prunes changes on nodes and services that left', () => {
    const list: WhatIfChange[] = [add, { ...add, nodeId: 'gone' }, { kind: 'constraints', service: 'old', constraints: [] }]
    expect(pruneChanges(list, new Set(['n1']), new Set(['s1']))).toEqual([add])
    // Nothing to drop: the same list, so a store keeps its identity.
    const kept = [add]
    expect(pruneChanges(kept, new Set(['n1']), new Set())).toBe(kept)
  })
})

describe('isAlreadyLive', () => {
  it.each<[WhatIfChange, boolean]>([
    [{ kind: 'labelAdd', nodeId: 'n1', key: 'zone', value: 'east' }, true],
    [{ kind: 'labelAdd', nodeId: 'n1', key: 'zone', value: 'west' }, false],
    [{ kind: 'labelRemove', nodeId: 'n3', key: 'zone' }, true],
    [{ kind: 'labelRemove', nodeId: 'n1', key: 'zone' }, false],
    [{ kind: 'availability', nodeId: 'n3', availability: 'drain' }, true],
    [{ kind: 'availability', nodeId: 'n1', availability: 'drain' }, false],
    [{ kind: 'nodeState', nodeId: 'n1', state: 'down' }, false],
    [{ kind: 'constraints', service: 's1', constraints: ['node.role == worker'] }, true],
    [{ kind: 'constraints', service: 's1', constraints: [] }, false],
    [{ kind: 'labelAdd', nodeId: 'unknown', key: 'a', value: 'b' }, false]
  ])('%j -> %s', (change, expected) => {
    expect(isAlreadyLive(change, nodes, services)).toBe(expected)
  })
})

describe('labelApplyGroups', () => {
  it('groups nodes that get the same difference, skipping what is already so', () => {
    const changes: WhatIfChange[] = [
      { kind: 'labelAdd', nodeId: 'n1', key: 'ssd', value: 'yes' },
      { kind: 'labelAdd', nodeId: 'n2', key: 'ssd', value: 'yes' },
      { kind: 'labelRemove', nodeId: 'n2', key: 'e2e.pl' },
      { kind: 'labelAdd', nodeId: 'n3', key: 'ssd', value: 'yes' },
      { kind: 'labelAdd', nodeId: 'n1', key: 'zone', value: 'east' },
      { kind: 'availability', nodeId: 'n1', availability: 'drain' },
      { kind: 'labelAdd', nodeId: 'gone', key: 'x', value: 'y' }
    ]
    expect(labelApplyGroups(changes, nodes)).toEqual([
      { nodeIds: ['n1', 'n3'], add: { ssd: 'yes' }, remove: [] },
      { nodeIds: ['n2'], add: { ssd: 'yes' }, remove: ['e2e.pl'] }
    ])
  })

  it('is empty without label changes to make', () => {
    expect(labelApplyGroups([{ kind: 'labelRemove', nodeId: 'n3', key: 'zone' }], nodes)).toEqual([])
  })
})

describe('changesCli', () => {
  it('writes one command per node for its labels, then the rest in list order', () => {
    const changes: WhatIfChange[] = [
      { kind: 'labelRemove', nodeId: 'n2', key: 'e2e.pl' },
      { kind: 'availability', nodeId: 'n1', availability: 'drain' },
      { kind: 'labelAdd', nodeId: 'n2', key: 'zone', value: 'west side' },
      { kind: 'nodeState', nodeId: 'n1', state: 'down' },
      { kind: 'constraints', service: 's1', constraints: ['node.role == worker', 'node.labels.zone == east'] }
    ]
    expect(changesCli(changes, nodes, services).split('\n')).toEqual([
      "docker node update --label-rm e2e.pl --label-add 'zone=west side' worker2",
      'docker node update --availability drain worker1',
      '# worker1 becomes down (a failure, not a command)',
      "docker service update --constraint-add 'node.labels.zone == east' web"
    ])
  })

  it('removes the constraints a service edit drops', () => {
    expect(changesCli([{ kind: 'constraints', service: 's1', constraints: [] }], nodes, services)).toBe("docker service update --constraint-rm 'node.role == worker' web")
  })

  it('is empty for no change', () => {
    expect(changesCli([], nodes, services)).toBe('')
  })
})

describe('taskShifts', () => {
  it.each([
    [[], { from: [], to: [] }],
    [
      [
        { hostname: 'worker2', before: 2, after: 0 },
        { hostname: 'worker1', before: 2, after: 4 }
      ],
      { from: [{ hostname: 'worker2', count: 2 }], to: [{ hostname: 'worker1', count: 2 }] }
    ],
    [
      [
        { hostname: 'w10', before: 1, after: 0 },
        { hostname: 'w2', before: 3, after: 0 },
        { hostname: 'w3', before: 0, after: 1 }
      ],
      { from: [{ hostname: 'w2', count: 3 }, { hostname: 'w10', count: 1 }], to: [{ hostname: 'w3', count: 1 }] }
    ]
  ])('%j', (moves, expected) => {
    expect(taskShifts(moves)).toEqual(expected)
  })
})

describe('nodeEdits', () => {
  it('sums up each node’s hypothetical edits', () => {
    const edits = nodeEdits([
      { kind: 'labelAdd', nodeId: 'n1', key: 'a', value: 'b' },
      { kind: 'labelRemove', nodeId: 'n1', key: 'c' },
      { kind: 'availability', nodeId: 'n2', availability: 'drain' },
      { kind: 'nodeState', nodeId: 'n2', state: 'down' },
      { kind: 'constraints', service: 's1', constraints: [] }
    ])
    expect(Object.fromEntries(edits)).toEqual({
      n1: { availability: null, state: null, labels: 2 },
      n2: { availability: 'drain', state: 'down', labels: 0 }
    })
  })
})
