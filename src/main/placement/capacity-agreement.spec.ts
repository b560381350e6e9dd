import { describe, expect, it } from 'vitest'
import { nodeCapacities } from '../../shared/capacity'
import type { Service, SwarmNode, Task } from '../../shared/domain'
import { fromMirror } from './from-mirror'

// The Nodes page's reservations (shared/capacity.ts) and the placement planner's resource
// reasons (fromMirror) charge the same tasks the same amounts: a node never reads "0.5 / 2 CPU"
// in one place and "insufficient CPU" for another sum in the other.
const node = (id: string, nanoCpus: number, memoryBytes: number) => ({ id, hostname: id, role: 'worker', state: 'ready', availability: 'active', address: '', os: 'linux', arch: 'x86_64', labels: {}, engineLabels: {}, nanoCpus, memoryBytes }) as unknown as SwarmNode
const service = (id: string, cpu: number, memory: number, limitCpu = 0) =>
  ({ id, name: id, mode: 'replicated', desiredTasks: 1, constraints: [], ports: [], placement: { replicas: 1, preferences: [], maxReplicasPerNode: 0, reservations: { nanoCpus: cpu, memoryBytes: memory }, limits: { nanoCpus: limitCpu, memoryBytes: 0 }, platforms: [] } }) as unknown as Service
const task = (id: string, serviceId: string, nodeId: string | null, state: Task['state'], desiredState: Task['desiredState'] = 'running') => ({ id, serviceId, nodeId, state, desiredState }) as Task

describe('capacity and the placement planner agree', () => {
  it('charges the same tasks on each node', () => {
    const nodes = [node('a', 2e9, 2 ** 31), node('b', 4e9, 2 ** 32)]
    const services = [service('web', 5e8, 64 * 2 ** 20, 1e9), service('db', 1e9, 2 ** 30)]
    const tasks = [
      task('1', 'web', 'a', 'running'),
      task('2', 'web', 'a', 'assigned'),
      task('3', 'web', 'a', 'shutdown', 'shutdown'),
      task('4', 'web', 'b', 'running', 'shutdown'), // still holds until it stops
      task('5', 'db', 'b', 'preparing'),
      task('6', 'db', 'b', 'failed'),
      task('7', 'db', null, 'pending')
    ]
    const planner = new Map(fromMirror(nodes, services, tasks).nodes.map((n) => [n.id, n.reserved]))
    const capacities = nodeCapacities(nodes, services, tasks)
    for (const capacity of capacities) expect(capacity.reserved).toEqual(planner.get(capacity.nodeId))
    expect(capacities.map((c) => [c.nodeId, c.reserved.nanoCpus, c.tasks])).toEqual([
      ['a', 1e9, 2],
      ['b', 1.5e9, 2]
    ])
    expect(capacities[0].limits.nanoCpus).toBe(2e9)
  })
})
