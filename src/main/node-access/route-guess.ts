// Which way to each node? Pure: the node, how the cluster is reached, what the user saved and
// what ~/.ssh/config knows, in; a route and why, out. Order, most deliberate first:
// 1. a route the user saved for this hostname;
// 2. the manager SwarmDesk is connected to over SSH: its own connection, reused; the engine it
//    reaches on this computer's socket: that socket, with no SSH at all;
// 3. a node ~/.ssh/config knows by its hostname or address (an alias whose HostName is it, or a
//    Host pattern matching its name): `ssh NAME` as the user would type it, ProxyJump included;
// 4. a cluster reached over SSH: through that manager as a jump host, to the node's address
//    (the manager reaches every node: Swarm needs it to; the nodes may be on a private network);
// 5. a local engine (socket): straight to the node's address.
import type { NodeRoute, NodeRouteSource, NodeRouteView } from '../../shared/node-access'

export interface RouteNode {
  id: string
  hostname: string
  /** Status.Addr: the address the node talks to the swarm from */
  address: string
}

export type ClusterAccess =
  | {
      kind: 'ssh'
      /** the endpoint's host as the user wrote it (alias or address) and how it resolved */
      host: string
      port: number | null
      user: string | null
      /** the node ID of the manager the session is connected to (engine info) */
      managerNodeId: string | null
    }
  | {
      kind: 'local'
      /** the node ID of the engine behind the local socket (engine info), null when not known */
      engineNodeId: string | null
    }

export interface SshConfigView {
  /** a concrete alias whose HostName is this name or address, if any */
  aliasFor(nameOrAddress: string): string | null
  /** a Host block other than the catch-all matches this name */
  knows(name: string): boolean
}

const sshUserHost = (user: string | null | undefined, host: string, port: number | null | undefined): string =>
  `${user ? `${user}@` : ''}${host.includes(':') ? `[${host}]` : host}${port && port !== 22 ? `:${port}` : ''}`

/** `ssh …` for a route, as a user would type it. */
export function sshCommandOf(route: NodeRoute, access: ClusterAccess): string {
  if (route.via === 'manager-itself' && access.kind === 'local') return ''
  const portFlag = route.port && route.port !== 22 ? ` -p ${route.port}` : ''
  const target = `${route.user ? `${route.user}@` : ''}${route.host}`
  if (route.via === 'manager' && access.kind === 'ssh') return `ssh -J ${sshUserHost(access.user, access.host, access.port)}${portFlag} ${target}`
  return `ssh${portFlag} ${target}`
}

export function guessRoute(node: RouteNode, access: ClusterAccess, saved: Readonly<Record<string, NodeRoute>>, config: SshConfigView): NodeRouteView {
  const view = (route: NodeRoute, source: NodeRouteSource): NodeRouteView => ({ nodeId: node.id, hostname: node.hostname, route, source, sshCommand: sshCommandOf(route, access) })
  const kept = saved[node.hostname]
  if (kept) return view(kept, 'saved')
  if (access.kind === 'ssh' && access.managerNodeId === node.id) {
    return view({ via: 'manager-itself', host: access.host, ...(access.port ? { port: access.port } : {}), ...(access.user ? { user: access.user } : {}) }, 'manager-connection')
  }
  if (access.kind === 'local' && access.engineNodeId === node.id) return view({ via: 'manager-itself', host: node.hostname }, 'local-connection')
  const alias = config.aliasFor(node.hostname) ?? config.aliasFor(node.address)
  if (alias) return view({ via: 'direct', host: alias }, 'ssh-config')
  if (config.knows(node.hostname)) return view({ via: 'direct', host: node.hostname }, 'ssh-config')
  if (access.kind === 'ssh') return view({ via: 'manager', host: node.address, ...(access.user ? { user: access.user } : {}) }, 'through-manager')
  return view({ via: 'direct', host: node.address }, 'node-address')
}
