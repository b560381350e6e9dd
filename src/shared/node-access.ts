import { z } from 'zod'

/**
 * How SwarmDesk reaches one node of a cluster over SSH, to open that node's own engine (terminals,
 * port-forwards, metrics) with nothing installed on it. Guessed per node, shown, editable, and
 * saved with the cluster's profile, keyed by the node's hostname (a node that leaves and rejoins
 * gets a new ID but keeps its name, and ~/.ssh/config speaks in names).
 */
export const nodeRouteSchema = z.object({
  /**
   * `manager`: an SSH connection to `host` carried over the cluster's current manager connection
   * (the manager as a jump host: workers on a private network). `direct`: from this machine, as
   * `ssh host` would go (a ~/.ssh/config alias keeps its ProxyJump). `manager-itself`: the node
   * is the manager SwarmDesk is connected to; its connection is reused.
   */
  via: z.enum(['manager', 'direct', 'manager-itself']),
  /** A host name, address or ~/.ssh/config alias (for `manager`: as the manager resolves it). */
  host: z.string().trim().min(1).max(255).regex(/^[^\s@/]+$/, 'must be a host name, address or ~/.ssh/config alias, without user@ or spaces'),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().trim().regex(/^[a-z_][a-z0-9_.-]*$/i, 'must be a user name like root or deploy').optional()
})
export type NodeRoute = z.infer<typeof nodeRouteSchema>

/** Why a route is what it is: the user saved it, ~/.ssh/config knows the node, or SwarmDesk guessed. */
export const nodeRouteSourceSchema = z.enum(['saved', 'ssh-config', 'manager-connection', 'through-manager', 'node-address'])
export type NodeRouteSource = z.infer<typeof nodeRouteSourceSchema>

export const nodeRouteViewSchema = z.object({
  nodeId: z.string(),
  hostname: z.string(),
  route: nodeRouteSchema,
  source: nodeRouteSourceSchema,
  /** `ssh …` as a user would type it to reach the node the same way (with `-J` for a jump). */
  sshCommand: z.string()
})
export type NodeRouteView = z.infer<typeof nodeRouteViewSchema>
