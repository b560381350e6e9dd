import type { ClusterEvent, Config, Delta, Network, Secret, Service, Snapshot, SwarmInfo, SwarmNode, Task } from './domain'

/**
 * The cluster as a set of maps keyed by id, rebuilt from a snapshot and moved forward by deltas.
 * Pure and shared: the renderer's store and the tests use the same function, so what the
 * benchmark measures is what the screen shows.
 */
export interface MirrorModel {
  swarm: SwarmInfo
  nodes: Record<string, SwarmNode>
  services: Record<string, Service>
  tasks: Record<string, Task>
  /** False until the cluster's tasks have been read: views say "loading", not "no tasks". */
  tasksLoaded: boolean
  secrets: Record<string, Secret>
  configs: Record<string, Config>
  networks: Record<string, Network>
  /** Newest last, capped at RECENT_EVENTS_LIMIT. */
  events: ClusterEvent[]
  seq: number
}

export const RECENT_EVENTS_LIMIT = 200

function byId<T extends { id: string }>(items: T[]): Record<string, T> {
  const out: Record<string, T> = {}
  for (const item of items) out[item.id] = item
  return out
}

export function modelFromSnapshot(snapshot: Snapshot): MirrorModel {
  return {
    swarm: snapshot.swarm,
    nodes: byId(snapshot.nodes),
    services: byId(snapshot.services),
    tasks: byId(snapshot.tasks),
    tasksLoaded: snapshot.tasksLoaded,
    secrets: byId(snapshot.secrets),
    configs: byId(snapshot.configs),
    networks: byId(snapshot.networks),
    events: snapshot.events.slice(-RECENT_EVENTS_LIMIT),
    seq: snapshot.seq
  }
}

const collectionOf = {
  node: 'nodes',
  service: 'services',
  task: 'tasks',
  secret: 'secrets',
  config: 'configs',
  network: 'networks'
} as const

type CollectionKey = (typeof collectionOf)[keyof typeof collectionOf]

/**
 * Events usually arrive in order, but the feed's history is loaded after the snapshot, so a merge
 * keeps the feed sorted by time (oldest first) whatever the arrival order.
 */
export function mergeEvents(current: ClusterEvent[], incoming: ClusterEvent[]): ClusterEvent[] {
  const seen = new Set(current.map((e) => e.key))
  const merged = [...current, ...incoming.filter((e) => !seen.has(e.key))]
  const last = current.at(-1)
  if (!last || incoming.some((e) => e.time < last.time)) merged.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))
  return merged.slice(-RECENT_EVENTS_LIMIT)
}

/**
 * Apply one batch. Only the collections a batch touches are copied, so React selectors on the
 * others keep their identity and do not re-render.
 */
export function applyDeltas(model: MirrorModel, deltas: Delta[], toSeq: number): MirrorModel {
  const next: MirrorModel = { ...model, seq: toSeq }
  const copied = new Set<CollectionKey>()
  const writable = <K extends CollectionKey>(key: K): MirrorModel[K] => {
    if (!copied.has(key)) {
      next[key] = { ...model[key] } as MirrorModel[K]
      copied.add(key)
    }
    return next[key]
  }
  let newEvents: ClusterEvent[] | null = null
  for (const delta of deltas) {
    switch (delta.op) {
      case 'upsert': {
        const collection = writable(collectionOf[delta.kind]) as Record<string, typeof delta.value>
        collection[delta.value.id] = delta.value
        break
      }
      case 'remove': {
        const collection = writable(collectionOf[delta.kind])
        delete collection[delta.id]
        break
      }
      case 'swarm':
        next.swarm = delta.value
        break
      case 'tasks':
        next.tasks = byId(delta.values)
        next.tasksLoaded = true
        copied.add('tasks')
        break
      case 'event':
        ;(newEvents ??= []).push(delta.value)
        break
    }
  }
  if (newEvents) next.events = mergeEvents(model.events, newEvents)
  return next
}
