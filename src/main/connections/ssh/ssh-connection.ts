// One authenticated SSH connection, on its own or carried through another one. It is what a
// manager's engine rides on (ssh-engine.ts), and what node access uses to reach each node: the
// node's own engine, commands on the node (metrics), and channels to a container's address
// (port-forwards). Jumps are the same thing twice: a connection whose socket is a channel
// (`direct-tcpip`) of another connection, like `ssh -J`.
import type { Duplex } from 'node:stream'
import { Client, type ClientChannel, type PseudoTtyOptions } from 'ssh2'
import { phrase } from '../../../shared/phrase'
import { refusal } from '../../i18n/words'
import { joinedPhrases } from '../../../shared/phrase-list'
import type { HostKeyStore } from './known-hosts'
import { buildAuthPlan, localUserName } from './ssh-auth'
import { loadSshConfig, resolveHost, type SshJumpHop } from './ssh-config'
import { connectClient, hostKeyAlgorithms } from './ssh-connect'
import type { Target } from './ssh-errors'

export interface SshConnectionOptions {
  /** Host name, address, or a Host alias of the ssh config. */
  host: string
  port?: number
  user?: string
  identityFile?: string
  passphrase?: string
  useAgent: boolean
  /** Default: process.env.SSH_AUTH_SOCK. */
  agentSocket?: string
  hostKeys: HostKeyStore
  /** Default: ~/.ssh/config. */
  sshConfigPath?: string
  /** Deadline for the TCP connection (or the jump's channel) + SSH handshake + authentication. */
  connectTimeoutMs?: number
  keepaliveIntervalMs?: number
  /**
   * Carry this connection through another one (the manager as a jump host): the target is
   * reached from that host. When absent, ~/.ssh/config's ProxyJump for the host is followed.
   */
  through?: SshConnection
}

export interface SshConnection {
  client: Client
  target: Target
  /** For humans: `root@10.77.0.21:22 via root@10.77.0.11:22`. */
  description: string
  /** A channel from the far end to host:port (a port-forward, or the next hop of a jump). */
  forwardOut(host: string, port: number): Promise<ClientChannel>
  /** A command on the host; with `pty`, a terminal. */
  exec(command: string, options?: { pty?: PseudoTtyOptions }): Promise<ClientChannel>
  close(): void
  /** Called once if the connection dies on its own (or the one it rides on does). */
  onClosed(listener: (reason: Error | null) => void): void
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
const DEFAULT_KEEPALIVE_INTERVAL_MS = 5_000

/**
 * Destroys the client's socket (a TCP socket, or a channel of the connection it rides on).
 * ssh2's own destroy() does nothing once end() has been called (it checks the socket is still
 * writable, and end() made it not): on a link gone silent (an iptables DROP, a cable pulled) the
 * half-closed socket and every channel on it (a terminal, a jump to a node) would wait for TCP to
 * give up, many minutes. Reaches into ssh2's `_sock` (ssh2 is pinned; the spec covers it).
 */
function dropTransport(client: Client): void {
  const sock = (client as unknown as { _sock?: { destroyed?: boolean; destroy(): void } })._sock
  if (sock && !sock.destroyed) sock.destroy()
}

/** `user@host:port`, as messages name an SSH endpoint. */
export const whereOf = (target: Target): string => `${target.user}@${target.hostName}:${target.port}`

/** A channel through `via` to host:port, with the refusal a user can act on when the far end says no. */
function channelThrough(via: SshConnection, target: Target, timeoutMs: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(refusal('TIMEOUT', phrase('connections.said.ssh.jump-timeout', { where: `${target.hostName}:${target.port}`, via: whereOf(via.target), seconds: Math.round(timeoutMs / 1000) }))), timeoutMs)
    via.client.forwardOut('127.0.0.1', 0, target.hostName, target.port, (error, channel) => {
      clearTimeout(timer)
      if (error) {
        reject(refusal('CONNECTION_REFUSED', phrase('connections.said.ssh.jump-refused', { where: `${target.hostName}:${target.port}`, via: whereOf(via.target), message: error.message })))
        return
      }
      resolve(channel)
    })
  })
}

/** Opens the ProxyJump hops of ~/.ssh/config in order; the last one carries the target. */
async function openHops(hops: SshJumpHop[], options: SshConnectionOptions): Promise<SshConnection | undefined> {
  let through: SshConnection | undefined
  try {
    for (const hop of hops) {
      // A hop's own ProxyJump is not followed (OpenSSH would; loops are easy to make, and a failure names its hop).
      through = await connect({ ...options, host: hop.host, port: hop.port ?? undefined, user: hop.user ?? undefined, through }, false)
    }
  } catch (error) {
    through?.close()
    throw error
  }
  return through
}

