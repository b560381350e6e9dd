// An in-memory stand-in for a cluster mirror's feed (src/main/rollouts/convergence-watcher.ts
// MirrorFeed), for unit tests of the convergence waits: our own interface, not the Docker API.
import type { Service, Task } from '../../src/shared/domain'
import type { MirrorFeed } from '../../src/main/rollouts/convergence-watcher'

export function memoryFeed(initial: { service?: Service; tasks?: Task[] } = {}) {
  let state = { service: initial.service, tasks: initial.tasks ?? [] }
  const listeners = new Set<(change: 'changed' | 'closed') => void>()
  let reads = 0
  const followed = new Map<string, number>()
  const feed: MirrorFeed = {
    read: () => {
      reads++
      return { service: state.service, tasks: state.tasks }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    followWhileWaited(serviceId) {
      followed.set(serviceId, (followed.get(serviceId) ?? 0) + 1)
      return () => followed.set(serviceId, (followed.get(serviceId) ?? 1) - 1)
    }
  }
  return {
    feed,
    listeners,
    reads: () => reads,
    /** how many waits ask the mirror to follow each service now */
    followed: (serviceId: string) => followed.get(serviceId) ?? 0,
    set(next: { service?: Service; tasks?: Task[] }) {
      state = { service: next.service, tasks: next.tasks ?? [] }
      for (const l of [...listeners]) l('changed')
    },
    close: () => [...listeners].forEach((l) => l('closed'))
  }
}

export const testService = (overrides: Partial<Service> = {}): Service =>
  ({
    id: 's1', version: 5, name: 'web', image: 'web:2', mode: 'replicated', desiredTasks: 2, runningTasks: 0, stack: null, labels: {}, ports: [], constraints: [],
    placement: { replicas: 2, preferences: [], maxReplicasPerNode: 0, reservations: { nanoCpus: 0, memoryBytes: 0 }, limits: { nanoCpus: 0, memoryBytes: 0 }, platforms: [] },
    updateStatus: null, secrets: [], configs: [], createdAt: '', updatedAt: '', ...overrides
  }) as Service

export const testTask = (id: string, state: Task['state'], extra: Partial<Task> = {}): Task => ({
  id, version: 1, serviceId: 's1', slot: 1, nodeId: 'n1', state, desiredState: 'running', message: '', error: '', exitCode: null, containerId: null,
  image: 'web:2', createdAt: '', updatedAt: '', timestamp: '2026-01-01T00:00:00Z', ...extra
})

