import type { EngineClient } from '../docker/engine-client'
import type { SshConnection } from './ssh/ssh-connection'

/**
 * One live way to talk to one engine: its client (made by docker/engine-client.ts) plus whatever
 * carries it (a unix socket, a TCP connection, an SSH connection). Closing the handle closes the
 * carrier. The cluster session wraps the client in the gateway; nothing else calls it.
 */
export interface EngineHandle {
  docker: EngineClient
  /** For humans: `unix:///var/run/docker.sock`, `ssh root@10.77.0.11:22 -> /var/run/docker.sock`. */
  description: string
  /** How the API calls travel: useful to show and to test the dial-stdio fallback. */
  carrier: 'socket' | 'tcp' | 'ssh-streamlocal' | 'ssh-dial-stdio'
  /** The SSH connection the engine rides on (an SSH endpoint): node access jumps through it. */
  ssh?: SshConnection
  close(): void
  /** Called once if the carrier dies on its own (SSH connection dropped). */
  onClosed(listener: (reason: Error | null) => void): void
}
