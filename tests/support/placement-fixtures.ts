/** Builders for the placement table tests (pure data; used by src/main/placement/*.spec.ts). */
import type { PlacementNode, PlacementPlan, ServiceUsage } from '../../src/main/placement/placement-planner'

export const GiB = 1024 ** 3
export const CPU = 1e9

export function node(id: string, overrides: Partial<PlacementNode> = {}): PlacementNode {
  return {
    id,
    hostname: id,
    role: 'worker',
    state: 'ready',
    availability: 'active',
    address: '10.0.0.1',
    os: 'linux',
    arch: 'x86_64',
    labels: {},
    engineLabels: {},
    nanoCpus: 4 * CPU,
    memoryBytes: 8 * GiB,
    reserved: { nanoCpus: 0, memoryBytes: 0 },
    activeTasks: 0,
    hostPortsInUse: [],
    services: {},
    ...overrides
  }
}

/** A node already running `tasks` tasks of `serviceId` (each reserving `perTask`). */
export function running(base: PlacementNode, serviceId: string, tasks: number, perTask = { nanoCpus: 0, memoryBytes: 0 }, hostPorts: string[] = []): PlacementNode {
  const usage: ServiceUsage = { tasks, nanoCpus: tasks * perTask.nanoCpus, memoryBytes: tasks * perTask.memoryBytes, hostPorts }
  return {
    ...base,
    activeTasks: base.activeTasks + tasks,
    reserved: { nanoCpus: base.reserved.nanoCpus + usage.nanoCpus, memoryBytes: base.reserved.memoryBytes + usage.memoryBytes },
    hostPortsInUse: [...new Set([...base.hostPortsInUse, ...hostPorts])],
    services: { ...base.services, [serviceId]: usage }
  }
}

/** `{ hostname: predictedTasks }` */
export function counts(plan: PlacementPlan): Record<string, number> {
  return Object.fromEntries(plan.perNode.map((n) => [n.hostname, n.predictedTasks]))
}

/** `{ hostname: [minTasks, maxTasks] }` */
export function ranges(plan: PlacementPlan): Record<string, [number, number]> {
  return Object.fromEntries(plan.perNode.map((n) => [n.hostname, [n.minTasks, n.maxTasks]]))
}

/** `{ hostname: reason codes }` for ineligible nodes. */
export function reasonCodes(plan: PlacementPlan): Record<string, string[]> {
  return Object.fromEntries(plan.perNode.filter((n) => !n.eligible).map((n) => [n.hostname, n.reasons.map((r) => r.code)]))
}

export function reasonsOf(plan: PlacementPlan, hostname: string): string[] {
  const entry = plan.perNode.find((n) => n.hostname === hostname)
  if (entry === undefined) throw new Error(`no node ${hostname}`)
  return entry.reasons.map((r) => `${r.code}: ${r.message}`)
}
