import type { Network, Service, SwarmNode, Task } from './domain'

/**
 * Who uses a network, and where named volumes live, derived from the mirror alone (no extra
 * engine call). Pure; shared by main (the remove check) and the renderer (the tables).
 */

export interface NetworkUser {
  id: string
  name: string
}

/**
 * The services attached to a network by their spec (TaskTemplate.Networks holds IDs; a name is
 * accepted too for specs written by old clients). The ingress network is never in a spec: the
 * services that publish a port in ingress mode use it.
 */
export function servicesOnNetwork(network: Pick<Network, 'id' | 'name' | 'ingress'>, services: readonly Service[]): NetworkUser[] {
  return services
    .filter((service) =>
      network.ingress
        ? service.ports.some((port) => port.publishMode === 'ingress' && port.publishedPort !== null)
        : (service.networks ?? []).some((attachment) => attachment.target === network.id || attachment.target === network.name)
    )
    .map((service) => ({ id: service.id, name: service.name }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

export interface VolumeOnNode {
  nodeId: string
  /** The node's hostname, or its ID when the node is no longer in the swarm. */
  hostname: string
  /** Services whose running tasks on this node mount the volume. */
  services: string[]
}

export interface ClusterVolume {
  name: string
  driver: string
  /** Every service that mounts it, whether or not a task runs now. */
  services: string[]
  /** The nodes where a task that mounts it is meant to run now; each keeps its own copy (local driver). */
  nodes: VolumeOnNode[]
  /** A task on more than one node and the local driver: each node has a different volume of that name. */
  perNodeCopies: boolean
}

/**
 * The named volumes services mount (mounts of type volume with a source), and the nodes where
 * those services' tasks are meant to run now (desired state running, assigned to a node). Each
 * node holds its own volume of that name: Swarm does not share or move volume data.
 */
export function volumesAcrossCluster(services: readonly Service[], tasks: readonly Task[], nodes: readonly SwarmNode[]): ClusterVolume[] {
  const hostnames = new Map(nodes.map((node) => [node.id, node.hostname]))
  const volumes = new Map<string, { driver: string; services: Set<string>; nodes: Map<string, Set<string>> }>()
  const servicesById = new Map(services.map((service) => [service.id, service]))

  for (const service of services) {
    for (const mount of service.mounts ?? []) {
      if (mount.type !== 'volume' || !mount.source) continue
      const entry = volumes.get(mount.source) ?? { driver: mount.volumeDriver ?? 'local', services: new Set(), nodes: new Map() }
      entry.services.add(service.name)
      volumes.set(mount.source, entry)
    }
  }
  for (const task of tasks) {
    if (task.desiredState !== 'running' || !task.nodeId) continue
    const service = servicesById.get(task.serviceId)
    if (!service) continue
    for (const mount of service.mounts ?? []) {
      if (mount.type !== 'volume' || !mount.source) continue
      const perNode = volumes.get(mount.source)?.nodes
      if (!perNode) continue
      const users = perNode.get(task.nodeId) ?? new Set<string>()
      users.add(service.name)
      perNode.set(task.nodeId, users)
    }
  }

  return [...volumes.entries()]
    .map(([name, entry]) => {
      const onNodes = [...entry.nodes.entries()]
        .map(([nodeId, users]) => ({ nodeId, hostname: hostnames.get(nodeId) ?? nodeId, services: [...users].sort() }))
        .sort((a, b) => a.hostname.localeCompare(b.hostname))
      return {
        name,
        driver: entry.driver,
        services: [...entry.services].sort(),
        nodes: onNodes,
        perNodeCopies: entry.driver === 'local' && onNodes.length > 1
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

export interface NodeVolumes {
  nodeId: string
  hostname: string
  /** The named volumes this node holds for the tasks meant to run on it, with the services that mount each. */
  volumes: { name: string; driver: string; services: string[] }[]
}

/** The same facts turned around: per node, its volumes and who mounts them. Pure. */
export function volumesByNode(volumes: readonly ClusterVolume[]): NodeVolumes[] {
  const byNode = new Map<string, NodeVolumes>()
  for (const volume of volumes) {
    for (const node of volume.nodes) {
      const entry = byNode.get(node.nodeId) ?? { nodeId: node.nodeId, hostname: node.hostname, volumes: [] }
      entry.volumes.push({ name: volume.name, driver: volume.driver, services: node.services })
      byNode.set(node.nodeId, entry)
    }
  }
  return [...byNode.values()].sort((a, b) => a.hostname.localeCompare(b.hostname))
}
