import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { toAppError } from '../docker/engine-errors'
import type { ClusterRegistry } from './cluster-registry'

/** `docker swarm init / join-token / leave` for an open engine. */
export function createSwarmService(registry: ClusterRegistry) {
  return {
    async init(clusterId: string, advertiseAddr: string, listenAddr?: string): Promise<{ nodeId: string }> {
      const session = registry.get(clusterId)
      if (session.phase !== 'no-swarm') throw refusal('ALREADY_IN_SWARM', phrase('clusters.said.already-in-swarm', { name: session.profile.name }))
      try {
        const nodeId = await session.engine.swarmInit({ AdvertiseAddr: advertiseAddr, ListenAddr: listenAddr || '0.0.0.0:2377' })
        await session.refresh()
        return { nodeId: String(nodeId) }
      } catch (error) {
        throw toAppError(error)
      }
    },
    async joinCommands(clusterId: string): Promise<{ worker: string; manager: string }> {
      const session = registry.get(clusterId)
      if (session.phase === 'no-swarm') throw refusal('NOT_IN_SWARM', phrase('clusters.said.not-in-swarm', { name: session.profile.name }))
      const swarm = await session.engine.swarmInspect()
      const info = session.currentSnapshot().swarm
      // The address other nodes join through: the manager's advertise address on the swarm port.
      const nodes = session.currentSnapshot().nodes
      const self = nodes.find((n) => n.id === info.nodeId)
      const address = self?.manager?.address || `${info.nodeAddress}:2377`
      return {
        worker: `docker swarm join --token ${swarm.JoinTokens?.Worker ?? ''} ${address}`,
        manager: `docker swarm join --token ${swarm.JoinTokens?.Manager ?? ''} ${address}`
      }
    },
    async leave(clusterId: string, force: boolean): Promise<{ left: boolean }> {
      const session = registry.get(clusterId)
      try {
        await session.engine.swarmLeave(force)
      } catch (error) {
        const appError = toAppError(error)
        if (/force/i.test(appError.message) && !force) {
          throw refusal('CONFLICT', phrase('clusters.said.leave-force', { message: appError.message }))
        }
        throw appError
      }
      await session.refresh()
      return { left: true }
    }
  }
}
