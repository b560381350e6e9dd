import { createEngineClient } from '../../docker/engine-client'
import type { EngineHandle } from '../engine-handle'
import { chooseCarrier } from './ssh-carrier-choice'
import { SshChannelAgent, type SshCarrier } from './ssh-carriers'
import { openSshConnection, type SshConnection, type SshConnectionOptions } from './ssh-connection'

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
 * The parts: ssh-connection.ts (one connection, direct, jumped or through ~/.ssh/config's
 * ProxyJump), ssh-auth.ts (keys, agent, passphrases), ssh-connect.ts (handshake, host key, auth),
 * ssh-carriers.ts and ssh-carrier-choice.ts (the two carriers and the choice between them),
 * ssh-errors.ts (how failures are classified and worded).
 */

export interface SshEngineOptions extends SshConnectionOptions {
  remoteSocket: string
  /** Channels kept open to the engine (parallel API calls). OpenSSH's MaxSessions (10) bounds exec channels. */
  maxChannels?: number
  /** Passed to dockerode as its `timeout`: an API call with no data for this long fails. Default: none. */
  callTimeoutMs?: number
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
const DEFAULT_MAX_CHANNELS = 8

/**
 * Connect to an engine over SSH. Rejects with an AppError: HOST_KEY_UNKNOWN / HOST_KEY_CHANGED
 * (with `hostKey` details), AUTH_FAILED, CONNECTION_REFUSED, UNREACHABLE, TIMEOUT,
 * SOCKET_FORWARDING_REFUSED or CONNECTION_LOST.
 */
export async function openSshEngine(options: SshEngineOptions): Promise<EngineHandle> {
  const connection = await openSshConnection(options)
  try {
    return await engineOverSsh(connection, options)
  } catch (error) {
    connection.close()
    throw error
  }
}

/**
 * The engine at `remoteSocket` over an open SSH connection (a manager's, or a node's). The handle
 * owns the connection: closing it closes the connection.
 */
export async function engineOverSsh(connection: SshConnection, options: Pick<SshEngineOptions, 'remoteSocket' | 'connectTimeoutMs' | 'maxChannels' | 'callTimeoutMs'>): Promise<EngineHandle> {
  const { client, target } = connection
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const agent = new SshChannelAgent(client, options.remoteSocket, timeoutMs, options.maxChannels ?? DEFAULT_MAX_CHANNELS)
  let carrier: SshCarrier
  try {
    carrier = await chooseCarrier(client, agent, target, options.remoteSocket, timeoutMs)
  } catch (error) {
    agent.destroy()
    throw error
  }
  connection.onClosed(() => agent.destroy())
  const docker = createEngineClient({ kind: 'agent', agent, idleTimeoutMs: options.callTimeoutMs })
  const via = target.alias !== target.hostName ? ` (${target.alias})` : ''
  return {
    docker,
    carrier,
    ssh: connection,
    description: `ssh ${connection.description}${via} -> ${options.remoteSocket}`,
    close(): void {
      agent.destroy()
      connection.close()
    },
    onClosed(listener: (reason: Error | null) => void): void {
      connection.onClosed(listener)
    }
  }
}
