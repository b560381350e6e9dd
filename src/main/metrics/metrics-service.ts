// Metrics sampled only while watched: one timer per cluster with watches, one sampler per node the
// watches need (holding that node's connection lease), the last 15 minutes kept per node and task.
import { randomUUID } from 'node:crypto'
import type { ClusterState } from '../../shared/connections'
import type { Snapshot } from '../../shared/domain'
import { phrase } from '../../shared/phrase'
import { METRICS_HISTORY_MS, METRICS_INTERVAL_MS, type MetricsHistory, type MetricsSamples, type MetricsTarget } from '../../shared/metrics'
import { refusal } from '../i18n/words'
import type { NodeConnections } from '../node-access/node-connections'
import type { EventBus } from '../rpc/event-bus'
import { NodeSampler } from './node-sampler'
import { SampleStore } from './sample-store'
import { WatchBook, wantedSamples } from './watch-book'

/** The end of a connection that opened watches (a WebSocket client, the Electron window). */
export interface WatchOwner {
  onClose(listener: () => void): () => void
}

export interface MetricsDeps {
  nodes: Pick<NodeConnections, 'lease'>
  bus: EventBus
  /** The cluster's model as it is now (its tasks perhaps not in yet: `tasksLoaded`). */
  snapshot(clusterId: string): Snapshot
  intervalMs?: number
  historyMs?: number
  /** a node's command and each stats call give up after this long */
  readTimeoutMs?: number
  now?: () => number
}

interface ClusterMetrics {
  timer: NodeJS.Timeout
  samplers: Map<string, NodeSampler>
}

export function createMetricsService(deps: MetricsDeps) {
  const intervalMs = deps.intervalMs ?? METRICS_INTERVAL_MS
  const now = deps.now ?? Date.now
  const samplerDeps = { nodes: deps.nodes, readTimeoutMs: deps.readTimeoutMs ?? 10_000, now, retryMs: intervalMs }
  const book = new WatchBook()
  const clusters = new Map<string, ClusterMetrics>()
  const store = new SampleStore(deps.historyMs ?? METRICS_HISTORY_MS)

  deps.bus.subscribe((name, payload) => {
    if (name !== 'cluster.state' || (payload as ClusterState).phase !== 'closed') return
    closeCluster((payload as ClusterState).clusterId)
  })

  function publisher(clusterId: string, sampler: NodeSampler) {
    return (samples: MetricsSamples): void => {
      if (clusters.get(clusterId)?.samplers.get(sampler.nodeId) !== sampler) return
      store.add(samples)
      deps.bus.publish('metrics.samples', samples)
    }
  }

  /** One interval of a cluster: samplers follow what the watches want now, then each samples. */
  function tick(clusterId: string): void {
    const metrics = clusters.get(clusterId)
    if (!metrics) return
    let snapshot: Snapshot
    try {
      snapshot = deps.snapshot(clusterId)
    } catch {
      return // reconnecting: no mirror to read the tasks from this time
    }
    if (!snapshot.tasksLoaded) return // a snapshot's second phase: the tasks are not in yet
    const wanted = wantedSamples(book.ofCluster(clusterId), snapshot)
    for (const [nodeId, sampler] of metrics.samplers) {
      if (wanted.has(nodeId)) continue
      sampler.stop()
      metrics.samplers.delete(nodeId)
    }
    for (const [nodeId, want] of wanted) {
      let sampler = metrics.samplers.get(nodeId)
      if (!sampler) metrics.samplers.set(nodeId, (sampler = new NodeSampler(clusterId, nodeId, samplerDeps)))
      sampler.sample(want.node, want.tasks, publisher(clusterId, sampler))
    }
    store.prune(now())
  }

  function stopCluster(clusterId: string): void {
    const metrics = clusters.get(clusterId)
    if (!metrics) return
    clearInterval(metrics.timer)
    for (const sampler of metrics.samplers.values()) sampler.stop()
    clusters.delete(clusterId)
  }

  function unwatch(watchId: string): boolean {
    const watch = book.remove(watchId)
    if (!watch) return false
    if (book.ofCluster(watch.clusterId).length === 0) stopCluster(watch.clusterId)
    else tick(watch.clusterId)
    return true
  }

  function closeCluster(clusterId: string): void {
    for (const id of book.ids(clusterId)) book.remove(id)
    stopCluster(clusterId)
    store.dropCluster(clusterId)
  }

  return {
    /** `metrics.watch`: sampling starts now (first sample at once); the watch ends with its owner. */
    async watch(clusterId: string, target: MetricsTarget, owner?: WatchOwner): Promise<{ watchId: string; intervalMs: number; history: MetricsHistory }> {
      const snapshot = deps.snapshot(clusterId)
      if ('serviceId' in target && !snapshot.services.some((s) => s.id === target.serviceId)) {
        throw refusal('NOT_FOUND', phrase('metrics.said.no-service', { service: target.serviceId }))
      }
      const watchId = randomUUID()
      const detach = owner ? owner.onClose(() => unwatch(watchId)) : () => undefined
      book.add({ watchId, clusterId, target }, () => detach())
      const history = store.history(clusterId, snapshot, target)
      if (!clusters.has(clusterId)) {
        const timer = setInterval(() => tick(clusterId), intervalMs)
        timer.unref?.()
        clusters.set(clusterId, { timer, samplers: new Map() })
      }
      tick(clusterId)
      return { watchId, intervalMs, history }
    },
    unwatch,
    /** Nodes sampled now (tests check that none is left once nobody watches). */
    get samplerCount(): number {
      let count = 0
      for (const metrics of clusters.values()) count += metrics.samplers.size
      return count
    },
    get watchCount(): number {
      return book.size
    },
    dispose(): void {
      for (const clusterId of book.clusters()) closeCluster(clusterId)
    }
  }
}

export type MetricsService = ReturnType<typeof createMetricsService>
