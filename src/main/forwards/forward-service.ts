// Port-forwards: a listener on 127.0.0.1 whose every connection becomes a `direct-tcpip` channel
// on the task's node SSH connection (node-connections.ts) to the container's address as that node
// reaches it, like `ssh -J manager node -N -L LOCAL:ADDRESS:REMOTE`. Nothing is published on the
// cluster. The node's connection is leased while the forward is open. A forward ends when the
// user closes it, with the app, with its cluster, when the node's connection drops or when the
// task stops; `forwards.changed` says so, with why.
import { randomUUID } from 'node:crypto'
import { createServer, type Server, type Socket } from 'node:net'
import type { ClientChannel } from 'ssh2'
import type { Snapshot, Task } from '../../shared/domain'
import type { ForwardInfo, ForwardOpenInput } from '../../shared/forwards'
import { phrase } from '../../shared/phrase'
import { toAppError } from '../docker/engine-errors'
import type { EngineNetwork } from '../docker/engine-shapes'
import { refusal } from '../i18n/words'
import type { NodeConnections, NodeLease } from '../node-access/node-connections'
import type { EventBus } from '../rpc/event-bus'
import { chooseTask } from '../exec/task-choice'
import { runningTaskOf } from '../exec/task-exec'
import { addressCandidates, forwardCli, GATEWAY_BRIDGE, taskLabel } from './forward-target'
import { reachableAddress } from './forward-probe'

/**
 * How long one of the container's addresses gets to accept the first (probe) connection. The
 * other waits are the node connection's (SSH connect, 10 s) and the engine gateway's (15 s idle).
 */
const PROBE_TIMEOUT_MS = 5_000

interface Forward {
  info: ForwardInfo
  server: Server
  sockets: Set<Socket>
  lease: NodeLease
  ended: boolean
}

export interface ForwardServiceDeps {
  bus: EventBus
  nodes: NodeConnections
  /** The cluster's whole model, tasks included. */
  snapshot(clusterId: string): Promise<Snapshot>
  probeTimeoutMs?: number
}

/** Listens on 127.0.0.1:port (0: any free port); a port in use is refused with PORT_IN_USE. */
function listenLocal(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(refusal('PORT_IN_USE', phrase('forwards.said.in-use', { port })))
      else reject(refusal('UNAVAILABLE', phrase('forwards.said.listen-failed', { port, reason: error.code ?? error.message })))
    })
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve(server))
  })
}

/** Where the container is, as its node reaches it (inspected on the node's own engine). */
async function containerAddresses(lease: NodeLease, task: Task, label: string): Promise<string[]> {
  const containerId = task.containerId as string
  const container = await lease.engine.inspectContainer(containerId).catch((error: unknown) => {
    if (toAppError(error).code === 'NOT_FOUND') throw refusal('CONFLICT', phrase('forwards.said.container-gone', { task: label, node: lease.node.hostname }))
    throw error
  })
  if (container.State?.Running === false) throw refusal('CONFLICT', phrase('forwards.said.container-gone', { task: label, node: lease.node.hostname }))
  const gateway: EngineNetwork | null = await lease.engine.inspectNetwork(GATEWAY_BRIDGE).catch(() => null)
  return addressCandidates(container, gateway, container.Id ?? containerId)
}

/** Bytes both ways between a local connection and its channel; either end closing closes the other. */
function splice(socket: Socket, channel: ClientChannel): void {
  socket.pipe(channel)
  channel.pipe(socket)
  const closeBoth = (): void => {
    socket.destroy()
    channel.close()
  }
  socket.once('close', closeBoth)
  socket.once('error', closeBoth)
  channel.once('close', closeBoth)
  channel.once('error', closeBoth)
}

