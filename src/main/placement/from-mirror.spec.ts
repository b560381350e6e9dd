import { describe, expect, it } from 'vitest'
import type { Service, SwarmNode, Task } from '../../shared/domain'
import { holdsResources, isActive } from '../../shared/capacity'
import { fromMirror, placementServiceOf } from './from-mirror'
import { planPlacement } from './placement-planner'

function swarmNode(id: string, overrides: Partial<SwarmNode> = {}): SwarmNode {
  return {
    id, version: 1, hostname: id, role: 'worker', availability: 'active', state: 'ready', stateMessage: '', address: '10.0.0.1',
    manager: null, engineVersion: '20.10.24', os: 'linux', arch: 'x86_64', nanoCpus: 4e9, memoryBytes: 8e9, labels: {}, engineLabels: {},
    createdAt: '', updatedAt: '', ...overrides
  }
}

type Placement = Service['placement']
function service(id: string, overrides: Partial<Service> = {}, placement: Partial<Placement> = {}): Service {
  return {
    id, version: 1, name: id, image: 'img', mode: 'replicated', desiredTasks: 2, runningTasks: 0, stack: null, labels: {}, ports: [],
    constraints: [], updateStatus: null, secrets: [], configs: [], createdAt: '', updatedAt: '',
    placement: {
      replicas: 2, preferences: [], maxReplicasPerNode: 0, reservations: { nanoCpus: 0, memoryBytes: 0 }, limits: { nanoCpus: 0, memoryBytes: 0 },
      platforms: [], ...placement
    },
    ...overrides
  }
}

let taskCounter = 0
function task(serviceId: string, nodeId: string | null, state: Task['state'], desiredState: Task['desiredState'] = 'running'): Task {
  taskCounter++
  return {
    id: `t${taskCounter}`, version: 1, serviceId, slot: 1, nodeId, state, desiredState, message: '', error: '', exitCode: null,
    containerId: null, image: 'img', createdAt: '', updatedAt: '', timestamp: ''
  }
}

describe('task accounting (scheduler.go, nodeinfo.go)', () => {
  const cases: [Task['state'], Task['desiredState'], boolean, boolean][] = [
    ['new', 'running', false, false],
    ['pending', 'running', false, false],
    ['assigned', 'running', true, true],
    ['accepted', 'running', true, true],
    ['preparing', 'running', true, true],
    ['starting', 'running', true, true],
    ['running', 'running', true, true],
    ['running', 'ready', true, true],
    ['running', 'complete', true, true],
    // Being shut down: still holds its reservations, no longer counts.
    ['running', 'shutdown', true, false],
    ['running', 'remove', true, false],
    ['complete', 'shutdown', false, false],
    ['failed', 'shutdown', false, false],
    ['rejected', 'shutdown', false, false],
    ['shutdown', 'shutdown', false, false]
  ]
  for (const [state, desired, holds, active] of cases) {
    it(`${state} (desired ${desired}): holds ${holds}, active ${active}`, () => {
      expect(holdsResources(task('s', 'n', state, desired))).toBe(holds)
      expect(isActive(task('s', 'n', state, desired))).toBe(active)
    })
  }

  it('an unassigned task holds nothing', () => {
    expect(holdsResources(task('s', null, 'running'))).toBe(false)
  })
})

describe('fromMirror', () => {
  it('sums usage per node and per service', () => {
    const nodes = [swarmNode('n1', { labels: { zone: 'a' } }), swarmNode('n2')]
    const services = [
      service(
        'web',
        { ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'host' }, { protocol: 'tcp', targetPort: 443, publishedPort: 443, publishMode: 'ingress' }] },
        { replicas: 3, reservations: { nanoCpus: 1e9, memoryBytes: 256 }, preferences: [{ spread: 'node.labels.zone' }], maxReplicasPerNode: 2, platforms: [{ os: 'linux', arch: 'amd64' }] }
      ),
      service('db')
    ]
    const tasks = [
      task('web', 'n1', 'running'),
      task('web', 'n1', 'running', 'shutdown'),
      task('web', 'n2', 'pending'),
      task('db', 'n1', 'running'),
      task('db', 'n2', 'failed', 'shutdown')
    ]
    const result = fromMirror(nodes, services, tasks)
    const [n1, n2] = result.nodes
    expect(n1.activeTasks).toBe(2)
    expect(n1.reserved).toEqual({ nanoCpus: 2e9, memoryBytes: 512 })
    expect(n1.hostPortsInUse).toEqual(['tcp/8080'])
    expect(n1.services).toEqual({
      web: { tasks: 1, nanoCpus: 2e9, memoryBytes: 512, hostPorts: ['tcp/8080'] },
      db: { tasks: 1, nanoCpus: 0, memoryBytes: 0, hostPorts: [] }
    })
    expect(n2.activeTasks).toBe(0)
    expect(n2.services).toEqual({})
    expect(n1.labels).toEqual({ zone: 'a' })
    expect(result.services[0]).toEqual({
      id: 'web', name: 'web', mode: 'replicated', replicas: 3, constraints: [], preferences: [{ spread: 'node.labels.zone' }], maxReplicasPerNode: 2,
      reservations: { nanoCpus: 1e9, memoryBytes: 256 }, platforms: [{ os: 'linux', arch: 'amd64' }], hostPorts: [{ protocol: 'tcp', port: 8080 }]
    })
  })

  it('global services and jobs have no replicas in the spec: desiredTasks stands in', () => {
    expect(placementServiceOf(service('s', { desiredTasks: 4, constraints: ['node.role==worker'], mode: 'global' }, { replicas: null }))).toEqual({
      id: 's', name: 's', mode: 'global', replicas: 4, constraints: ['node.role==worker'], preferences: [], maxReplicasPerNode: 0,
      reservations: { nanoCpus: 0, memoryBytes: 0 }, platforms: [], hostPorts: []
    })
  })

  it('feeds the planner: a live service keeps its tasks', () => {
    const result = fromMirror([swarmNode('n1'), swarmNode('n2')], [service('web', {}, { replicas: 3 })], [task('web', 'n1', 'running'), task('web', 'n1', 'running')])
    const plan = planPlacement(result.nodes, result.services[0])
    expect(plan.perNode.map((n) => [n.existingTasks, n.predictedTasks])).toEqual([
      [2, 2],
      [0, 1]
    ])
  })
})
