import type { Service, Task } from '../../../../shared/domain'

/**
 * A rolling update as the mirror shows it: per slot (or node, for global services) the task that
 * runs now and whether it runs the new image or still the old one; the failing task of a paused
 * update. Pure.
 */
export interface SlotProgress {
  /** `web.3`, or the node's hostname for a global service */
  key: string
  image: string
  state: Task['state']
  side: 'new' | 'old' | 'other'
  error: string
}

export interface RolloutView {
  state: NonNullable<Service['updateStatus']>['state'] | null
  message: string
  slots: SlotProgress[]
  updated: number
  total: number
  /** the newest task error of the service's tasks on the target image (why an update paused) */
  failure: { taskId: string; error: string; slot: string } | null
  /** the image being rolled out and the one it replaces (null: unknown) */
  newImage: string
  oldImage: string | null
}

const current = (t: Task): boolean => t.desiredState === 'running' || t.desiredState === 'ready'

/**
 * Which spec a task runs: the service's current one (`new`; during a rollback, the one being
 * restored), the previous one (`old`), or another. Told by the task's spec key, since an env-only
 * or secret-only rollout keeps the image; by image only when keys are unknown.
 */
export function sideOf(task: Task, service: Service): SlotProgress['side'] {
  if (task.specKey && service.specKey) {
    if (task.specKey === service.specKey) return 'new'
    return service.previousSpecKey && task.specKey === service.previousSpecKey ? 'old' : 'other'
  }
  if (task.image === service.image) return 'new'
  return service.previousImage && task.image === service.previousImage ? 'old' : 'other'
}

export function rolloutView(service: Service, tasks: readonly Task[], hostnameOf: (nodeId: string | null) => string): RolloutView {
  const status = service.updateStatus
  const rollingBack = status?.state === 'rollback_started' || status?.state === 'rollback_paused' || status?.state === 'rollback_completed'
  // during a rollback the "new" image is the one being restored (the spec's), the old is the failed one
  const newImage = service.image
  const oldImage = service.previousImage ?? null
  const mine = tasks.filter((t) => t.serviceId === service.id)
  const slotKey = (t: Task): string => (t.slot !== null ? `${service.name}.${t.slot}` : hostnameOf(t.nodeId) || (t.nodeId ?? '?'))
  const bySlot = new Map<string, Task>()
  for (const task of mine.filter(current)) {
    const key = slotKey(task)
    const seen = bySlot.get(key)
    if (!seen || Date.parse(task.createdAt) > Date.parse(seen.createdAt)) bySlot.set(key, task)
  }
  const slots = [...bySlot.entries()]
    .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
    .map(([key, task]) => ({ key, image: task.image, state: task.state, side: sideOf(task, service), error: task.error }))
  const failing = mine
    .filter((t) => t.error !== '' && (rollingBack ? true : sideOf(t, service) === 'new'))
    .sort((a, b) => Date.parse(b.timestamp || b.createdAt) - Date.parse(a.timestamp || a.createdAt))[0]
  return {
    state: status?.state ?? null,
    message: status?.message ?? '',
    slots,
    updated: slots.filter((s) => s.side === 'new' && s.state === 'running').length,
    total: service.mode === 'replicated' ? service.placement.replicas ?? service.desiredTasks : service.desiredTasks,
    failure: failing ? { taskId: failing.id, error: failing.error, slot: slotKey(failing) } : null,
    newImage,
    oldImage
  }
}
