// Which task `SERVICE[.SLOT]` (or `--task ID`) names, for everything that reaches into one task:
// `service exec`, port-forwards. Pure.
import type { Snapshot, Task } from '../../shared/domain'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'

export interface TaskTarget {
  /** `SERVICE` or `SERVICE.SLOT` (a service name or ID) */
  target: string | null
  /** a task ID or a prefix of at least 4 characters */
  task: string | null
}

/**
 * The task `SERVICE[.SLOT]` names: a running one, the slot's when given, else the lowest slot
 * (a global service: the first node by name). A task given by ID is returned as it is.
 */
export function chooseTask(snapshot: Pick<Snapshot, 'services' | 'tasks' | 'nodes'>, args: TaskTarget): Task {
  if (args.task) {
    const wanted = args.task
    const task = snapshot.tasks.find((t) => t.id === wanted || (wanted.length >= 4 && t.id.startsWith(wanted)))
    if (!task) throw refusal('NOT_FOUND', phrase('forwards.said.no-task', { task: wanted }))
    return task
  }
  const target = args.target ?? ''
  const byName = snapshot.services.find((s) => s.name === target || s.id === target)
  const slotMatch = byName ? null : /^(.+)\.(\d+)$/.exec(target)
  const service = byName ?? (slotMatch ? snapshot.services.find((s) => s.name === slotMatch[1] || s.id === slotMatch[1]) : undefined)
  if (!service) throw refusal('NOT_FOUND', phrase('forwards.said.no-service', { service: slotMatch ? slotMatch[1] : target }))
  const slot = slotMatch ? Number(slotMatch[2]) : null
  const hostname = (t: Task): string => snapshot.nodes.find((n) => n.id === t.nodeId)?.hostname ?? ''
  const running = snapshot.tasks
    .filter((t) => t.serviceId === service.id && t.desiredState === 'running' && t.state === 'running' && (slot === null || t.slot === slot))
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || hostname(a).localeCompare(hostname(b)))
  if (running.length === 0) {
    throw refusal('CONFLICT', slot === null ? phrase('forwards.said.no-running-task', { service: service.name }) : phrase('forwards.said.no-running-slot', { service: service.name, slot }))
  }
  return running[0]
}
