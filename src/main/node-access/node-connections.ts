// One SSH connection per node, opened on first use along the node's route, reused by every
// terminal, forward and metric of that node, and closed when nothing has used it for a while
// (or when its cluster closes). The node's own engine rides on it like a manager's does.
import type { NodeRoute, NodeRouteView } from '../../shared/node-access'
import { phrase } from '../../shared/phrase'
import type { SwarmNode } from '../../shared/domain'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import type { HostKeyStore } from '../connections/ssh/known-hosts'
import { configKnowsHost, listHostAliases, loadSshConfig } from '../connections/ssh/ssh-config'
import { openSshConnection, type SshConnection } from '../connections/ssh/ssh-connection'
import { engineOverSsh } from '../connections/ssh/ssh-engine'
import { EngineGateway } from '../docker/engine-gateway'
import type { ApiCallCounter } from '../docker/call-counter'
import { refusal } from '../i18n/words'
import { guessRoute, type ClusterAccess, type SshConfigView } from './route-guess'

/** What a cluster's SSH endpoint lends to its nodes: the same key or agent, and the user. */
export interface NodeCredentials {
  user?: string
  identityFile?: string
  useAgent: boolean
  passphrase?: string
}

export interface NodeConnectionsDeps {
  registry: ClusterRegistry
  hostKeys: HostKeyStore
  sshConfigPath?: string
  counter?: ApiCallCounter
  /** The credentials of the endpoint the cluster uses now (an SSH endpoint's; else the agent and ~/.ssh/config). */
  credentialsFor(clusterId: string): Promise<NodeCredentials>
  /** Routes the user saved with the cluster's profile, by node hostname. */
  savedRoutes(clusterId: string): Promise<Record<string, NodeRoute>>
  /** A node's connection is closed after this long unused. */
  idleMs?: number
  connectTimeoutMs?: number
}

/** A node's connection lent to one user (a terminal, a forward, a sampler); release it when done. */
export interface NodeLease {
  node: SwarmNode
  route: NodeRouteView
  /** null for the engine SwarmDesk reaches on this computer's socket: no SSH to it */
  ssh: SshConnection | null
  engine: EngineGateway
  release(): void
}

interface Entry {
  opened: Promise<{ ssh: SshConnection; engine: EngineGateway; close(): void }>
  leases: number
  idle: NodeJS.Timeout | null
}

const DEFAULT_IDLE_MS = 60_000
/** The node's engine socket, where `docker -H ssh://node` looks for it. */
const NODE_ENGINE_SOCKET = '/var/run/docker.sock'

