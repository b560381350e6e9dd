import { isDeepStrictEqual } from 'node:util'
import type { EntityKind, Task } from '../../shared/domain'

type Entity = { id: string }

/**
 * The mirror's entities by kind and id, with the tasks of each service indexed: a rollout, a
 * convergence wait or a removed service asks for one service's tasks, and at 100,000 tasks a scan
 * of all of them per question made an event storm's cost grow with the whole cluster.
 *
 * A value is kept as it is (no serialised copy: at that size a JSON string per entity doubled the
 * memory); an update is a change when it differs deeply from what is held.
 */
export class EntityStore {
  private readonly maps: Record<EntityKind, Map<string, Entity>> = {
    node: new Map(),
    service: new Map(),
    task: new Map(),
    secret: new Map(),
    config: new Map(),
    network: new Map()
  }
  private readonly taskIdsByService = new Map<string, Set<string>>()

  get(kind: EntityKind, id: string): Entity | undefined {
    return this.maps[kind].get(id)
  }

  values<T>(kind: EntityKind): T[] {
    return [...this.maps[kind].values()] as T[]
  }

  ids(kind: EntityKind): string[] {
    return [...this.maps[kind].keys()]
  }

  /** The tasks of one service, without looking at the others. */
  tasksOf(serviceId: string): Task[] {
    const ids = this.taskIdsByService.get(serviceId)
    if (!ids) return []
    const tasks: Task[] = []
    for (const id of ids) tasks.push(this.maps.task.get(id) as Task)
    return tasks
  }

  /**
   * Holds `value`; false when it equals what was held (nothing to tell), or is an older version of
   * it: reads overlap (an event's, a follow's, the full pass that streams for seconds at 100,000
   * tasks), and an older answer landing last left a task stale until the next full pass.
   */
  set(kind: EntityKind, value: Entity): boolean {
    const map = this.maps[kind]
    const existing = map.get(value.id)
    if (existing && (isOlder(value, existing) || isDeepStrictEqual(existing, value))) return false
    if (kind === 'task') this.indexTask(existing as Task | undefined, value as Task)
    map.set(value.id, value)
    return true
  }

  /** False when nothing of that id was held. */
  delete(kind: EntityKind, id: string): boolean {
    const map = this.maps[kind]
    const existing = map.get(id)
    if (!existing) return false
    map.delete(id)
    if (kind === 'task') this.unindexTask(existing as Task)
    return true
  }

  /** Everything of a kind at once (a snapshot). */
  replaceAll(kind: EntityKind, values: Entity[]): void {
    const map = this.maps[kind]
    map.clear()
    if (kind === 'task') this.taskIdsByService.clear()
    for (const value of values) {
      if (kind === 'task') this.indexTask(map.get(value.id) as Task | undefined, value as Task)
      map.set(value.id, value)
    }
  }

  private indexTask(previous: Task | undefined, task: Task): void {
    if (previous) {
      if (previous.serviceId === task.serviceId) return
      this.unindexTask(previous)
    }
    let ids = this.taskIdsByService.get(task.serviceId)
    if (!ids) this.taskIdsByService.set(task.serviceId, (ids = new Set()))
    ids.add(task.id)
  }

  private unindexTask(task: Task): void {
    const ids = this.taskIdsByService.get(task.serviceId)
    if (!ids) return
    ids.delete(task.id)
    if (ids.size === 0) this.taskIdsByService.delete(task.serviceId)
  }
}

/** `value` is an older version of what is held (entities carry their Raft version index). */
function isOlder(value: Entity, held: Entity): boolean {
  const next = (value as { version?: unknown }).version
  const now = (held as { version?: unknown }).version
  return typeof next === 'number' && typeof now === 'number' && next < now
}
