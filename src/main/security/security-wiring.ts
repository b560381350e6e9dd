// Cluster security wired to the rest of main: the swarm object of each open cluster, the node
// connections (a locked manager is unlocked over its own), the keychain; and the contract's
// procedures mapped onto the two services.
import type { ClusterRegistry } from '../clusters/cluster-registry'
import type { NodeConnections } from '../node-access/node-connections'
import type { Platform } from '../platform/platform'
import type { Router } from '../rpc/dispatcher'
import { createAutolockService } from './autolock-service'
import { createSecurityService } from './security-service'
import { createSwarmAccess } from './swarm-access'
import { UnlockKeyStore } from './unlock-key-store'

type SecurityRoute =
  | 'security.facts'
  | 'security.revealJoin'
  | 'security.rotateJoinToken'
  | 'security.updateSettings'
  | 'security.planCaRotation'
  | 'security.rotateCa'
  | 'security.setAutolock'
  | 'security.unlockKey'
  | 'security.keepUnlockKey'
  | 'security.forgetUnlockKey'
  | 'security.probeManagers'
  | 'security.unlock'

export function createSecurity(deps: { registry: ClusterRegistry; nodes: NodeConnections; platform: Platform; pollMs?: number }) {
  const access = createSwarmAccess(deps.registry, { pollMs: deps.pollMs })
  const unlockKeys = new UnlockKeyStore(deps.platform)
  const security = createSecurityService({ access, unlockKeys })
  const autolock = createAutolockService({ access, nodes: deps.nodes, unlockKeys })
  const routes: Pick<Router, SecurityRoute> = {
    'security.facts': ({ clusterId }) => security.facts(clusterId),
    'security.revealJoin': ({ clusterId, role }) => security.revealJoin(clusterId, role),
    'security.rotateJoinToken': ({ clusterId, role }) => security.rotateJoinToken(clusterId, role),
    'security.updateSettings': ({ clusterId, settings }) => security.updateSettings(clusterId, settings),
    'security.planCaRotation': ({ clusterId, ...input }) => security.planCaRotation(clusterId, input),
    'security.rotateCa': ({ clusterId, ...input }) => security.rotateCa(clusterId, input),
    'security.setAutolock': ({ clusterId, enabled }) => autolock.setAutolock(clusterId, enabled),
    'security.unlockKey': ({ clusterId, rotate }) => autolock.unlockKey(clusterId, rotate),
    'security.keepUnlockKey': ({ clusterId, unlockKey }) => autolock.keepUnlockKey(clusterId, unlockKey),
    'security.forgetUnlockKey': ({ clusterId }) => autolock.forgetUnlockKey(clusterId),
    'security.probeManagers': ({ clusterId }) => autolock.probeManagers(clusterId),
    'security.unlock': ({ clusterId, nodeId, unlockKey }) => autolock.unlock(clusterId, nodeId, unlockKey)
  }
  return { routes, dispose: () => access.dispose() }
}
