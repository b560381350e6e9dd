// Node access wired to the rest of main (it lives with exec/, which builds on node-access/): one connection per node (node-connections.ts) lent the
// credentials of the cluster's SSH endpoint and the routes saved with its profile, the terminals
// over it, and everything closed with its cluster.
import { DEFAULT_PROFILE_ID, type ClusterState } from '../../shared/connections'
import type { NodeRoute } from '../../shared/node-access'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import type { ProfileStore } from '../connections/profile-store'
import type { HostKeyStore } from '../connections/ssh/known-hosts'
import type { ApiCallCounter } from '../docker/call-counter'
import { createTerminalService } from './terminal-service'
import type { EventBus } from '../rpc/event-bus'
import { NodeConnections } from '../node-access/node-connections'
import { nodeCredentials, saveNodeRoute } from '../node-access/node-profile'

export function createNodeAccess(deps: { registry: ClusterRegistry; bus: EventBus; hostKeys: HostKeyStore; profiles: ProfileStore; sshConfigPath: string; counter?: ApiCallCounter; idleMs?: number }) {
  const { registry, bus, profiles } = deps
  const nodes = new NodeConnections({
    registry,
    hostKeys: deps.hostKeys,
    sshConfigPath: deps.sshConfigPath,
    counter: deps.counter,
    idleMs: deps.idleMs,
    credentialsFor: async (clusterId) => {
      const session = registry.get(clusterId)
      const index = session.access?.endpointIndex ?? 0
      return nodeCredentials(session.profile.endpoints[index], () => profiles.passphrase(session.profile.id, index))
    },
    savedRoutes: async (clusterId) => registry.get(clusterId).profile.nodeRoutes ?? {}
  })
  const terminals = createTerminalService({ bus, nodes, snapshot: (clusterId) => registry.get(clusterId).snapshot() })
  // A closed cluster takes its terminals and node connections with it.
  bus.subscribe((name, payload) => {
    if (name !== 'cluster.state' || (payload as ClusterState).phase !== 'closed') return
    const { clusterId } = payload as ClusterState
    terminals.closeAll(clusterId)
    nodes.close(clusterId)
  })

  async function saveRoute(clusterId: string, hostname: string, route: NodeRoute | null) {
    const session = registry.get(clusterId)
    const saved = await saveNodeRoute(profiles, session.profile, hostname, route, session.profile.id !== DEFAULT_PROFILE_ID)
    session.profile.nodeRoutes = saved.nodeRoutes
    return nodes.routes(clusterId)
  }

  return { nodes, terminals, saveRoute }
}
