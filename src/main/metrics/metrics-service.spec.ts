import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Snapshot } from '../../shared/domain'
import type { MetricsSamples } from '../../shared/metrics'
import type { NodeLease } from '../node-access/node-connections'
import { createClientLink } from '../rpc/dispatcher'
import { EventBus } from '../rpc/event-bus'
import { createMetricsService } from './metrics-service'
import { procCommand } from './node-proc'

const marker = /echo (\S+);/.exec(procCommand('/'))?.[1] as string
const PROC = ['cpu  100 0 50 850 0 0 0 0 0 0\ncpu0 100 0 50 850 0 0 0 0 0 0\n', 'MemTotal: 1000 kB\nMemAvailable: 250 kB\n', '0.10 0.20 0.30 1/100 1\n', 'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/vda 1000 400 600 40% /\n'].join(`${marker}\n`)

function channel(text: string) {
  const out = new EventEmitter() as EventEmitter & { stderr: { resume(): void }; close(): void }
  out.stderr = { resume: () => undefined }
  out.close = () => undefined
  setTimeout(() => {
    out.emit('data', Buffer.from(text))
    out.emit('close')
  }, 0)
  return out
}

// The watch lifecycle: a node's lease is taken while some watch needs it and let go when the
// last one ends (by unwatch, with its client, with its cluster); nothing ticks when nobody watches.
// The lease is a stand-in: its shell answers the node command with fixed text, its engine a stats sample.
const snapshot = {
  nodes: [{ id: 'n1', hostname: 'worker1' }, { id: 'n2', hostname: 'worker2' }],
  services: [{ id: 's1' }],
  tasks: [{ id: 't1', serviceId: 's1', nodeId: 'n2', state: 'running', containerId: 'c1' }],
  tasksLoaded: true
} as unknown as Snapshot

function harness(refuse = false, model: Snapshot = snapshot) {
  const held = new Map<string, number>()
  const leases: string[] = []
  const nodes = {
    lease: async (_clusterId: string, nodeId: string): Promise<NodeLease> => {
      leases.push(nodeId)
      if (refuse) throw new Error('SSH refused')
      held.set(nodeId, (held.get(nodeId) ?? 0) + 1)
      let released = false
      return {
        ssh: { exec: async () => channel(PROC) },
        engine: {
          info: async () => ({ DockerRootDir: '/var/lib/docker' }),
          containerStats: async () => ({ cpu_stats: { cpu_usage: { total_usage: 2e9 }, system_cpu_usage: 4e9, online_cpus: 2 }, precpu_stats: { cpu_usage: { total_usage: 1e9 }, system_cpu_usage: 2e9 }, memory_stats: { usage: 100, limit: 1000 } })
        },
        release: () => {
          if (!released) held.set(nodeId, (held.get(nodeId) ?? 0) - 1)
          released = true
        }
      } as unknown as NodeLease
    }
  }
  const bus = new EventBus()
  const events: MetricsSamples[] = []
  bus.subscribe((name, payload) => name === 'metrics.samples' && events.push(payload as MetricsSamples))
  const metrics = createMetricsService({ nodes, bus, snapshot: () => model, intervalMs: 1000 })
  const heldNow = () => [...held].filter(([, n]) => n > 0).map(([id]) => id).sort()
  return { metrics, bus, events, leases, heldNow }
}

afterEach(() => vi.useRealTimers())

describe('metrics watches', () => {
  it('samples nothing while the cluster\'s tasks are still being read (a snapshot\'s second phase)', async () => {
    vi.useFakeTimers()
    const { metrics, events, leases } = harness(false, { ...snapshot, tasks: [], tasksLoaded: false })
    await metrics.watch('c', { serviceId: 's1' })
    await metrics.watch('c', { nodeIds: ['worker1'] })
    await vi.advanceTimersByTimeAsync(2100)
    expect(leases).toEqual([])
    expect(events).toEqual([])
  })

  it('leases the watched nodes, samples each interval, and lets go when the last watch ends', async () => {
    vi.useFakeTimers()
    const { metrics, events, heldNow } = harness()
    const a = await metrics.watch('c', { nodeIds: ['worker1'] })
    const b = await metrics.watch('c', { serviceId: 's1' })
    await vi.advanceTimersByTimeAsync(0)
    expect(heldNow()).toEqual(['n1', 'n2'])
    expect(metrics.samplerCount).toBe(2)
    expect(events.find((e) => e.nodeId === 'n1')?.node).toMatchObject({ memoryPercent: 75, load: [0.1, 0.2, 0.3], disk: { path: '/var/lib/docker', percent: 40 } })
    expect(events.find((e) => e.nodeId === 'n2')).toMatchObject({ node: null, tasks: [{ taskId: 't1', cpuPercent: 100, memoryBytes: 100 }] })
    await vi.advanceTimersByTimeAsync(1100)
    expect(events.filter((e) => e.nodeId === 'n1')).toHaveLength(2)
    // a second watch of the node gets the kept samples at once
    const again = await metrics.watch('c', { nodeIds: ['n1'] })
    expect(again.history.nodes).toHaveLength(2)
    metrics.unwatch(again.watchId)
    expect(heldNow()).toEqual(['n1', 'n2'])
    metrics.unwatch(a.watchId)
    expect(heldNow()).toEqual(['n2'])
    expect(metrics.unwatch(b.watchId)).toBe(true)
    expect(metrics.unwatch(b.watchId)).toBe(false)
    expect(heldNow()).toEqual([])
    const count = events.length
    await vi.advanceTimersByTimeAsync(10_000)
    expect(events.length).toBe(count)
    expect(metrics.samplerCount).toBe(0)
  })

  it('ends a watch with the client that opened it, and every watch with its cluster', async () => {
    vi.useFakeTimers()
    const { metrics, bus, heldNow } = harness()
    const client = createClientLink()
    await metrics.watch('c', { nodeIds: ['n1'] }, client)
    await metrics.watch('c', { nodeIds: ['n2'] })
    await vi.advanceTimersByTimeAsync(0)
    client.close()
    expect(metrics.watchCount).toBe(1)
    await vi.advanceTimersByTimeAsync(0)
    expect(heldNow()).toEqual(['n2'])
    bus.publish('cluster.state', { clusterId: 'c', phase: 'closed' } as never)
    expect(metrics.watchCount).toBe(0)
    expect(heldNow()).toEqual([])
  })

  it('says why a node could not be reached, holds nothing, and tries again less and less often', async () => {
    vi.useFakeTimers()
    const { metrics, events, leases, heldNow } = harness(true)
    await metrics.watch('c', { nodeIds: ['n1'] })
    await vi.advanceTimersByTimeAsync(0)
    expect(events[0]).toMatchObject({ nodeId: 'n1', node: null, fault: { message: 'SSH refused' } })
    await vi.advanceTimersByTimeAsync(1000)
    expect(leases).toEqual(['n1', 'n1'])
    await vi.advanceTimersByTimeAsync(1000)
    expect(leases).toHaveLength(2) // the next try waits 2 intervals, then 4...
    await vi.advanceTimersByTimeAsync(1000)
    expect(leases).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(leases.length).toBeLessThan(10)
    expect(heldNow()).toEqual([])
    metrics.dispose()
  })

  it('refuses a service that is not in the swarm', async () => {
    const { metrics } = harness()
    await expect(metrics.watch('c', { serviceId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(metrics.watchCount).toBe(0)
  })
})
