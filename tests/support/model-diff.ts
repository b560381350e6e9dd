import type { MirrorModel } from '../../src/shared/mirror-model'

/**
 * Field-by-field comparison of two cluster models: the live mirror (a snapshot moved forward by
 * deltas) against a fresh snapshot taken through a new connection. Pure: data in, the list of
 * differing paths out.
 */
export interface Difference {
  /** Where the two differ, e.g. `services.x1y2.labels.tier` or `tasks.t9.secretIds[1]`. */
  path: string
  /** What the live mirror holds there (undefined: nothing). */
  mirror: unknown
  /** What the fresh snapshot holds there (undefined: nothing). */
  fresh: unknown
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const plainKey = /^[A-Za-z_$][\w$-]*$/

function child(path: string, key: string): string {
  const part = plainKey.test(key) ? key : JSON.stringify(key)
  if (!path) return part
  return plainKey.test(key) ? `${path}.${key}` : `${path}[${part}]`
}

/**
 * Every path where `mirror` and `fresh` differ, in key order. Objects are compared key by key over
 * the union of their keys; a key whose value is `undefined` counts as absent, because the renderer
 * receives the model as JSON, where such a key does not exist. Arrays are compared index by index
 * (the engine's order is kept by both sides, so an order change is a difference). Scalars compare
 * with Object.is.
 */
export function deepDiff(mirror: unknown, fresh: unknown, path = '', out: Difference[] = []): Difference[] {
  if (Array.isArray(mirror) && Array.isArray(fresh)) {
    for (let i = 0; i < Math.max(mirror.length, fresh.length); i++) deepDiff(mirror[i], fresh[i], `${path}[${i}]`, out)
  } else if (isRecord(mirror) && isRecord(fresh)) {
    const keys = [...new Set([...Object.keys(mirror), ...Object.keys(fresh)])].sort()
    for (const key of keys) deepDiff(mirror[key], fresh[key], child(path, key), out)
  } else if (!Object.is(mirror, fresh)) {
    out.push({ path, mirror, fresh })
  }
  return out
}

/**
 * Parts of the model that are not the cluster's state and so are not compared (each with why):
 * - `seq`: each connection numbers its own delta batches from its own start; a new connection's
 *   count says nothing about the cluster.
 * - `events`: the recent-events feed is a log of what each connection heard, not state: a new
 *   connection's snapshot holds none (it loads the engine's history after the snapshot, so the
 *   first screen is not delayed), and the live one holds what the storm itself caused.
 * Everything else — swarm facts, nodes, services, tasks, secrets, configs, networks, and any
 * collection added to the model later — is compared field by field, with no tolerance: the model
 * holds no clock-driven field (timestamps are the engine's own, written with each version).
 */
export const NOT_COMPARED: readonly (keyof MirrorModel)[] = ['seq', 'events']

/**
 * One more tolerance, for one kind of task: a task whose service neither side holds any more.
 * The mirror drops a removed service's tasks with the service (views show tasks under their
 * service), while the engine lists them until their containers have stopped (a stop grace period
 * of 10 s by default), so either side may hold one for a while. They are counted apart
 * (`compareModels(...).orphans`), never silently.
 */
export function orphanTaskIds(mirror: MirrorModel, fresh: MirrorModel): string[] {
  const ids = new Set([...Object.keys(mirror.tasks), ...Object.keys(fresh.tasks)])
  return [...ids].filter((id) => {
    const serviceId = (mirror.tasks[id] ?? fresh.tasks[id]).serviceId
    return !mirror.services[serviceId] && !fresh.services[serviceId]
  })
}

export function compareModels(mirror: MirrorModel, fresh: MirrorModel): Difference[] & { orphans: string[] } {
  const orphans = orphanTaskIds(mirror, fresh)
  const state = (model: MirrorModel): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...model }
    for (const key of NOT_COMPARED) delete copy[key]
    if (orphans.length) {
      const tasks = { ...model.tasks }
      for (const id of orphans) delete tasks[id]
      copy.tasks = tasks
    }
    return copy
  }
  return Object.assign(deepDiff(state(mirror), state(fresh)), { orphans })
}

/** One line per difference, for a test's failure message or a benchmark's table. */
export function describeDifferences(differences: Difference[], limit = 20): string {
  const shown = differences.slice(0, limit).map((d) => `${d.path}: mirror ${JSON.stringify(d.mirror)} / fresh ${JSON.stringify(d.fresh)}`)
  if (differences.length > limit) shown.push(`... and ${differences.length - limit} more`)
  return shown.join('\n')
}
