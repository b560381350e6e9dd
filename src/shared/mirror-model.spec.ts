import { describe, expect, it } from 'vitest'
import type { Snapshot, SwarmNode, Task } from './domain'
import { applyDeltas, modelFromSnapshot, RECENT_EVENTS_LIMIT } from './mirror-model'

const swarm = {
  swarmId: 'c', createdAt: '', nodeId: 'n1', nodeAddress: '10.0.0.1', engineVersion: '20.10', apiVersion: '', engineName: 'm1', os: '',
  managers: 1, nodes: 1, defaultAddrPool: [], dataPathPort: null, autolock: false, taskHistoryLimit: 5, certExpirySeconds: null
}
const node = (id: string, labels: Record<string, string> = {}): SwarmNode => ({
  id, version: 1, hostname: id, role: 'manager', availability: 'active', state: 'ready', stateMessage: '', address: '', manager: null,
  engineVersion: '', os: '', arch: '', nanoCpus: 0, memoryBytes: 0, labels, engineLabels: {}, createdAt: '', updatedAt: ''
})
const task = (id: string): Task => ({
  id, version: 1, serviceId: 's', slot: 1, nodeId: 'n1', state: 'running', desiredState: 'running', message: '', error: '', exitCode: null,
  containerId: null, image: '', createdAt: '', updatedAt: '', timestamp: ''
})
const snapshot: Snapshot = { swarm, nodes: [node('n1')], services: [], tasks: [task('t1')], tasksLoaded: true, secrets: [], configs: [], networks: [], events: [], seq: 4, takenAt: '' }

describe('mirror model', () => {
  it('indexes a snapshot by id', () => {
    const model = modelFromSnapshot(snapshot)
    expect(Object.keys(model.nodes)).toEqual(['n1'])
    expect(model.tasks.t1.state).toBe('running')
    expect(model.seq).toBe(4)
  })

  it('applies upserts and removals and copies only the touched collections', () => {
    const model = modelFromSnapshot(snapshot)
    const next = applyDeltas(model, [{ op: 'upsert', kind: 'node', value: node('n1', { zone: 'a' }) }, { op: 'upsert', kind: 'node', value: node('n2') }], 5)
    expect(next.nodes.n1.labels).toEqual({ zone: 'a' })
    expect(Object.keys(next.nodes).sort()).toEqual(['n1', 'n2'])
    expect(next.tasks).toBe(model.tasks)
    expect(model.nodes.n1.labels).toEqual({}) // the old model is left untouched
    const removed = applyDeltas(next, [{ op: 'remove', kind: 'task', id: 't1' }], 6)
    expect(removed.tasks).toEqual({})
    expect(removed.seq).toBe(6)
  })

  it('takes a first-phase snapshot without tasks, then every task at once from a tasks delta', () => {
    const early = modelFromSnapshot({ ...snapshot, tasks: [], tasksLoaded: false })
    expect(early.tasksLoaded).toBe(false)
    // a task an event brought before the list, then the list (which holds the newer state), then an edit in the same batch
    const seen = applyDeltas(early, [{ op: 'upsert', kind: 'task', value: task('t0') }], 5)
    const loaded = applyDeltas(seen, [{ op: 'tasks', values: [task('t1'), { ...task('t0'), state: 'failed' }] }, { op: 'remove', kind: 'task', id: 't1' }], 6)
    expect(loaded.tasksLoaded).toBe(true)
    expect(Object.keys(loaded.tasks)).toEqual(['t0'])
    expect(loaded.tasks.t0.state).toBe('failed')
    expect(seen.tasks.t1).toBeUndefined() // the earlier model is left untouched
    expect(loaded.nodes).toBe(early.nodes)
  })

  it('keeps the newest events within the limit', () => {
    let model = modelFromSnapshot(snapshot)
    const events = Array.from({ length: RECENT_EVENTS_LIMIT + 5 }, (_, i) => ({
      op: 'event' as const,
      value: { key: String(i), time: '', type: 'service', action: 'update', actorId: 'x', actorName: 'web', attributes: {} }
    }))
    model = applyDeltas(model, events, 5)
    expect(model.events).toHaveLength(RECENT_EVENTS_LIMIT)
    expect(model.events[0].key).toBe('5')
    expect(model.events.at(-1)?.key).toBe(String(RECENT_EVENTS_LIMIT + 4))
  })

  it('merges late history into the feed by time and drops events it already has', () => {
    const event = (key: string, time: string) => ({ key, time, type: 'node', action: 'update', actorId: 'n', actorName: '', attributes: {} })
    let model = modelFromSnapshot(snapshot)
    model = applyDeltas(model, [{ op: 'event', value: event('live', '2026-01-01T10:00:00Z') }], 5)
    model = applyDeltas(model, [{ op: 'event', value: event('old', '2026-01-01T09:00:00Z') }, { op: 'event', value: event('live', '2026-01-01T10:00:00Z') }], 6)
    expect(model.events.map((e) => e.key)).toEqual(['old', 'live'])
  })

  it('replaces swarm facts', () => {
    const next = applyDeltas(modelFromSnapshot(snapshot), [{ op: 'swarm', value: { ...swarm, managers: 3 } }], 5)
    expect(next.swarm.managers).toBe(3)
  })
})
