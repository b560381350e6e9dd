import type { Service, SwarmNode, Task } from './domain'
import { taskStates } from './task-states'

/**
 * Task accounting as swarmkit's scheduler does it (manager/scheduler/nodeinfo.go), and each
 * node's capacity from the mirror alone: the reservations and limits of the tasks placed on it
 * against its CPUs and memory. Pure; used by main's placement planner and the renderer's Nodes
 * page, so both count the same tasks.
 *
 * The mirror's Task carries no resources of its own: each task is charged its service's current
 * reservations and limits (exact except during a rolling update that changes them).
 */

const rank = new Map<string, number>(taskStates.map((state, i) => [state, i]))
const ASSIGNED = rank.get('assigned') as number
const RUNNING = rank.get('running') as number
const COMPLETE = rank.get('complete') as number

/** The task holds its reservations and host ports on its node (assigned..running). */
export function holdsResources(task: Pick<Task, 'nodeId' | 'state'>): boolean {
  const state = rank.get(task.state) ?? 0
  return task.nodeId !== null && state >= ASSIGNED && state <= RUNNING
}

/** The task counts in the scheduler's per-service and per-node task counts. */
export function isActive(task: Pick<Task, 'nodeId' | 'state' | 'desiredState'>): boolean {
  return holdsResources(task) && (rank.get(task.desiredState) ?? 0) <= COMPLETE
}

export interface NodeCapacity {
  nodeId: string
  /** what the node offers (Description.Resources) */
  nanoCpus: number
  memoryBytes: number
  /** sums over the tasks that hold resources on the node */
  reserved: { nanoCpus: number; memoryBytes: number }
  limits: { nanoCpus: number; memoryBytes: number }
  tasks: number
  /** tasks without a limit: their use is bounded only by the node */
  unlimitedTasks: number
}

export function nodeCapacities(nodes: readonly SwarmNode[], services: readonly Service[], tasks: readonly Task[]): NodeCapacity[] {
  const byService = new Map(services.map((s) => [s.id, s]))
  const byNode = new Map<string, NodeCapacity>(
    nodes.map((n) => [n.id, { nodeId: n.id, nanoCpus: n.nanoCpus, memoryBytes: n.memoryBytes, reserved: { nanoCpus: 0, memoryBytes: 0 }, limits: { nanoCpus: 0, memoryBytes: 0 }, tasks: 0, unlimitedTasks: 0 }])
  )
  for (const task of tasks) {
    if (!holdsResources(task)) continue
    const capacity = byNode.get(task.nodeId as string)
    const service = byService.get(task.serviceId)
    if (!capacity || !service) continue
    const { reservations, limits } = service.placement
    capacity.tasks++
    capacity.reserved.nanoCpus += reservations.nanoCpus
    capacity.reserved.memoryBytes += reservations.memoryBytes
    capacity.limits.nanoCpus += limits.nanoCpus
    capacity.limits.memoryBytes += limits.memoryBytes
    if (limits.nanoCpus === 0 || limits.memoryBytes === 0) capacity.unlimitedTasks++
  }
  return [...byNode.values()]
}

/** A share of the node (0..∞, 1 = all of it); null when the node reports no such resource. */
export function share(used: number, total: number): number | null {
  return total > 0 ? used / total : null
}
