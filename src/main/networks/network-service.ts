import type { Network } from '../../shared/domain'
import { phrase } from '../../shared/phrase'
import { networkProblemPhrase } from '../../shared/network-problem-phrases'
import { servicesOnNetwork } from '../../shared/network-usage'
import { networkCreateCli, networkRemoveCli, type EngineVolume, type NetworkDraft, type NetworkPlan, type NetworkRemovalPlan } from '../../shared/networks'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { toAppError } from '../docker/engine-errors'
import type { EngineGateway } from '../docker/engine-gateway'
import type { EngineNetwork } from '../docker/engine-shapes'
import { normaliseNetwork, normaliseService, STACK_NAMESPACE_LABEL } from '../mirror/normalise'
import { networkCreateBody, planNetworkDraft } from './network-draft'
import { refusal } from '../i18n/words'

/**
 * The swarm allocates a new network (driver, IPAM) a moment after create answers; until then
 * inspect shows it without them. Waits a little for the allocated view (the mirror catches up
 * by itself through the network `update` event either way).
 */
async function inspectAllocated(engine: EngineGateway, id: string): Promise<EngineNetwork> {
  let raw = await engine.inspectNetwork(id)
  for (let attempt = 0; attempt < 20 && !raw.Driver; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)))
    raw = await engine.inspectNetwork(id)
  }
  return raw
}

/**
 * Overlay networks (plan, create, planned remove) and the connected engine's volumes. Plans read
 * the mirror; create re-plans against the engine's own list so a name or subnet taken a moment
 * ago is still caught, and remove re-reads the services so the refusal names who uses it now.
 */
export function createNetworkService(registry: ClusterRegistry) {
  const swarmNetworks = async (engine: EngineGateway): Promise<Network[]> => (await engine.listNetworks({ scope: ['swarm'] })).map(normaliseNetwork)

  function networkOf(clusterId: string, networkId: string): Network {
    const network = registry.get(clusterId).currentSnapshot().networks.find((n) => n.id === networkId)
    if (!network) throw refusal('NOT_FOUND', phrase('networks.said.not-found', { network: networkId }))
    return network
  }

  return {
    plan(clusterId: string, draft: NetworkDraft): NetworkPlan {
      const problems = planNetworkDraft(draft, registry.get(clusterId).currentSnapshot().networks)
      return { problems, ok: !problems.some((p) => p.severity === 'error'), cli: networkCreateCli(draft) }
    },

    async create(clusterId: string, draft: NetworkDraft): Promise<{ network: Network; cli: string }> {
      const engine = registry.get(clusterId).engine
      try {
        // Against the engine's own list, not the mirror: a name or subnet taken a moment ago counts.
        const errors = planNetworkDraft(draft, await swarmNetworks(engine)).filter((p) => p.severity === 'error')
        if (errors.length) {
          const issues = errors.map((p) => ({ path: p.index === undefined ? p.field : `${p.field}.${p.index}`, message: `${p.code} ${JSON.stringify(p.params)}`, said: networkProblemPhrase(p) }))
          throw refusal('INVALID_INPUT', phrase('networks.said.not-created', { codes: errors.map((p) => p.code).join(', ') }), { issues })
        }
        const created = await engine.createNetwork(networkCreateBody(draft))
        return { network: normaliseNetwork(await inspectAllocated(engine, created.id)), cli: networkCreateCli(draft) }
      } catch (error) {
        throw toAppError(error)
      }
    },

    planRemove(clusterId: string, networkId: string): NetworkRemovalPlan {
      const network = networkOf(clusterId, networkId)
      const services = servicesOnNetwork(network, registry.get(clusterId).currentSnapshot().services)
      return { network: { id: network.id, name: network.name }, services, blocked: services.length ? 'in-use' : null, cli: networkRemoveCli(network.name) }
    },

    async remove(clusterId: string, networkId: string): Promise<{ removed: string; cli: string }> {
      const network = networkOf(clusterId, networkId)
      const engine = registry.get(clusterId).engine
      try {
        const services = servicesOnNetwork(network, (await engine.listServices()).map(normaliseService))
        if (services.length) {
          throw refusal('IN_USE', phrase('networks.said.in-use', { network: network.name, services: services.map((s) => s.name).join(', ') }))
        }
        await engine.removeNetwork(network.id)
        return { removed: network.name, cli: networkRemoveCli(network.name) }
      } catch (error) {
        throw toAppError(error)
      }
    },

    async volumes(clusterId: string): Promise<{ node: { id: string; hostname: string }; volumes: EngineVolume[]; cli: string }> {
      const session = registry.get(clusterId)
      const snapshot = session.currentSnapshot()
      const nodeId = snapshot.swarm.nodeId
      const hostname = snapshot.nodes.find((n) => n.id === nodeId)?.hostname ?? nodeId
      try {
        const listed = await session.engine.listVolumes()
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
