import { Client } from 'ssh2'
import { phrase } from '../../../shared/phrase'
import { refusal } from '../../i18n/english'
import { joinedPhrases } from '../../i18n/phrase-list'
import { createEngineClient } from '../../docker/engine-client'
import type { EngineHandle } from '../engine-handle'
import type { HostKeyStore } from './known-hosts'
import { buildAuthPlan, localUserName } from './ssh-auth'
import { chooseCarrier } from './ssh-carrier-choice'
import { SshChannelAgent, type SshCarrier } from './ssh-carriers'
import { loadSshConfig, resolveHost } from './ssh-config'
import { hostKeyAlgorithms, connectClient } from './ssh-connect'
import type { Target } from './ssh-errors'

/**
 * The Docker Engine API over one persistent SSH connection (ssh2), the way `docker -H ssh://`
 * works but without spawning `ssh`:
 * - the host key is checked against ~/.ssh/known_hosts plus the app's own file, and an unknown or
 *   changed key refuses the connection with the details needed to ask the user;
 * - each HTTP connection of dockerode is an SSH channel to the remote engine socket
 *   (direct-streamlocal, like `ssh -L /local.sock:/var/run/docker.sock`); channels are kept and
 *   reused by a keep-alive agent (a new channel costs a round trip, a new dial-stdio ~100 ms);
 * - when the server refuses to forward unix sockets (`AllowStreamLocalForwarding no`, or a
 *   non-OpenSSH server), each channel runs `docker system dial-stdio` instead, like docker/cli's
 *   connection helper. Which one is used is decided once, at open time, with `GET /_ping`.
 * Every step has a deadline; the passphrase is only handed to the key parser, never to a message.
 * The parts: ssh-auth.ts (keys, agent, passphrases), ssh-connect.ts (handshake, host key, auth),
 * ssh-carriers.ts and ssh-carrier-choice.ts (the two carriers and the choice between them),
 * ssh-errors.ts (how failures are classified and worded).
 */

export interface SshEngineOptions {
  /** Host name, address, or a Host alias of the ssh config. */
  host: string
  port?: number
  user?: string
  identityFile?: string
  passphrase?: string
  useAgent: boolean
  /** Default: process.env.SSH_AUTH_SOCK. */
  agentSocket?: string
  remoteSocket: string
  hostKeys: HostKeyStore
  /** Default: ~/.ssh/config. */
  sshConfigPath?: string
  /** Deadline for the TCP connection + SSH handshake + authentication, and for each later step. */
  connectTimeoutMs?: number
  keepaliveIntervalMs?: number
  /** Channels kept open to the engine (parallel API calls). OpenSSH's MaxSessions (10) bounds exec channels. */
  maxChannels?: number
  /** Passed to dockerode as its `timeout`: an API call with no data for this long fails. Default: none. */
  callTimeoutMs?: number
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
const DEFAULT_KEEPALIVE_INTERVAL_MS = 5_000
const DEFAULT_MAX_CHANNELS = 8

/**
 * Connect to an engine over SSH. Rejects with an AppError: HOST_KEY_UNKNOWN / HOST_KEY_CHANGED
 * (with `hostKey` details), AUTH_FAILED, CONNECTION_REFUSED, UNREACHABLE, TIMEOUT,
 * SOCKET_FORWARDING_REFUSED or CONNECTION_LOST.
 */
export async function openSshEngine(options: SshEngineOptions): Promise<EngineHandle> {
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const config = loadSshConfig(options.sshConfigPath)
  const resolved = resolveHost(options.host, config)
  const target: Target = {
    alias: options.host,
    hostName: resolved.hostName,
    port: options.port ?? resolved.port ?? 22,
    user: options.user ?? resolved.user ?? localUserName()
  }

  const plan = await buildAuthPlan({
    username: target.user,
    identityFile: options.identityFile,
    configIdentityFiles: resolved.identityFiles,
    passphrase: options.passphrase,
    useAgent: options.useAgent,
    agentSocket: options.agentSocket
  })
  if (plan.steps.length === 0) {
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

  await connectClient(
    client,
    target,
    plan,
    options.hostKeys,
    hostKeyAlgorithms(knownTypes),
    timeoutMs,
    options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS
  )

  // Without TCP_NODELAY, Nagle plus the server's delayed ACK hold back small SSH packets: opening a
  // channel then cost ~44 ms in the lab instead of ~2 ms (and dockerode's small requests suffer too).
  client.setNoDelay(true)
  const agent = new SshChannelAgent(client, options.remoteSocket, timeoutMs, options.maxChannels ?? DEFAULT_MAX_CHANNELS)
  let closedByUser = false
  let dropped: { reason: Error } | null = null
  const listeners: Array<(reason: Error | null) => void> = []

  const shutdown = (): void => {
    agent.destroy()
    client.end()
    // If the server does not answer the disconnect, drop the socket anyway.
    setTimeout(() => client.destroy(), 2000).unref()
  }

  let carrier: SshCarrier
  try {
    carrier = await chooseCarrier(client, agent, target, options.remoteSocket, timeoutMs)
  } catch (error) {
    closedByUser = true
    shutdown()
    throw error
  }

  client.on('close', () => {
    agent.destroy()
    if (closedByUser || dropped) return
    const where = `${target.hostName}:${target.port}`
    const reason = refusal(
      'CONNECTION_LOST',
      lastError ? phrase('connections.said.ssh.lost', { where, message: lastError.message }) : phrase('connections.said.ssh.closed', { where })
    )
    dropped = { reason }
    for (const listener of listeners.splice(0)) listener(reason)
  })

  const docker = createEngineClient({ kind: 'agent', agent, idleTimeoutMs: options.callTimeoutMs })
  const via = target.alias !== target.hostName ? ` (${target.alias})` : ''
  return {
    docker,
    carrier,
    description: `ssh ${target.user}@${target.hostName}:${target.port}${via} -> ${options.remoteSocket}`,
    close(): void {
      if (closedByUser) return
      closedByUser = true
      listeners.length = 0
      shutdown()
    },
    onClosed(listener: (reason: Error | null) => void): void {
      if (closedByUser) return
      if (dropped) {
        const { reason } = dropped
        queueMicrotask(() => listener(reason))
        return
      }
      listeners.push(listener)
    }
  }
}
