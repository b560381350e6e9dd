// Who watches what, and so what each node's sampler must read each interval. Pure.
import type { Snapshot } from '../../shared/domain'
import type { MetricsTarget } from '../../shared/metrics'

export interface Watch {
  watchId: string
  clusterId: string
  target: MetricsTarget
}

export interface WantedTask {
  taskId: string
  serviceId: string
  containerId: string
}

/** Per node ID: its own figures wanted or not, and the running tasks on it to read. */
export type Wanted = Map<string, { node: boolean; tasks: WantedTask[] }>

/** What the watches of one cluster ask of each node now (a service's tasks come and go: read from the mirror each time). */
export function wantedSamples(watches: Iterable<Watch>, snapshot: Pick<Snapshot, 'nodes' | 'tasks'>): Wanted {
  const wanted: Wanted = new Map()
  const slot = (nodeId: string) => {
    let entry = wanted.get(nodeId)
    if (!entry) wanted.set(nodeId, (entry = { node: false, tasks: [] }))
    return entry
  }
  const known = new Map<string, string>()
  for (const node of snapshot.nodes) {
    known.set(node.id, node.id)
    known.set(node.hostname, node.id)
  }
  const services = new Set<string>()
  for (const watch of watches) {
    if ('nodeIds' in watch.target) {
      for (const ref of watch.target.nodeIds) {
        const id = known.get(ref)
        if (id) slot(id).node = true
      }
    } else services.add(watch.target.serviceId)
  }
  if (services.size > 0) {
    for (const task of snapshot.tasks) {
      if (!services.has(task.serviceId) || task.state !== 'running' || !task.nodeId || !task.containerId) continue
      slot(task.nodeId).tasks.push({ taskId: task.id, serviceId: task.serviceId, containerId: task.containerId })
    }
  }
  return wanted
}

/** The watches, by ID and by cluster. */
export class WatchBook {
  private readonly watches = new Map<string, Watch & { release: () => void }>()

  add(watch: Watch, release: () => void = () => undefined): void {
    this.watches.set(watch.watchId, { ...watch, release })
  }

  /** The watch removed (its release called), or null when there was none. */
  remove(watchId: string): Watch | null {
    const watch = this.watches.get(watchId)
    if (!watch) return null
    this.watches.delete(watchId)
    watch.release()
    return watch
  }

  ofCluster(clusterId: string): Watch[] {
    return [...this.watches.values()].filter((w) => w.clusterId === clusterId)
  }

  clusters(): Set<string> {
    return new Set([...this.watches.values()].map((w) => w.clusterId))
  }

  ids(clusterId?: string): string[] {
    return [...this.watches.values()].filter((w) => clusterId === undefined || w.clusterId === clusterId).map((w) => w.watchId)
  }

  get size(): number {
    return this.watches.size
  }
}
