// The last stretch of every sampled node and task, per cluster, for a watch's history.
import type { Snapshot } from '../../shared/domain'
import type { MetricsHistory, MetricsSamples, MetricsTarget, NodeSample, TaskSample } from '../../shared/metrics'
import { TimeRing } from './ring'

export class SampleStore {
  private readonly nodes = new Map<string, TimeRing<NodeSample>>()
  private readonly tasks = new Map<string, TimeRing<TaskSample>>()

  constructor(private readonly spanMs: number) {}

  private static key(clusterId: string, id: string): string {
    return `${clusterId}\u0000${id}`
  }

  private ring<T extends { at: number }>(rings: Map<string, TimeRing<T>>, key: string): TimeRing<T> {
    let ring = rings.get(key)
    if (!ring) rings.set(key, (ring = new TimeRing<T>(this.spanMs)))
    return ring
  }

  add(samples: MetricsSamples): void {
    if (samples.node) this.ring(this.nodes, SampleStore.key(samples.clusterId, samples.node.nodeId)).push(samples.node)
    for (const task of samples.tasks) this.ring(this.tasks, SampleStore.key(samples.clusterId, task.taskId)).push(task)
  }

  /** What is kept for a target: its nodes' samples, or every task of its service. */
  history(clusterId: string, snapshot: Pick<Snapshot, 'nodes'>, target: MetricsTarget): MetricsHistory {
    if ('nodeIds' in target) {
      const wanted = new Set(target.nodeIds)
      const ids = snapshot.nodes.filter((n) => wanted.has(n.id) || wanted.has(n.hostname)).map((n) => n.id)
      return { nodes: ids.flatMap((id) => this.nodes.get(SampleStore.key(clusterId, id))?.values() ?? []), tasks: [] }
    }
    const prefix = SampleStore.key(clusterId, '')
    const tasks: TaskSample[] = []
    for (const [key, ring] of this.tasks) {
      if (!key.startsWith(prefix)) continue
      const values = ring.values()
      if (values[0]?.serviceId === target.serviceId) tasks.push(...values)
    }
    return { nodes: [], tasks }
  }

  /** Series whose newest sample is older than the span (a task gone, a node no longer watched) go. */
  prune(now: number): void {
    for (const rings of [this.nodes, this.tasks] as Map<string, TimeRing<{ at: number }>>[]) {
      for (const [key, ring] of rings) {
        ring.prune(now)
        if (ring.size === 0) rings.delete(key)
      }
    }
  }

  dropCluster(clusterId: string): void {
    const prefix = SampleStore.key(clusterId, '')
    for (const rings of [this.nodes, this.tasks] as Map<string, unknown>[]) for (const key of [...rings.keys()]) if (key.startsWith(prefix)) rings.delete(key)
  }
}
