// What node access takes from a cluster's profile: the credentials its SSH endpoint lends to the
// nodes, and the routes the user saved.
import type { ConnectionProfile, Endpoint } from '../../shared/connections'
import type { NodeRoute } from '../../shared/node-access'
import type { ProfileStore } from '../connections/profile-store'
import type { NodeCredentials } from './node-connections'

/**
 * The nodes are reached with what reaches the manager: the SSH endpoint's key (and passphrase),
 * agent and user. Another kind of endpoint (a socket, a context) lends the agent and ~/.ssh/config.
 */
export async function nodeCredentials(endpoint: Endpoint | undefined, passphrase: () => Promise<string | undefined>): Promise<NodeCredentials> {
  if (endpoint?.kind === 'ssh') {
    return {
      user: endpoint.user,
      identityFile: endpoint.identityFile,
      useAgent: endpoint.useAgent,
      passphrase: endpoint.hasPassphrase ? await passphrase() : undefined
    }
  }
  if (endpoint?.kind === 'docker-host' && endpoint.dockerHost.startsWith('ssh://')) {
    const user = new URL(endpoint.dockerHost).username
    return { user: user ? decodeURIComponent(user) : undefined, useAgent: true }
  }
  return { useAgent: true }
}

/** Saves the route with the profile; the default engine (not a saved profile) keeps it for this run only. */
export async function saveNodeRoute(profiles: ProfileStore, profile: ConnectionProfile, hostname: string, route: NodeRoute | null, persisted: boolean): Promise<ConnectionProfile> {
  if (persisted) return profiles.setNodeRoute(profile.id, hostname, route)
  const routes = { ...(profile.nodeRoutes ?? {}) }
  if (route) routes[hostname] = route
  else delete routes[hostname]
  return { ...profile, nodeRoutes: routes }
}
