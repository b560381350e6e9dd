import type { Service, Task } from '../../../../shared/domain'

/** `docker.io/library/nginx:1.27@sha256:…` -> `nginx:1.27`: what people typed, not the digest pin. */
export function shortImage(image: string): string {
  const withoutDigest = image.replace(/@sha256:[a-f0-9]+$/i, '')
  return withoutDigest.replace(/^(docker\.io\/|index\.docker\.io\/)(library\/)?/, '')
}

/** `8080:80/tcp`, `:80/tcp` (unpublished), with ` (host)` — in the user's words — for host-mode publishing. */
export function formatPort(port: Service['ports'][number], hostWord = 'host'): string {
  const published = port.publishedPort === null ? '' : String(port.publishedPort)
  return `${published}:${port.targetPort}/${port.protocol}${port.publishMode === 'host' ? ` (${hostWord})` : ''}`
}

/** The engine's task messages (swarmkit's words, `pending task scheduling`) as catalogue keys under status.engineMessage; null for others. */
const ENGINE_TASK_MESSAGES = new Set(['created', 'allocated', 'pending task scheduling', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'started', 'finished', 'shutdown', 'rejected', 'removed'])
export function engineTaskMessageKey(message: string): string | null {
  return ENGINE_TASK_MESSAGES.has(message) ? message.replace(/ /g, '-') : null
}

/** Short of desired: how bad (for colour). */
export function replicaHealth(service: Pick<Service, 'runningTasks' | 'desiredTasks' | 'mode'>): 'ok' | 'short' | 'none' {
  if (service.mode === 'replicated-job' || service.mode === 'global-job') return 'ok'
  if (service.runningTasks >= service.desiredTasks) return 'ok'
  return service.runningTasks === 0 ? 'none' : 'short'
}

/** Historic tasks (desired shutdown/remove) are the ones `docker service ps` shows with `\_`. */
export function isCurrentTask(task: Task): boolean {
  return task.desiredState !== 'shutdown' && task.desiredState !== 'remove'
}

/** Current tasks first, then by slot (or node), newest first within a slot: like `docker service ps`. */
export function orderTasks(tasks: readonly Task[], hostnameOf: (nodeId: string | null) => string): Task[] {
  return [...tasks].sort((a, b) => {
    const current = Number(isCurrentTask(b)) - Number(isCurrentTask(a))
    if (current !== 0) return current
    const place = a.slot !== null && b.slot !== null ? a.slot - b.slot : hostnameOf(a.nodeId).localeCompare(hostnameOf(b.nodeId), undefined, { numeric: true })
    if (place !== 0) return place
    return Date.parse(b.timestamp || b.createdAt) - Date.parse(a.timestamp || a.createdAt)
  })
}