export function createForwardService(deps: ForwardServiceDeps) {
  const forwards = new Map<string, Forward>()
  const list = (clusterId?: string): ForwardInfo[] => [...forwards.values()].filter((f) => clusterId === undefined || f.info.clusterId === clusterId).map((f) => f.info)

  function end(forwardId: string, reason: unknown): void {
    const forward = forwards.get(forwardId)
    if (!forward || forward.ended) return
    forward.ended = true
    forwards.delete(forwardId)
    forward.server.close()
    for (const socket of forward.sockets) socket.destroy()
    forward.lease.release()
    const error = reason ? toAppError(reason).toData() : null
    deps.bus.publish('forwards.changed', {
      forwards: list(),
      ended: {
        forwardId,
        task: forward.info.task,
        localPort: forward.info.localPort,
        reason: error ? { code: error.code, message: error.message, ...(error.said ? { said: error.said } : {}) } : null
      }
    })
  }

  async function open(input: ForwardOpenInput): Promise<ForwardInfo> {
    const snapshot = await deps.snapshot(input.clusterId)
    const chosen = input.service !== undefined ? chooseTask(snapshot, { target: input.service, task: null }) : null
    const task = runningTaskOf(snapshot, chosen?.id ?? (input.taskId as string))
    const service = snapshot.services.find((s) => s.id === task.serviceId)?.name ?? task.serviceId
    // The local port first: a port in use is refused before anything is asked of the cluster.
    const server = await listenLocal(input.localPort)
    let lease: NodeLease | null = null
    try {
      lease = await deps.nodes.lease(input.clusterId, task.nodeId as string)
      const label = taskLabel(service, task.slot, lease.node.hostname)
      const { ssh } = lease
      // the container's address is reached from its node over SSH: none to the local engine
      if (!ssh) throw refusal('UNAVAILABLE', phrase('nodeAccess.said.no-ssh', { node: lease.node.hostname }))
      const candidates = await containerAddresses(lease, task, label)
      const address = await reachableAddress((host, port) => ssh.forwardOut(host, port), candidates, input.remotePort, { task: label, node: lease.node.hostname, timeoutMs: deps.probeTimeoutMs ?? PROBE_TIMEOUT_MS })
      const localPort = (server.address() as { port: number }).port
      const forward: Forward = {
        info: {
          forwardId: randomUUID(),
          clusterId: input.clusterId,
          localPort,
          url: `http://127.0.0.1:${localPort}`,
          taskId: task.id,
          task: label,
          service,
          node: lease.node.hostname,
          containerAddress: address,
          remotePort: input.remotePort,
          cli: forwardCli(lease.route.sshCommand, localPort, address, input.remotePort),
          openedAt: new Date().toISOString()
        },
        server,
        sockets: new Set(),
        lease,
        ended: false
      }
      const held = { node: lease.node, ssh }
      server.on('connection', (socket) => {
        forward.sockets.add(socket)
        socket.once('close', () => forward.sockets.delete(socket))
        socket.on('error', () => socket.destroy())
        held.ssh.forwardOut(address, input.remotePort).then(
          (channel) => (socket.destroyed ? channel.close() : splice(socket, channel)),
          () => socket.destroy()
        )
      })
      forwards.set(forward.info.forwardId, forward)
      held.ssh.onClosed(() => end(forward.info.forwardId, refusal('CONNECTION_LOST', phrase('forwards.said.node-lost', { node: held.node.hostname }))))
      deps.bus.publish('forwards.changed', { forwards: list(), ended: null })
      return forward.info
    } catch (error) {
      server.close()
      lease?.release()
      throw error
    }
  }

  /** Ends the forwards whose task is no longer running (the mirror just changed). */
  function checkTasks(clusterId: string): void {
    const mine = [...forwards.values()].filter((f) => f.info.clusterId === clusterId)
    if (mine.length === 0) return
    // once the tasks are in (a snapshot's second phase); no mirror (reconnecting): the next change asks again
    deps.snapshot(clusterId).then(({ tasks }) => endStopped(mine, tasks), () => undefined)
  }

  function endStopped(mine: Forward[], tasks: Task[]): void {
    for (const forward of mine) {
      const task = tasks.find((t) => t.id === forward.info.taskId)
      if (!task || task.state !== 'running' || task.desiredState !== 'running') end(forward.info.forwardId, refusal('CONFLICT', phrase('forwards.said.task-stopped', { task: forward.info.task })))
    }
  }

  return {
    open,
    list,
    close(forwardId: string): boolean {
      if (!forwards.has(forwardId)) return false
      end(forwardId, null)
      return true
    },
    checkTasks,
    /** Every forward of a cluster (it closed: `reason` says so), or all of them (the app quits). */
    closeAll(clusterId?: string, reason: unknown = null): void {
      for (const [id, forward] of [...forwards]) if (clusterId === undefined || forward.info.clusterId === clusterId) end(id, reason)
    },
    get count(): number {
      return forwards.size
    }
  }
}

export type ForwardService = ReturnType<typeof createForwardService>
