import type { Service, Task } from '../../../../shared/domain'
import { isCurrentTask } from '../services/service-format'

/**
 * A stack's current tasks, as `docker stack ps` lists them (without the history): one row per
 * task its services want running, named `<service>.<slot>` (or `<service>.<node>` for a global
 * service), by service then slot or node. Pure.
 */

export interface StackTaskRow {
  id: string
  /** `<service>.<slot>`, or `<service>.<hostname>` for a task with no slot */
  name: string
  service: string
  hostname: string
  task: Task
}

const byPlace = (a: StackTaskRow, b: StackTaskRow): number => {
  if (a.task.slot !== null && b.task.slot !== null) return a.task.slot - b.task.slot
  return a.hostname.localeCompare(b.hostname, undefined, { numeric: true })
}

export function stackTaskRows(services: readonly Pick<Service, 'id' | 'name'>[], tasks: Record<string, Task> | null, hostnameOf: (nodeId: string | null) => string): StackTaskRow[] {
  const names = new Map(services.map((s) => [s.id, s.name]))
  const rows: StackTaskRow[] = []
  for (const task of Object.values(tasks ?? {})) {
    const service = names.get(task.serviceId)
    if (service === undefined || !isCurrentTask(task)) continue
    const hostname = hostnameOf(task.nodeId)
    rows.push({ id: task.id, name: `${service}.${task.slot ?? hostname}`, service, hostname, task })
  }
  return rows.sort((a, b) => a.service.localeCompare(b.service) || byPlace(a, b))
}
