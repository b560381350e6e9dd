/**
 * Adapter from the mirror's domain types to the planner's input. Pure.
 *
 * Task accounting follows swarmkit's scheduler (manager/scheduler/scheduler.go, nodeinfo.go):
 *  - a task holds reservations and host ports on its node from `assigned` to `running`
 *    (pending tasks, even preassigned ones, hold nothing yet; finished ones nothing any more);
 *  - among those, a task counts as active (the spread and tie-break counts) while its desired
 *    state is at most `complete` (a task being shut down still holds resources but no longer
 *    counts).
 *
 * The mirror's Task carries no reservations or ports of its own: each task is charged its
 * service's current reservations and host-mode ports (exact except during a rolling update that
 * changes them).
 */
import type { Service, SwarmNode, Task } from '../../shared/domain'
import { holdsResources, isActive } from '../../shared/capacity'
import type { HostPort, PlacementNode, PlacementService, ServiceUsage } from './placement-planner'


function hostPortsOf(service: Service): HostPort[] {
  const out: HostPort[] = []
  for (const port of service.ports) {
    if (port.publishMode !== 'host' || port.publishedPort === null || port.publishedPort === 0) continue
    const protocol = port.protocol === 'udp' || port.protocol === 'sctp' ? port.protocol : 'tcp'
    out.push({ protocol, port: port.publishedPort })
  }
  return out
}

export function placementServiceOf(service: Service): PlacementService {
  const placement = service.placement
  return {
    id: service.id,
    name: service.name,
    mode: service.mode,
    // Null for global services and jobs: a replicated job runs up to desiredTasks at once.
    replicas: placement.replicas ?? service.desiredTasks,
    constraints: service.constraints,
    preferences: placement.preferences,
    maxReplicasPerNode: placement.maxReplicasPerNode,
    reservations: placement.reservations,
    platforms: placement.platforms,
    hostPorts: hostPortsOf(service)
  }
}

interface MutableUsage {
  tasks: number
  nanoCpus: number
  memoryBytes: number
  hostPorts: string[]
}

export function fromMirror(
  nodes: readonly SwarmNode[],
  services: readonly Service[],
  tasks: readonly Task[]
): { nodes: PlacementNode[]; services: PlacementService[] } {
  const placementServices = services.map(placementServiceOf)
  const byId = new Map(placementServices.map((service) => [service.id as string, service]))
  const usage = new Map<string, Map<string, MutableUsage>>()
  for (const task of tasks) {
    if (!holdsResources(task)) continue
    const nodeId = task.nodeId as string
    let perService = usage.get(nodeId)
    if (perService === undefined) usage.set(nodeId, (perService = new Map()))
    let entry = perService.get(task.serviceId)
    if (entry === undefined) perService.set(task.serviceId, (entry = { tasks: 0, nanoCpus: 0, memoryBytes: 0, hostPorts: [] }))
    // The task's own reservations are not in the mirror: its service's current ones stand in.
    const service = byId.get(task.serviceId)
    if (service !== undefined) {
      entry.nanoCpus += service.reservations.nanoCpus
      entry.memoryBytes += service.reservations.memoryBytes
      for (const port of service.hostPorts) {
        const key = `${port.protocol}/${port.port}`
        if (!entry.hostPorts.includes(key)) entry.hostPorts.push(key)
      }
    }
    if (isActive(task)) entry.tasks++
  }

  const placementNodes = nodes.map((node): PlacementNode => {
    const perService = usage.get(node.id)
    const servicesUsage: Record<string, ServiceUsage> = {}
    let nanoCpus = 0
    let memoryBytes = 0
    let activeTasks = 0
    const hostPortsInUse: string[] = []
    if (perService !== undefined) {
      for (const [serviceId, entry] of perService) {
        servicesUsage[serviceId] = entry
        nanoCpus += entry.nanoCpus
        memoryBytes += entry.memoryBytes
        activeTasks += entry.tasks
        for (const port of entry.hostPorts) if (!hostPortsInUse.includes(port)) hostPortsInUse.push(port)
      }
    }
    return {
      id: node.id,
      hostname: node.hostname,
      role: node.role,
      state: node.state,
      availability: node.availability,
      address: node.address,
      os: node.os,
      arch: node.arch,
      labels: node.labels,
      engineLabels: node.engineLabels,
      nanoCpus: node.nanoCpus,
      memoryBytes: node.memoryBytes,
      reserved: { nanoCpus, memoryBytes },
      activeTasks,
      hostPortsInUse,
      services: servicesUsage
    }
  })
  return { nodes: placementNodes, services: placementServices }
}