export class NodeConnections {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly deps: NodeConnectionsDeps) {}

  /** ~/.ssh/config as the route guess reads it (re-read each time: the user may have just edited it). */
  private configView(): SshConfigView {
    const config = loadSshConfig(this.deps.sshConfigPath)
    const aliases = listHostAliases(config)
    return {
      aliasFor: (name) => aliases.find((a) => a.alias === name || a.hostName === name)?.alias ?? null,
      knows: (name) => configKnowsHost(name, config)
    }
  }

  private accessOf(clusterId: string): ClusterAccess {
    const access = this.deps.registry.get(clusterId).access
    if (!access?.ssh) return { kind: 'local', engineNodeId: access?.managerNodeId ?? null }
    const { target } = access.ssh
    return { kind: 'ssh', host: target.alias, port: target.port === 22 ? null : target.port, user: target.user, managerNodeId: access.managerNodeId }
  }

  /** Every node's route, as the cluster is reached now. */
  async routes(clusterId: string): Promise<NodeRouteView[]> {
    const snapshot = this.deps.registry.get(clusterId).currentSnapshot()
    const [saved, access, view] = [await this.deps.savedRoutes(clusterId), this.accessOf(clusterId), this.configView()]
    return snapshot.nodes.map((node) => guessRoute(node, access, saved, view))
  }

  private nodeOf(clusterId: string, nodeId: string): SwarmNode {
    const node = this.deps.registry.get(clusterId).currentSnapshot().nodes.find((n) => n.id === nodeId || n.hostname === nodeId)
    if (!node) throw refusal('NOT_FOUND', phrase('terminals.said.no-node', { node: nodeId }))
    return node
  }

  /**
   * The node's connection (opened along its route if needed). `evenIfDown`: try a node the swarm
   * sees down (a locked manager's engine runs and answers while the swarm counts it down).
   */
  async lease(clusterId: string, nodeId: string, options: { evenIfDown?: boolean } = {}): Promise<NodeLease> {
    const node = this.nodeOf(clusterId, nodeId)
    if (node.state === 'down' && !options.evenIfDown) throw refusal('UNREACHABLE', phrase('terminals.said.node-down', { node: node.hostname }))
    const route = guessRoute(node, this.accessOf(clusterId), await this.deps.savedRoutes(clusterId), this.configView())
    if (route.route.via === 'manager-itself') {
      const session = this.deps.registry.get(clusterId)
      const ssh = session.access?.ssh ?? null
      // the engine behind the local socket is the node itself: its engine, no SSH
      if (!ssh && route.source !== 'local-connection') throw refusal('UNAVAILABLE', phrase('terminals.said.no-manager-connection', { node: node.hostname }))
      return { node, route, ssh, engine: session.engine, release: () => undefined }
    }
    const key = `${clusterId}\u0000${node.hostname}\u0000${JSON.stringify(route.route)}`
    let entry = this.entries.get(key)
    if (!entry) {
      entry = { opened: this.open(clusterId, node, route), leases: 0, idle: null }
      this.entries.set(key, entry)
      const opening = entry
      opening.opened.then(
        (opened) => opened.ssh.onClosed(() => this.forget(key, opening)),
        () => this.forget(key, opening)
      )
    }
    const current = entry
    if (current.idle) clearTimeout(current.idle)
    current.idle = null
    current.leases++
    let released = false
    const release = (): void => {
      if (released) return
      released = true
      current.leases--
      if (current.leases === 0 && this.entries.get(key) === current) {
        current.idle = setTimeout(() => this.closeEntry(key, current), this.deps.idleMs ?? DEFAULT_IDLE_MS)
        current.idle.unref?.()
      }
    }
    try {
      const { ssh, engine } = await current.opened
      return { node, route, ssh, engine, release }
    } catch (error) {
      release()
      throw error
    }
  }

  private async open(clusterId: string, node: SwarmNode, view: NodeRouteView): Promise<{ ssh: SshConnection; engine: EngineGateway; close(): void }> {
    const { route } = view
    const credentials = await this.deps.credentialsFor(clusterId)
    const through = route.via === 'manager' ? this.deps.registry.get(clusterId).access?.ssh ?? undefined : undefined
    if (route.via === 'manager' && !through) throw refusal('UNAVAILABLE', phrase('terminals.said.no-manager-connection', { node: node.hostname }))
    const ssh = await openSshConnection({
      host: route.host,
      port: route.port,
      user: route.user ?? (route.via === 'manager' ? credentials.user : undefined),
      identityFile: credentials.identityFile,
      passphrase: credentials.passphrase,
      useAgent: credentials.useAgent,
      hostKeys: this.deps.hostKeys,
      sshConfigPath: this.deps.sshConfigPath,
      connectTimeoutMs: this.deps.connectTimeoutMs,
      through
    })
    try {
      const handle = await engineOverSsh(ssh, { remoteSocket: NODE_ENGINE_SOCKET, connectTimeoutMs: this.deps.connectTimeoutMs })
      return { ssh, engine: new EngineGateway(handle.docker, this.deps.counter), close: () => handle.close() }
    } catch (error) {
      ssh.close()
      throw error
    }
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) !== entry) return
    if (entry.idle) clearTimeout(entry.idle)
    this.entries.delete(key)
  }

  private closeEntry(key: string, entry: Entry): void {
    this.forget(key, entry)
    entry.opened.then((opened) => opened.close(), () => undefined)
  }

  /** Every node connection of a cluster (it closed), or of all clusters. */
  close(clusterId?: string): void {
    for (const [key, entry] of [...this.entries]) {
      if (clusterId === undefined || key.startsWith(`${clusterId}\u0000`)) this.closeEntry(key, entry)
    }
  }

  /** Node connections open now (tests check that none is left behind). */
  get openCount(): number {
    return this.entries.size
  }
}
