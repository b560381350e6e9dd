import type { Endpoint, SshEndpoint } from '../../shared/connections'
import { phrase } from '../../shared/phrase'
import { engineTiming } from '../docker/engine-timing'
import { createEngineClient } from '../docker/engine-client'
import { refusal } from '../i18n/words'
import { resolveEndpoint, type ResolvedEndpoint } from './engine-address'

export { envTls, type TlsMaterial } from './engine-address'
import type { EngineHandle } from './engine-handle'
import type { HostKeyStore } from './ssh/known-hosts'
import { openSshEngine } from './ssh/ssh-engine'

export interface ConnectorDeps {
  hostKeys: HostKeyStore
  env: Record<string, string | undefined>
  sshConfigPath?: string
  /** Passphrase for an SSH endpoint of a profile, looked up only at connect time. */
  passphraseFor(endpointIndex: number): Promise<string | undefined>
}

function socketHandle(socketPath: string): EngineHandle {
  return {
    docker: createEngineClient({ kind: 'socket', socketPath }),
    description: `unix://${socketPath}`,
    carrier: 'socket',
    close() {},
    onClosed() {}
  }
}

function tcpHandle({ url, ...address }: Extract<ResolvedEndpoint, { kind: 'tcp' }>): EngineHandle {
  return {
    docker: createEngineClient(address),
    description: url,
    carrier: 'tcp',
    close() {},
    onClosed() {}
  }
}

async function sshHandle(endpoint: SshEndpoint, deps: ConnectorDeps, index: number): Promise<EngineHandle> {
  return openSshEngine({
    host: endpoint.host,
    port: endpoint.port,
    user: endpoint.user,
    identityFile: endpoint.identityFile,
    passphrase: endpoint.hasPassphrase ? await deps.passphraseFor(index) : undefined,
    useAgent: endpoint.useAgent,
    remoteSocket: endpoint.remoteSocket,
    hostKeys: deps.hostKeys,
    sshConfigPath: deps.sshConfigPath,
    callTimeoutMs: engineTiming.idleMs
  })
}

/** Open the carrier for one endpoint. Does not talk to the engine yet; see probeEngine. */
export async function connectEndpoint(endpoint: Endpoint, index: number, deps: ConnectorDeps): Promise<EngineHandle> {
  const where = await resolveEndpoint(endpoint, deps.env)
  switch (where.kind) {
    case 'socket':
      return socketHandle(where.socketPath)
    case 'tcp':
      return tcpHandle(where)
    case 'ssh':
      return sshHandle(where.endpoint, deps, index)
    case 'unsupported':
      throw refusal('INVALID_INPUT', phrase('connections.said.unsupported-address', { address: where.address }))
    case 'no-context':
      throw refusal('NOT_FOUND', phrase('connections.said.no-context', { context: where.context, contexts: where.contexts.join(', ') }))
  }
}
