import type Dockerode from 'dockerode'
import type { Network } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { servicesOnNetwork } from '../../shared/network-usage'
import { networkCreateCli, networkRemoveCli, type EngineVolume, type NetworkDraft, type NetworkPlan, type NetworkRemovalPlan } from '../../shared/networks'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { toAppError } from '../docker/engine-errors'
import type { EngineNetwork, EngineService } from '../mirror/engine-shapes'
import { normaliseNetwork, normaliseService, STACK_NAMESPACE_LABEL } from '../mirror/normalise'
import { networkCreateBody, planNetworkDraft } from './network-draft'

interface EngineVolumeShape {
  Name?: string
  Driver?: string
  Scope?: string
  Mountpoint?: string
  Labels?: Record<string, string> | null
  CreatedAt?: string
}

/**
 * The swarm allocates a new network (driver, IPAM) a moment after create answers; until then
 * inspect shows it without them. Waits a little for the allocated view (the mirror catches up
 * by itself through the network `update` event either way).
 */
async function inspectAllocated(docker: Dockerode, id: string): Promise<EngineNetwork> {
  let raw = (await docker.getNetwork(id).inspect()) as EngineNetwork
  for (let attempt = 0; attempt < 20 && !raw.Driver; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)))
    raw = (await docker.getNetwork(id).inspect()) as EngineNetwork
  }
  return raw
}

/**
 * Overlay networks (plan, create, planned remove) and the connected engine's volumes. Plans read
 * the mirror; create re-plans against the engine's own list so a name or subnet taken a moment
 * ago is still caught, and remove re-reads the services so the refusal names who uses it now.
 */
export function createNetworkService(registry: ClusterRegistry) {
  const swarmNetworks = async (docker: Dockerode): Promise<Network[]> =>
    ((await docker.listNetworks({ filters: { scope: ['swarm'] } })) as EngineNetwork[]).map(normaliseNetwork)

  function networkOf(clusterId: string, networkId: string): Network {
    const network = registry.get(clusterId).snapshot().networks.find((n) => n.id === networkId)
    if (!network) throw new AppError('NOT_FOUND', `no swarm network ${networkId} (it may have been removed)`)
    return network
  }

  return {
    plan(clusterId: string, draft: NetworkDraft): NetworkPlan {
      const problems = planNetworkDraft(draft, registry.get(clusterId).snapshot().networks)
      return { problems, ok: !problems.some((p) => p.severity === 'error'), cli: networkCreateCli(draft) }
    },

    async create(clusterId: string, draft: NetworkDraft): Promise<{ network: Network; cli: string }> {
      const docker = registry.get(clusterId).docker
      try {
        // Against the engine's own list, not the mirror: a name or subnet taken a moment ago counts.
        const errors = planNetworkDraft(draft, await swarmNetworks(docker)).filter((p) => p.severity === 'error')
        if (errors.length) {
          const issues = errors.map((p) => ({ path: p.index === undefined ? p.field : `${p.field}.${p.index}`, message: `${p.code} ${JSON.stringify(p.params)}` }))
          throw new AppError('INVALID_INPUT', `the network was not created: ${errors.map((p) => p.code).join(', ')}`, { issues })
        }
        const created = await docker.createNetwork(networkCreateBody(draft) as unknown as Dockerode.NetworkCreateOptions)
        return { network: normaliseNetwork(await inspectAllocated(docker, created.id)), cli: networkCreateCli(draft) }
      } catch (error) {
        throw toAppError(error)
      }
    },

    planRemove(clusterId: string, networkId: string): NetworkRemovalPlan {
      const network = networkOf(clusterId, networkId)
      const services = servicesOnNetwork(network, registry.get(clusterId).snapshot().services)
      return { network: { id: network.id, name: network.name }, services, blocked: services.length ? 'in-use' : null, cli: networkRemoveCli(network.name) }
    },

    async remove(clusterId: string, networkId: string): Promise<{ removed: string; cli: string }> {
      const network = networkOf(clusterId, networkId)
      const docker = registry.get(clusterId).docker
      try {
        const services = servicesOnNetwork(network, ((await docker.listServices()) as EngineService[]).map(normaliseService))
        if (services.length) {
          throw new AppError('IN_USE', `${network.name} is used by ${services.map((s) => s.name).join(', ')}: remove them from it (or remove them) first; nothing was changed`)
        }
        await docker.getNetwork(network.id).remove()
        return { removed: network.name, cli: networkRemoveCli(network.name) }
      } catch (error) {
        throw toAppError(error)
      }
    },

    async volumes(clusterId: string): Promise<{ node: { id: string; hostname: string }; volumes: EngineVolume[]; cli: string }> {
      const session = registry.get(clusterId)
      const snapshot = session.snapshot()
      const nodeId = snapshot.swarm.nodeId
      const hostname = snapshot.nodes.find((n) => n.id === nodeId)?.hostname ?? nodeId
      try {
        const listed = (await session.docker.listVolumes()) as { Volumes?: EngineVolumeShape[] | null }
        const volumes = (listed.Volumes ?? [])
          .map((v) => {
            const labels = { ...(v.Labels ?? {}) }
            return {
              name: v.Name ?? '',
              driver: v.Driver ?? '',
              scope: v.Scope ?? '',
              mountpoint: v.Mountpoint ?? '',
              labels,
              createdAt: v.CreatedAt ?? '',
              stack: labels[STACK_NAMESPACE_LABEL] ?? null
            }
          })
          .sort((a, b) => a.name.localeCompare(b.name))
        return { node: { id: nodeId, hostname }, volumes, cli: 'docker volume ls' }
      } catch (error) {
        throw toAppError(error)
      }
    }
  }
}

export type NetworkService = ReturnType<typeof createNetworkService>