/**
 * Connect and authenticate. Rejects with an AppError: HOST_KEY_UNKNOWN / HOST_KEY_CHANGED (with
 * `hostKey` details), AUTH_FAILED, CONNECTION_REFUSED, UNREACHABLE, TIMEOUT or CONNECTION_LOST.
 */
export function openSshConnection(options: SshConnectionOptions): Promise<SshConnection> {
  return connect(options, true)
}

async function connect(options: SshConnectionOptions, followProxyJump: boolean): Promise<SshConnection> {
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const config = loadSshConfig(options.sshConfigPath)
  const resolved = resolveHost(options.host, config)
  const target: Target = {
    alias: options.host,
    hostName: resolved.hostName,
    port: options.port ?? resolved.port ?? 22,
    user: options.user ?? resolved.user ?? localUserName()
  }
  const hops = !options.through && followProxyJump ? await openHops(resolved.proxyJump, options) : undefined
  const through = options.through ?? hops

  const plan = await buildAuthPlan({
    username: target.user,
    identityFile: options.identityFile,
    configIdentityFiles: resolved.identityFiles,
    passphrase: options.passphrase,
    useAgent: options.useAgent,
    agentSocket: options.agentSocket
  })
  if (plan.steps.length === 0) {
    hops?.close()
    const who = { user: target.user, host: target.hostName, port: target.port }
    throw refusal(
      'AUTH_FAILED',
      plan.notes.length > 0 ? phrase('connections.said.ssh.no-auth-way', { ...who, notes: joinedPhrases(plan.notes) }) : phrase('connections.said.ssh.no-auth-way-hint', who)
    )
  }

  const knownTypes = await options.hostKeys.knownKeyTypes(target.hostName, target.port).catch(() => [])
  const client = new Client()
  // ssh2 may report errors after we settled (keepalive, resets): never leave 'error' unhandled.
  let lastError: Error | null = null
  client.on('error', (error: Error) => {
    lastError = error
  })
  try {
    const sock = through ? await channelThrough(through, target, timeoutMs) : undefined
    await connectClient(client, target, plan, options.hostKeys, hostKeyAlgorithms(knownTypes, { sshRsa: resolved.sshRsa }), timeoutMs, options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS, sock)
  } catch (error) {
    hops?.close()
    throw error
  }
  // Without TCP_NODELAY, Nagle plus the server's delayed ACK hold back small SSH packets (a
  // channel then took ~44 ms to open in the lab instead of ~2 ms). A jumped connection has no socket of its own.
  if (!through) client.setNoDelay(true)

  let closedByUser = false
  let dropped: { reason: Error } | null = null
  const listeners: Array<(reason: Error | null) => void> = []
  const drop = (reason: Error): void => {
    if (closedByUser || dropped) return
    dropped = { reason }
    for (const listener of listeners.splice(0)) listener(reason)
  }
  client.on('close', () => {
    const where = `${target.hostName}:${target.port}`
    drop(
      refusal(
        'CONNECTION_LOST',
        lastError ? phrase('connections.said.ssh.lost', { where, message: (lastError as Error).message }) : phrase('connections.said.ssh.closed', { where })
      )
    )
  })
  // The connection rides on `through`: when that one goes, so does this one.
  through?.onClosed((reason) => {
    drop(reason ?? refusal('CONNECTION_LOST', phrase('connections.said.ssh.closed', { where: whereOf(through.target) })))
    client.destroy()
  })

  const connection: SshConnection = {
    client,
    target,
    description: through ? `${whereOf(target)} via ${through.description}` : whereOf(target),
    forwardOut: (host, port) =>
      new Promise((resolve, reject) => {
        client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => (error ? reject(error) : resolve(channel)))
      }),
    exec: (command, execOptions = {}) =>
      new Promise((resolve, reject) => {
        const callback = (error: Error | undefined, channel: ClientChannel): void => (error ? reject(error) : resolve(channel))
        if (execOptions.pty) client.exec(command, { pty: execOptions.pty }, callback)
        else client.exec(command, callback)
      }),
    close(): void {
      if (closedByUser) return
      closedByUser = true
      listeners.length = 0
      client.end()
      // If the server does not answer the disconnect, drop the socket anyway.
      setTimeout(() => dropTransport(client), 2000).unref()
      hops?.close()
    },
    onClosed(listener): void {
      if (closedByUser) return
      if (dropped) {
        const { reason } = dropped
        queueMicrotask(() => listener(reason))
        return
      }
      listeners.push(listener)
    }
  }
  return connection
}

