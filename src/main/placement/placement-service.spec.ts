import { describe, expect, it } from 'vitest'
import type { Service, Snapshot, SwarmNode, Task } from '../../shared/domain'
import type { PlacementDraft } from '../../shared/placement'
import { planFromSnapshot } from './placement-service'

// The course's API: 3 replicas publishing tcp/5000 in host mode, one task per node on 3 of 4
// nodes. Its update (service form) or an unchanged redeploy (stack plan) plans the same service
// again: its own tasks hold the port, and must not count as "another service" holding it.
const node = (id: string): SwarmNode => ({
  id, version: 1, hostname: id, role: 'worker', availability: 'active', state: 'ready', stateMessage: '', address: '10.0.0.1',
  manager: null, engineVersion: '20.10.24', os: 'linux', arch: 'x86_64', nanoCpus: 4e9, memoryBytes: 8e9, labels: {}, engineLabels: {}, createdAt: '', updatedAt: ''
})
const api: Service = {
  id: 'api-id', version: 1, name: 'seed_api', image: 'api:1', mode: 'replicated', desiredTasks: 3, runningTasks: 3, stack: 'seed', labels: {},
  ports: [{ protocol: 'tcp', targetPort: 5000, publishedPort: 5000, publishMode: 'host' }], constraints: [], updateStatus: null, secrets: [], configs: [], createdAt: '', updatedAt: '',
  placement: { replicas: 3, preferences: [], maxReplicasPerNode: 0, reservations: { nanoCpus: 0, memoryBytes: 0 }, limits: { nanoCpus: 0, memoryBytes: 0 }, platforms: [] }
}
const task = (id: string, nodeId: string, serviceId = 'api-id'): Task => ({
  id, version: 1, serviceId, slot: 1, nodeId, state: 'running', desiredState: 'running', message: '', error: '', exitCode: null, containerId: null, image: 'api:1', createdAt: '', updatedAt: '', timestamp: ''
})
const other: Service = { ...api, id: 'other-id', name: 'other', ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 5000, publishMode: 'host' }], placement: { ...api.placement, replicas: 1 } }
const snapshot = (services: Service[], tasks: Task[]): Snapshot =>
  ({ swarm: {}, nodes: ['n1', 'n2', 'n3', 'n4'].map(node), services, tasks, secrets: [], configs: [], networks: [], events: [], seq: 1, takenAt: '' }) as unknown as Snapshot
const draft: PlacementDraft = {
  name: 'seed_api', mode: 'replicated', replicas: 3, constraints: [], preferences: [], maxReplicasPerNode: 0, reservations: { nanoCpus: 0, memoryBytes: 0 }, platforms: [],
  hostPorts: [{ protocol: 'tcp', port: 5000 }]
}

describe('planFromSnapshot: a draft that replaces a live service', () => {
  const live = snapshot([api], [task('t1', 'n1'), task('t2', 'n2'), task('t3', 'n3')])

  it('its own tasks’ host ports do not exclude any node', () => {
    const { plan } = planFromSnapshot(live, { draft, replaces: 'api-id' })
    expect(plan.eligibleCount).toBe(4)
    expect(plan.pendingTasks).toBe(0)
  })

  it('a new service (no replaces) does meet the port held by the live one', () => {
    const { plan } = planFromSnapshot(live, { draft: { ...draft, name: 'copy' } })
    expect(plan.eligibleCount).toBe(1)
    expect(plan.pendingTasks).toBe(2)
  })

  it('another service holding the port still excludes its node', () => {
    const withOther = snapshot([api, other], [task('t1', 'n1'), task('t2', 'n2'), task('t3', 'n3'), task('t4', 'n4', 'other-id')])
    const { plan } = planFromSnapshot(withOther, { draft, replaces: 'api-id' })
    expect(plan.eligibleCount).toBe(3)
    expect(plan.perNode.find((n) => n.hostname === 'n4')?.eligible).toBe(false)
    expect(plan.pendingTasks).toBe(0)
  })
})
